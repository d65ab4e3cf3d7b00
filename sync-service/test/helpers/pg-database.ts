// The one way tests reach PostgreSQL: a fresh database per test file or harness (created through
// the `test` database, dropped after), and fresh schemas inside it, so parallel test files never
// see each other's rows. The admin connection: TEST_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test (TEST_PG_URL is read too, its older name).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN_URL =
  process.env.TEST_DATABASE_URL || process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface TempDatabase {
  url: string;
  /** A new empty schema in this database; the URL's connections use it (search_path). */
  schema(name: string): Promise<string>;
  drop(): Promise<void>;
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTempDatabase(prefix = 'cs_test'): Promise<TempDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await run(PG_ADMIN_URL, `CREATE DATABASE "${name}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async schema(schema) {
      await run(url.toString(), `CREATE SCHEMA "${schema}"`);
      const withSchema = new URL(url);
      withSchema.searchParams.set('options', `-c search_path=${schema}`);
      return withSchema.toString();
    },
    async drop() {
      await run(PG_ADMIN_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
