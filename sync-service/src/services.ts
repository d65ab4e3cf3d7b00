// What the HTTP app, the CLI commands and the pull share: settings, logger, the store, the sync
// path and the count of syncs in flight.
import type { Logger } from 'pino';
import { Inflight } from './app/inflight.ts';
import type { Config } from './config.ts';
import { todayIn } from './config.ts';
import { silentLogger } from './http/logger.ts';
import { openStore, type Store } from './store/store.ts';

export interface AppServices {
  config: Config;
  logger: Logger;
  store: Store;
  inflight: Inflight;
  /** Today (YYYY-MM-DD) in the configured time zone. */
  today(): string;
}

export function makeServices(config: Config, store: Store, logger: Logger = silentLogger()): AppServices {
  return {
    config,
    logger,
    store,
    inflight: new Inflight(),
    today: () => todayIn(config.timeZone),
  };
}

/** Opens the store the configuration names (PostgreSQL when DATABASE_URL is set) and wires services. */
export async function openServices(
  config: Config,
  logger?: Logger,
  { offThreadReads = true }: { offThreadReads?: boolean } = {},
): Promise<AppServices> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, offThreadReads });
  return makeServices(config, store, logger);
}
