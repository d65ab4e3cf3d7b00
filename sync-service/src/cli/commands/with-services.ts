// For the commands that use the store: settings from the same environment as `serve`
// (DATA_DIR, DATABASE_URL…), services opened, and the known failures turned into one-line
// CliErrors. The store is closed when the command ends.
import type { AppServices } from '../../services.ts';
import { CliError, type CliIO } from '../command.ts';

export async function openFromEnv(
  io: CliIO,
  logLevel?: string,
  store: { offThreadReads?: boolean } = {},
): Promise<AppServices> {
  const { ConfigError, loadConfig } = await import('../../config.ts');
  const { openServices } = await import('../../services.ts');
  const { createLogger, silentLogger } = await import('../../http/logger.ts');
  let config: import('../../config.ts').Config;
  try {
    config = loadConfig(io.env, io.cwd);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  const logger = logLevel ? createLogger(logLevel === 'config' ? config.logLevel : logLevel) : silentLogger();
  try {
    return await openServices(config, logger, store);
  } catch (error) {
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `хранилище в ${config.dataDir}`;
    throw new CliError(`не удаётся открыть ${where}: ${(error as Error).message}`);
  }
}

/** Runs `work` with services and closes the store afterwards, whatever happens. */
export async function withServices<T>(io: CliIO, work: (services: AppServices) => Promise<T>): Promise<T> {
  // A one-shot command has no other request to answer: its reads need no reader process.
  const services = await openFromEnv(io, undefined, { offThreadReads: false });
  try {
    return await work(services);
  } catch (error) {
    throw await asCliError(error);
  } finally {
    await services.store.close();
  }
}

/** AppError / StoreError failures → CliError with the same Russian message. */
export async function asCliError(error: unknown): Promise<unknown> {
  const { AppError } = await import('../../app/errors.ts');
  const { StoreError } = await import('../../store/errors.ts');
  if (error instanceof AppError || error instanceof StoreError) return new CliError(error.message);
  return error;
}

/** Checks flag values with an API schema; the first problem becomes «--flag: message». */
export async function checkFlags<T>(
  schema: import('zod').ZodType<T>,
  value: unknown,
  flagOf: (key: string) => string = (key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
): Promise<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue.path[0];
  throw new CliError(key === undefined ? issue.message : `${flagOf(String(key))}: ${issue.message}`);
}
