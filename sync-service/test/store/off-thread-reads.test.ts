// No read holds the event loop: a long read runs while /healthz is polled over HTTP on loopback
// (the service's own process, both backends); on SQLite reads go to the process's reader process
// (store/sqlite-reader.ts), which this file also checks for what the store relies on.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PG_PART } from '../../src/store/db.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { sqliteReader } from '../../src/store/sqlite-reader.ts';
import { openStore } from '../../src/store/store.ts';
import { slowestHealthz } from '../helpers/healthz.ts';
import { BACKENDS as HTTP_BACKENDS, startHarness } from '../helpers/http-harness.ts';
import { BACKENDS, Stores } from '../helpers/store-backends.ts';

/** A read that keeps the database busy for about a second or more, and what it answers. */
const SLOW_READ = {
  // Counting a recursive sequence: CPU in SQLite itself, ~1 s per 3 million rows on this machine.
  sqlite: {
    sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT COUNT(*) AS n FROM c',
    params: [8_000_000],
    n: 8_000_000,
  },
  // The server's time, then 300,000 rows decoded as they arrive.
  postgres: {
    sql: 'SELECT COUNT(*) AS n FROM (SELECT pg_sleep(1)) s, generate_series(1, ?::int) g',
    params: [300_000],
    n: 300_000,
  },
} as const;

describe.each(HTTP_BACKENDS)('a long read on %s', (backend) => {
  it('does not hold /healthz (polled every 50 ms) while it runs', async () => {
    const h = await startHarness(backend);
    try {
      const store = h.services.store;
      if (!(store instanceof SqlStore)) throw new Error('the harness opens the SQL store');
      const slow = SLOW_READ[backend];
      const t0 = performance.now();
      const read = store.db.all<{ n: number | string }>(slow.sql, [...slow.params]);
      const slowest = await slowestHealthz(h.url, read);
      const took = performance.now() - t0;
      expect(Number((await read)[0].n)).toBe(slow.n);
      // The read was long, and /healthz answered all along (on one thread it waits the whole read).
      expect(took).toBeGreaterThan(600);
      expect(slowest).toBeLessThan(Math.min(500, took / 2));
    } finally {
      await h.close();
    }
  });
});

describe.each(BACKENDS.filter((b) => b.name === 'sqlite'))('reads on $name off the event loop', (backend) => {
  const stores = new Stores(backend);
  beforeAll(() => backend.setup());
  afterEach(() => stores.closeAll());
  afterAll(() => backend.teardown());

  it('see each commit at once, and a transaction sees its own writes before it commits', async () => {
    const { store } = await stores.fresh();
    await store.clusters.create({ slug: 'a', name: 'А', region: 'Томская область' });
    expect((await store.clusters.list()).map((c) => c.slug)).toEqual(['a']);
    const db = (store as SqlStore).db;
    await db.transaction(async (tx) => {
      await tx.run(`UPDATE clusters SET name = 'Б' WHERE slug = 'a'`);
      expect(await tx.all('SELECT name FROM clusters')).toEqual([{ name: 'Б' }]);
      // Outside the transaction (the reader): the last commit, not the open transaction.
      expect(await db.all('SELECT name FROM clusters')).toEqual([{ name: 'А' }]);
    });
    expect(await db.all('SELECT name FROM clusters')).toEqual([{ name: 'Б' }]);
  });

  it('share one reader process across stores, which outlives them and replaces itself when it dies', async () => {
    const { config } = await stores.fresh();
    const one = (await openStore(config)) as SqlStore;
    const two = (await stores.fresh()).store as SqlStore;
    await one.regions.list();
    const pid = sqliteReader.pid;
    expect(pid).toBeGreaterThan(0);
    await two.regions.list();
    expect(sqliteReader.pid).toBe(pid);
    await one.close();
    expect(sqliteReader.pid).toBe(pid);
    // A reader that dies fails what waits on it; the next read starts another.
    const waiting = two.db.all(SLOW_READ.sqlite.sql, [...SLOW_READ.sqlite.params]);
    process.kill(pid as number, 'SIGKILL');
    await expect(waiting).rejects.toMatchObject({
      message: 'Чтение SQLite не выполнено: процесс чтения SQLite аварийно завершился (сигнал SIGKILL)',
      limit: 'crash',
    });
    expect(await two.regions.list()).toEqual([]);
    expect(sqliteReader.pid).not.toBe(pid);
  });

  it('run in a reader forked as every child of the service: with Node’s compile cache on', async () => {
    const { store } = await stores.fresh();
    await store.regions.list();
    const environ = readFileSync(`/proc/${sqliteReader.pid}/environ`, 'utf8').split('\0');
    expect(environ.find((v) => v.startsWith('NODE_COMPILE_CACHE='))).toMatch(/^NODE_COMPILE_CACHE=./);
  });

  it('give a large answer whole and in order (it comes in parts), and a failure after some parts as an error', async () => {
    const { store } = await stores.fresh();
    const db = (store as SqlStore).db;
    const count = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?)';
    const rows = await db.all<{ x: number }>(`${count} SELECT x FROM c`, [4_321]);
    expect(rows.map((r) => r.x)).toEqual(Array.from({ length: 4_321 }, (_, i) => i + 1));
    // json() refuses the 2,500th value, after two parts went out.
    await expect(
      db.all(`${count} SELECT json(CASE WHEN x = 2500 THEN '{' ELSE '1' END) AS j FROM c`, [3_000]),
    ).rejects.toMatchObject({ message: expect.stringMatching(/malformed JSON/) });
    expect(await db.all(`${count} SELECT COUNT(*) AS n FROM c`, [10])).toEqual([{ n: 10 }]);
  });

  it('reports SQL errors as the connection does, and never writes', async () => {
    const { store } = await stores.fresh();
    const db = (store as SqlStore).db;
    await expect(db.all('SELECT nope FROM clusters')).rejects.toMatchObject({
      code: 'ERR_SQLITE_ERROR',
      message: expect.stringMatching(/no such column/),
    });
    // A statement that writes is not a read: it runs on the service's connection.
    await store.clusters.create({ slug: 'a', name: 'А', region: 'Томская область' });
    expect(await db.all(`UPDATE clusters SET name = 'В' RETURNING name`)).toEqual([{ name: 'В' }]);
    expect(await db.all('SELECT name FROM clusters')).toEqual([{ name: 'В' }]);
  });
});

describe.each(BACKENDS)('a read of many rows in parts on $name', (backend) => {
  const stores = new Stores(backend);
  beforeAll(() => backend.setup());
  afterEach(() => stores.closeAll());
  afterAll(() => backend.teardown());

  // Rows of ~1 KB: on PostgreSQL pg decodes what the socket holds at once, megabytes in one turn.
  const MANY =
    'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ?) SELECT n, CAST(? AS TEXT) AS text FROM c ORDER BY n';
  const params = [5 * PG_PART + 7, 'ы'.repeat(500)];

  it('gives what all() gives, with turns of the event loop between parts on PostgreSQL', async () => {
    const { store } = await stores.fresh();
    const db = (store as SqlStore).db;
    const whole = await db.all<{ n: number; text: string }>(MANY, params);
    expect(whole).toHaveLength(5 * PG_PART + 7);
    // A turn of the loop (src/turn.ts: setImmediate) after each part but the last: one all() of
    // the same rows decodes them with none.
    const immediates = vi.spyOn(globalThis, 'setImmediate');
    let parts: { n: number; text: string }[];
    let turns: number;
    try {
      parts = await db.allInParts<{ n: number; text: string }>(MANY, params);
    } finally {
      turns = immediates.mock.calls.length;
      immediates.mockRestore();
    }
    expect(parts).toEqual(whole);
    if (backend.name === 'postgres') expect(turns).toBeGreaterThanOrEqual(5);
    // The cursor's transaction ends and its connection goes back, after a failure too.
    await expect(db.allInParts('SELECT nope FROM clusters')).rejects.toThrow(/nope/);
    for (let k = 0; k < 6; k++) expect(await db.allInParts('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe.each(BACKENDS.filter((b) => b.name === 'postgres'))('the health ping on $name', (backend) => {
  const stores = new Stores(backend);
  beforeAll(() => backend.setup());
  afterEach(() => stores.closeAll());
  afterAll(() => backend.teardown());

  it('answers while reads hold every connection of the pool', async () => {
    const { store } = await stores.fresh();
    const db = (store as SqlStore).db;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The test backend's pool has 4 connections: 4 transactions keep them all.
    const holders = Array.from({ length: 4 }, () => db.transaction(() => held));
    try {
      const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 2_000));
      expect(await Promise.race([store.ping().then(() => 'answered' as const), late])).toBe('answered');
    } finally {
      release();
      await Promise.all(holders);
    }
  });
});
