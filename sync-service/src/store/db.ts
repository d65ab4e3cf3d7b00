// A tiny adapter over the two backends: the same SQL (with `?` placeholders) runs on node:sqlite
// and on pg. Only what the store needs: all/run, transactions and a per-key transaction lock.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import pg from 'pg';
import { pace, turn } from '../turn.ts';
import { sqliteReader } from './sqlite-reader.ts';
import type { Backend } from './types.ts';

export type Param = string | number | bigint | null;
export type Row = Record<string, unknown>;

export interface Sql {
  all<T = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
}

export interface Tx extends Sql {
  /** Serialises transactions that take the same key until they end (also across processes). */
  lock(key: string): Promise<void>;
  /** As lock, without waiting: false when another transaction holds the key. */
  tryLock(key: string): Promise<boolean>;
}

export interface Db extends Sql {
  readonly backend: Backend;
  /** Largest number of `?` one statement may carry. */
  readonly maxParams: number;
  /**
   * As all(), for a read of thousands of rows: on PostgreSQL they come PG_PART at a time through a
   * cursor (one snapshot) with a turn of the event loop between parts, since pg decodes whatever
   * the socket holds at once (megabytes: the documents list held /healthz for tens of ms). On
   * SQLite as all(): the reader process sends a large answer in parts already.
   */
  allInParts<T = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * A trivial statement on the connection that writes (SQLite) or the pool (PostgreSQL): the store
   * answers. On SQLite it waits behind a transaction, never behind reads (they run elsewhere).
   */
  ping(): Promise<void>;
  /** PostgreSQL's pool, for libraries that keep shared state in the store's database; none on SQLite. */
  readonly pool?: pg.Pool;
}

export const SQLITE_FILE = 'cluster-sync.db';

/** A statement that only reads (what the reader's read-only connection can run). */
const READS = /^\s*(SELECT|WITH)\b/i;

/**
 * Embedded store: one connection writes; every write, transaction (and the reads inside one) takes
 * turns on it in this process. A read outside a transaction goes to the process's reader
 * (sqlite-reader.ts), off the event loop, unless `offThreadReads` is false.
 */
class SqliteDb implements Db {
  readonly backend = 'sqlite' as const;
  readonly maxParams = 30_000;
  readonly #file: string;
  readonly #offThreadReads: boolean;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #queue: Promise<unknown> = Promise.resolve();
  /** Stores opened on the same file in one process share this connection (see openDb). */
  refs = 1;

  constructor(file: string, offThreadReads: boolean) {
    this.#file = file;
    this.#offThreadReads = offThreadReads;
    this.#db = new DatabaseSync(file);
    this.#db.exec('PRAGMA journal_mode = WAL');
    // FULL: a commit is on disk before it is acknowledged (NORMAL could lose the last ones on power loss).
    this.#db.exec('PRAGMA synchronous = FULL');
    this.#db.exec('PRAGMA busy_timeout = 10000');
    this.#db.exec('PRAGMA foreign_keys = ON');
  }

  #prepare(sql: string): StatementSync {
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      if (this.#statements.size > 500) this.#statements.clear();
      stmt = this.#db.prepare(sql);
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  #all<T>(sql: string, params: readonly Param[] = []): T[] {
    return this.#prepare(sql).all(...params) as T[];
  }

  #run(sql: string, params: readonly Param[] = []): number {
    return Number(this.#prepare(sql).run(...params).changes);
  }

  /** DatabaseSync is synchronous, but a transaction's callback awaits: nothing else may run in between. */
  #exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.#queue.then(fn);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  all<T = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    // Each statement sees the last commit, as on this connection between two transactions.
    if (this.#offThreadReads && READS.test(sql))
      return sqliteReader.ask({ op: 'all', file: this.#file, sql, params }) as Promise<T[]>;
    return this.#exclusive(() => this.#all<T>(sql, params));
  }

  allInParts<T = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return this.all<T>(sql, params);
  }

  async ping(): Promise<void> {
    await this.#exclusive(() => this.#all('SELECT 1'));
  }

  run(sql: string, params?: readonly Param[]): Promise<number> {
    return this.#exclusive(() => this.#run(sql, params));
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      let open = true;
      const guard = () => {
        if (!open) throw new Error('transaction already finished');
      };
      // Each statement blocks the event loop; a long transaction lets it turn every 50 ms so the
      // process keeps answering (other statements still wait in the queue for the transaction).
      const slices = pace(50);
      const breathe = async () => {
        if (slices.due()) await slices.turn();
      };
      const tx: Tx = {
        all: async <R>(sql: string, params?: readonly Param[]) => {
          guard();
          await breathe();
          return this.#all<R>(sql, params);
        },
        run: async (sql, params) => {
          guard();
          await breathe();
          return this.#run(sql, params);
        },
        // BEGIN IMMEDIATE already holds the file's write lock for the whole transaction.
        lock: async () => guard(),
        tryLock: async () => {
          guard();
          return true;
        },
      };
      // IMMEDIATE takes the write lock now, so two processes never both read then fail to upgrade.
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        open = false;
        this.#db.exec('COMMIT');
        return result;
      } catch (error) {
        open = false;
        if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.#exclusive(async () => {
      if (--this.refs > 0) return;
      // Gone from the map first: a store opened meanwhile gets a connection of its own.
      for (const [file, db] of sqliteOpen) if (db === this) sqliteOpen.delete(file);
      // The reader's connection before this one: the last to close checkpoints and removes the WAL.
      if (this.#offThreadReads) await sqliteReader.close(this.#file);
      this.#statements.clear();
      this.#db.close();
    });
  }
}

/**
 * One connection per file per process: a second connection would wait for the file lock with the
 * event loop blocked (busy_timeout is synchronous) while the first one needs that loop to finish.
 */
const sqliteOpen = new Map<string, SqliteDb>();

const placeholders = new Map<string, string>();

/** `?` → `$1, $2, …` (our SQL never has a `?` inside a literal). */
function pgText(sql: string): string {
  let text = placeholders.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (placeholders.size > 1000) placeholders.clear();
    placeholders.set(sql, text);
  }
  return text;
}

/** A 64-bit advisory-lock key for a string. */
export function lockKey(key: string): string {
  const bytes = createHash('sha256').update(key).digest();
  return bytes.readBigInt64BE(0).toString();
}

/** Rows decoded between two turns in allInParts (500 documents: ~250 KB, a few ms). */
export const PG_PART = 500;

class PgDb implements Db {
  readonly backend = 'postgres' as const;
  readonly maxParams = 60_000;
  readonly #pool: pg.Pool;
  // The health check's own connection: a ping says whether the server answers, not whether the
  // pool has a connection free while reads hold all of them.
  readonly #pingPool: pg.Pool;

  get pool(): pg.Pool {
    return this.#pool;
  }

  constructor(url: string, poolSize: number) {
    this.#pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client's error (server restart) must not crash the process; the next query reports it.
    this.#pool.on('error', () => undefined);
    this.#pingPool = new pg.Pool({ connectionString: url, max: 1 });
    this.#pingPool.on('error', () => undefined);
  }

  async all<T = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    const result = await this.#pool.query(pgText(sql), params as Param[]);
    return result.rows as T[];
  }

  async run(sql: string, params: readonly Param[] = []): Promise<number> {
    const result = await this.#pool.query(pgText(sql), params as Param[]);
    return result.rowCount ?? 0;
  }

  allInParts<T = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return this.#inTransaction('BEGIN READ ONLY', async (client) => {
      await client.query(`DECLARE part NO SCROLL CURSOR FOR ${pgText(sql)}`, params as Param[]);
      const rows: T[] = [];
      for (;;) {
        const part = (await client.query(`FETCH FORWARD ${PG_PART} FROM part`)).rows as T[];
        for (const row of part) rows.push(row);
        if (part.length < PG_PART) return rows;
        await turn();
      }
    });
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#inTransaction('BEGIN', async (client) => {
      let open = true;
      const guard = () => {
        if (!open) throw new Error('transaction already finished');
      };
      const tx: Tx = {
        all: async <R>(sql: string, params: readonly Param[] = []) => {
          guard();
          return (await client.query(pgText(sql), params as Param[])).rows as R[];
        },
        run: async (sql, params = []) => {
          guard();
          return (await client.query(pgText(sql), params as Param[])).rowCount ?? 0;
        },
        lock: async (key) => {
          guard();
          await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(key)]);
        },
        tryLock: async (key) => {
          guard();
          const { rows } = await client.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS ok', [
            lockKey(key),
          ]);
          return rows[0].ok === true;
        },
      };
      try {
        return await fn(tx);
      } finally {
        open = false;
      }
    });
  }

  /** `fn` in a transaction (opened by `begin`) on a client of its own: committed, or rolled back if it throws. */
  async #inTransaction<T>(begin: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(begin);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      // A client whose rollback failed is in an unknown state: drop it from the pool.
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.#pingPool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await Promise.all([this.#pool.end(), this.#pingPool.end()]);
  }
}

export function openDb(config: {
  dataDir?: string;
  databaseUrl?: string;
  poolSize?: number;
  offThreadReads?: boolean;
}): Db {
  if (config.databaseUrl) return new PgDb(config.databaseUrl, config.poolSize ?? 10);
  const dir = resolve(config.dataDir ?? './data');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, SQLITE_FILE);
  const open = sqliteOpen.get(file);
  if (open) {
    open.refs++;
    return open;
  }
  const db = new SqliteDb(file, config.offThreadReads ?? true);
  sqliteOpen.set(file, db);
  return db;
}

/** `(?, ?, …), (?, ?, …)` for `rows` rows of `width` values. */
export function valuesList(rows: number, width: number): string {
  const one = `(${new Array(width).fill('?').join(', ')})`;
  return new Array(rows).fill(one).join(', ');
}

/** INSERT of many rows in as few statements as the backend's parameter limit allows. */
export async function insertMany(
  sql: Sql,
  maxParams: number,
  table: string,
  columns: readonly string[],
  rows: readonly Param[][],
): Promise<number> {
  const perStatement = Math.max(1, Math.min(500, Math.floor(maxParams / columns.length)));
  let written = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${valuesList(chunk.length, columns.length)}`;
    written += await sql.run(text, chunk.flat());
  }
  return written;
}

/** `?, ?, ?` for an IN list. */
export function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}
