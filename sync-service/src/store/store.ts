// The canonical store: one interface (api.ts), two backends (embedded SQLite through node:sqlite, or
// PostgreSQL through pg when a database URL is given). Migrations are applied by `openStore`.
import type { Store } from './api.ts';
import { openSqlStore } from './sql-store.ts';
import type { StoreConfig } from './types.ts';

export type { Store } from './api.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export type * from './remind-types.ts';
export type * from './sync-types.ts';
export type * from './types.ts';

/** Opens (creating when needed) and migrates the store the config names. */
export function openStore(config: StoreConfig): Promise<Store> {
  return openSqlStore(config);
}
