// Both store backends for one test suite: SQLite in a temp folder, PostgreSQL in a database made for
// the test file (pg-database.ts) with a fresh schema per store, so tests and test files never see
// each other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openStore, type Store, type StoreConfig } from '../../src/store/store.ts';
import { createTempDatabase, type TempDatabase } from './pg-database.ts';

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Where a new, empty store lives. Open it twice to get two "processes" on one store. */
  freshConfig(): Promise<StoreConfig>;
}

function sqliteBackend(): TestBackend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    async setup() {},
    async teardown() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
    async freshConfig() {
      const dir = mkdtempSync(join(tmpdir(), 'cs-store-'));
      dirs.push(dir);
      return { dataDir: dir };
    },
  };
}

function postgresBackend(): TestBackend {
  let db: TempDatabase | undefined;
  let schemas = 0;
  return {
    name: 'postgres',
    async setup() {
      db = await createTempDatabase();
    },
    async teardown() {
      await db?.drop();
      db = undefined;
    },
    async freshConfig() {
      if (!db) throw new Error('postgres test backend: setup() first');
      return { databaseUrl: await db.schema(`s${++schemas}`), poolSize: 4 };
    },
  };
}

export const BACKENDS: TestBackend[] = [sqliteBackend(), postgresBackend()];

/** Opens stores for one test and closes them after it. */
export class Stores {
  readonly #backend: TestBackend;
  readonly #open: Store[] = [];
  constructor(backend: TestBackend) {
    this.#backend = backend;
  }
  async fresh(): Promise<{ store: Store; config: StoreConfig }> {
    const config = await this.#backend.freshConfig();
    return { store: await this.open(config), config };
  }
  async open(config: StoreConfig): Promise<Store> {
    const store = await openStore(config);
    this.#open.push(store);
    return store;
  }
  async closeAll(): Promise<void> {
    await Promise.all(this.#open.splice(0).map((s) => s.close()));
  }
}

/**
 * One suite's life on `backend`, registered in the calling describe: the backend set up before
 * all and torn down after all; the stores it opens closed after each test (`each`), or after all
 * (`all`: a store opened in a beforeAll serves the whole suite).
 */
export function useStores(backend: TestBackend, close: 'each' | 'all' = 'each'): Stores {
  const stores = new Stores(backend);
  beforeAll(() => backend.setup());
  if (close === 'each') afterEach(() => stores.closeAll());
  afterAll(async () => {
    await stores.closeAll();
    await backend.teardown();
  });
  return stores;
}

/**
 * A new, empty store for a whole process (cluster-sync, the HTTP harness's app) on `backend`, as
 * the environment it reads: DATA_DIR, and on PostgreSQL a database of its own (DATABASE_URL).
 */
export interface ProcessStore {
  env: { DATA_DIR: string; DATABASE_URL: string };
  /** The same store for openStore in the test. */
  config: StoreConfig;
  /** Drops its database (PostgreSQL); the caller removes its folder. */
  drop(): Promise<void>;
}

export async function processStore(backend: TestBackend['name'], dataDir: string): Promise<ProcessStore> {
  const db = backend === 'postgres' ? await createTempDatabase() : undefined;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '' },
    config: { dataDir, databaseUrl: db?.url },
    drop: async () => db?.drop(),
  };
}
