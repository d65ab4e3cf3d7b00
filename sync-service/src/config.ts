// The service's settings, read from the environment once and checked by zod. `serve` and every
// CLI command that opens the store use the same variables.
import { isAbsolute, resolve } from 'node:path';
import { isoInTimeZone } from '@cluster/shared';
import * as z from 'zod';
import { DEFAULT_STALE_DAYS } from './reports/freshness.ts';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-CA', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'неизвестный часовой пояс (например Europe/Moscow)' },
);

/** "1mb", "512kb", "200000" — what express.json's `limit` accepts. */
const byteSize = z.string().regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, 'размер в байтах, например 50mb');

export const ConfigSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'нужен адрес вида postgres://user@host:5432/db')
      .optional(),
  ),
  SOON_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(365).default(14)),
  /** A cluster with no sync or import for longer than this many days is flagged. */
  STALE_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(3650).default(DEFAULT_STALE_DAYS),
  ),
  APP_TIME_ZONE: z.preprocess(emptyAsUndefined, timeZone.default('Europe/Moscow')),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  BODY_LIMIT: z.preprocess(emptyAsUndefined, byteSize.default('20mb')),
  PULL_INTERVAL_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(10080).default(0)),
  GOOGLE_APPLICATION_CREDENTIALS: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Dashboard cookie's Secure flag: auto = when the request came over https (or X-Forwarded-Proto says so). */
  COOKIE_SECURE: z.preprocess(emptyAsUndefined, z.enum(['auto', 'always', 'never']).default('auto')),
  /** Where the Sheets API lives; tests point it at a local fake. */
  SHEETS_API_ROOT_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the embedded store's folder. */
  dataDir: string;
  databaseUrl: string | undefined;
  soonDays: number;
  /** Days without a sync after which a cluster is flagged as silent. */
  staleDays: number;
  timeZone: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  bodyLimit: string;
  /** 0 = no scheduled pull. */
  pullIntervalMinutes: number;
  googleCredentials: string | undefined;
  sheetsRootUrl: string | undefined;
  cookieSecure: 'auto' | 'always' | 'never';
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; a wrong value throws one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const name = String(first.path[0] ?? '');
    const value = env[name];
    throw new ConfigError(`${name}=${value ?? ''}: ${first.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    soonDays: e.SOON_DAYS,
    staleDays: e.STALE_DAYS,
    timeZone: e.APP_TIME_ZONE,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    pullIntervalMinutes: e.PULL_INTERVAL_MINUTES,
    googleCredentials: e.GOOGLE_APPLICATION_CREDENTIALS
      ? resolve(cwd, e.GOOGLE_APPLICATION_CREDENTIALS)
      : undefined,
    sheetsRootUrl: e.SHEETS_API_ROOT_URL,
    cookieSecure: e.COOKIE_SECURE,
  };
}

/** Today (YYYY-MM-DD) in the configured time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return isoInTimeZone(now, timeZone);
}
