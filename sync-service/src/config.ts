// The service's settings, read from the environment once and checked by zod. `serve` and every
// CLI command that opens the store use the same variables.
import { tmpdir } from 'node:os';
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
  /** A request's headers must arrive within this (slow-header clients are cut off with 408). */
  HEADERS_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1000).max(600_000).default(20_000),
  ),
  /** A whole request (headers and body) must arrive within this. */
  REQUEST_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  ),
  /** Open connections at most; more are refused by the listener. */
  MAX_CONNECTIONS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(1_000)),
  /** Failed authentications (API token, dashboard login) one client address may make per window. */
  AUTH_FAIL_BURST: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(10)),
  AUTH_FAIL_WINDOW_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(86_400).default(60),
  ),
  /** Requests one token may make per minute (API and its dashboard sessions); 0 = no limit. */
  TOKEN_RATE_PER_MINUTE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(0).max(1_000_000).default(600),
  ),
  /** A dashboard session ends after this many hours without a request. */
  SESSION_IDLE_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(720).default(12)),
  /**
   * Whose X-Forwarded-* headers to believe (express «trust proxy»): empty/false = nobody's, true =
   * any, a number = that many hops, or addresses/subnets separated by commas.
   */
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^(true|false|\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/i,
        'true, false, число прокси или адреса через запятую',
      )
      .default('false'),
  ),
  /** Where the Sheets API lives; tests point it at a local fake. */
  SHEETS_API_ROOT_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  /** The service's address as readers reach it: links in reminders and calendar feeds. */
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  /** smtp://user:pass@host:587 or smtps://…; unset = no e-mail reminders. */
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'адрес вида smtp://host:587')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default('cluster-sync <noreply@localhost>')),
  MAX_BOT_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  MAX_API_URL: z.preprocess(emptyAsUndefined, z.url().default('https://platform-api2.max.ru')),
  VKTEAMS_BOT_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  VKTEAMS_API_URL: z.preprocess(emptyAsUndefined, z.url().default('https://myteam.mail.ru/bot/v1')),
  /** Local time (APP_TIME_ZONE) of the daily reminder run in `serve`; "off" = no scheduled run. */
  REMIND_AT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'время ЧЧ:ММ (например 09:00) или off')
      .default('09:00'),
  ),
  /** ISO weekday of the departments' digest: 1 = Monday … 7 = Sunday. */
  REMIND_DIGEST_WEEKDAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(7).default(1)),
  /**
   * Young generation of a report's child process, MB per semi-space. A report allocates a great
   * many short-lived strings for a long time; with V8's default the young generation grows to
   * ~128 MB and a 1M-item report peaks at ~350 MB RSS though ~30 MB of heap is live. 4 MB keeps
   * it under 300 MB for ~5% more CPU.
   */
  REPORT_SEMI_SPACE_MB: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(64).default(4)),
  /** Old-generation heap of a report's child process (--max-old-space-size), MB. */
  REPORT_MEMORY_MB: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(16).max(16_384).default(512)),
  /** A report's child process is stopped after this many seconds (a 1M-item report takes ~1 min). */
  REPORT_TIMEOUT_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().positive().max(86_400).default(900),
  ),
  /** Where reports are written before they are sent (removed once sent); default the system's. */
  REPORT_TMP_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
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
  sessionIdleHours: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  throttle: ThrottleConfig;
  /** express «trust proxy»: false (default), true, a hop count or a list of addresses. */
  trustProxy: boolean | number | string;
  /** Base of links in messages and feeds (no trailing slash). */
  publicUrl: string;
  remind: RemindConfig;
  report: ReportProcessConfig;
}

/** The child process a report is written in (reports/report-process.ts). */
export interface ReportProcessConfig {
  semiSpaceMb: number;
  memoryMb: number;
  timeoutMs: number;
  tmpDir: string;
}

export interface ThrottleConfig {
  /** Failed authentications per client address and window before 429. */
  authFailBurst: number;
  authFailWindowSeconds: number;
  /** API requests per token and minute; 0 = no limit. */
  tokenRatePerMinute: number;
}

export interface RemindConfig {
  smtpUrl: string | undefined;
  mailFrom: string;
  maxBotToken: string | undefined;
  maxApiUrl: string;
  vkteamsBotToken: string | undefined;
  vkteamsApiUrl: string;
  /** Minutes after local midnight, or null for no scheduled run. */
  at: number | null;
  digestWeekday: number;
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
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    sessionIdleHours: e.SESSION_IDLE_HOURS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    maxConnections: e.MAX_CONNECTIONS,
    throttle: {
      authFailBurst: e.AUTH_FAIL_BURST,
      authFailWindowSeconds: e.AUTH_FAIL_WINDOW_SECONDS,
      tokenRatePerMinute: e.TOKEN_RATE_PER_MINUTE,
    },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    remind: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      maxBotToken: e.MAX_BOT_TOKEN,
      maxApiUrl: e.MAX_API_URL.replace(/\/+$/, ''),
      vkteamsBotToken: e.VKTEAMS_BOT_TOKEN,
      vkteamsApiUrl: e.VKTEAMS_API_URL.replace(/\/+$/, ''),
      at: e.REMIND_AT === 'off' ? null : Number(e.REMIND_AT.slice(0, 2)) * 60 + Number(e.REMIND_AT.slice(3)),
      digestWeekday: e.REMIND_DIGEST_WEEKDAY,
    },
    report: {
      semiSpaceMb: e.REPORT_SEMI_SPACE_MB,
      memoryMb: e.REPORT_MEMORY_MB,
      timeoutMs: Math.round(e.REPORT_TIMEOUT_SECONDS * 1000),
      tmpDir: e.REPORT_TMP_DIR ? resolve(cwd, e.REPORT_TMP_DIR) : tmpdir(),
    },
  };
}

function trustProxyOf(value: string): boolean | number | string {
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Today (YYYY-MM-DD) in the configured time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return isoInTimeZone(now, timeZone);
}
