// Both store backends for one test suite: SQLite in a temp folder, PostgreSQL in a database made for
// the test file (admin connection from TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
// with a fresh schema per store, so tests and test files never see each other's rows.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store, type StoreConfig } from '../../src/store/store.ts';

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Where a new, empty store lives. Open it twice to get two "processes" on one store. */
  freshConfig(): Promise<StoreConfig>;
}

const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

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
  const database = `cs_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  let schemas = 0;
  return {
    name: 'postgres',
    async setup() {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${database}`);
      } finally {
        await admin.end();
      }
    },
    async teardown() {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
    async freshConfig() {
      const schema = `s${++schemas}`;
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await client.end();
      }
      const withSchema = new URL(url);
      withSchema.searchParams.set('options', `-c search_path=${schema}`);
      return { databaseUrl: withSchema.toString(), poolSize: 4 };
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
