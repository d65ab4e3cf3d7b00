// Migrations, regions, departments, clusters, tokens, sources and leases on both backends; the
// embedded default (a WAL SQLite file in ./data).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDb, SQLITE_FILE } from '../../src/store/db.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { openStore, StoreError } from '../../src/store/store.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';

describe.each(BACKENDS)('store on $name', (backend) => {
  const stores = useStores(backend);

  it('applies every migration once, also when two processes open a new store together', async () => {
    const config = await backend.freshConfig();
    const [a, b] = await Promise.all([stores.open(config), stores.open(config)]);
    const again = await stores.open(config);
    const db = openDb(config);
    try {
      const rows = await db.all<{ version: number | string; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await db.close();
    }
    for (const s of [a, b, again]) expect(s.backend).toBe(backend.name);
    expect(await again.counts()).toEqual({
      clusters: 0,
      sources: 0,
      documents: 0,
      items: 0,
      events: 0,
      syncRuns: 0,
    });
  });

  it('upgrades a store made by an older version to the newest schema', async () => {
    const config = await backend.freshConfig();
    const db = openDb(config);
    try {
      await db.transaction(async (tx) => {
        await tx.run(
          'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
        );
        for (const statement of MIGRATIONS[0].statements) {
          await tx.run(
            statement.replace(
              '{{serial}}',
              db.backend === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGSERIAL PRIMARY KEY',
            ),
          );
        }
        await tx.run("INSERT INTO schema_migrations VALUES (1, 'old', '2024-01-01T00:00:00.000Z')");
        await tx.run("INSERT INTO regions VALUES ('Р', '2024-01-01T00:00:00.000Z')");
        await tx.run(
          "INSERT INTO clusters VALUES ('c1', 'old', 'Старый', 'Р', NULL, '2024-01-01T00:00:00.000Z')",
        );
        await tx.run(
          "INSERT INTO sources (id, cluster_id, kind, source_key, file_name, created_at) VALUES ('s1', 'c1', 'file', 'file:a', 'a', 'x')",
        );
      });
    } finally {
      await db.close();
    }
    const store = await stores.open(config);
    expect((await store.clusters.getBySlug('old'))?.name).toBe('Старый');
    expect((await store.sources.list()).map((s) => s.fileName)).toEqual(['a']);
    const check = openDb(config);
    try {
      const [row] = await check.all<{ content_version: number | string }>(
        'SELECT content_version FROM sources',
      );
      expect(Number(row.content_version)).toBe(0);
      const versions = await check.all<{ version: number | string }>('SELECT version FROM schema_migrations');
      expect(versions.map((v) => Number(v.version)).sort((a, b) => a - b)).toEqual(
        MIGRATIONS.map((m) => m.version),
      );
    } finally {
      await check.close();
    }
  });

  it('registers clusters and departments by region; a slug is taken once', async () => {
    const { store } = await backend.freshConfig().then(async (c) => ({ store: await stores.open(c) }));
    const kaluga = await store.clusters.create({
      slug: 'kaluga-mash',
      name: 'Машиностроение',
      region: 'Калужская область',
      industry: 'машиностроение',
    });
    await store.clusters.create({ slug: 'tomsk-build', name: 'Строительство', region: 'Томская область' });
    await store.departments.create({
      slug: 'kaluga-edu',
      name: 'Минобразования',
      region: 'Калужская область',
    });

    expect(await store.clusters.getBySlug('kaluga-mash')).toEqual(kaluga);
    expect(await store.clusters.getById(kaluga.id)).toEqual(kaluga);
    expect(await store.clusters.getBySlug('nope')).toBeNull();
    expect((await store.clusters.list({ region: 'Томская область' })).map((c) => c.slug)).toEqual([
      'tomsk-build',
    ]);
    expect((await store.clusters.list()).map((c) => c.slug)).toEqual(['kaluga-mash', 'tomsk-build']);
    expect((await store.departments.list({ region: 'Калужская область' })).map((d) => d.slug)).toEqual([
      'kaluga-edu',
    ]);
    expect((await store.regions.list()).map((r) => r.name)).toEqual(['Калужская область', 'Томская область']);

    const dup = store.clusters.create({ slug: 'kaluga-mash', name: 'Другой', region: 'Калужская область' });
    await expect(dup).rejects.toBeInstanceOf(StoreError);
    await expect(dup).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      store.departments.create({ slug: 'kaluga-edu', name: 'x', region: 'Калужская область' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(store.clusters.create({ slug: 'Bad Slug', name: 'x', region: 'r' })).rejects.toMatchObject({
      code: 'invalid',
    });
  });

  it('stores only the hash of a token and finds it by hash; revoking marks it', async () => {
    const store = await stores.open(await backend.freshConfig());
    await store.clusters.create({ slug: 'k1', name: 'К1', region: 'Р' });
    await store.departments.create({ slug: 'd1', name: 'Д1', region: 'Р' });
    const cluster = await store.tokens.create({ kind: 'cluster', subject: 'k1' });
    const dept = await store.tokens.create({ kind: 'department', subject: 'd1' });
    const admin = await store.tokens.create({ kind: 'admin', subject: null });

    expect(cluster.token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    const hash = createHash('sha256').update(cluster.token).digest('hex');
    const found = await store.tokens.findByHash(hash);
    expect(found).toMatchObject({ id: cluster.record.id, kind: 'cluster', revokedAt: null });
    expect(found?.clusterId).toBe((await store.clusters.getBySlug('k1'))?.id);
    expect((await store.tokens.findByHash(dept.record.hash))?.departmentId).toBe(
      (await store.departments.getBySlug('d1'))?.id,
    );
    expect((await store.tokens.findByHash(admin.record.hash))?.kind).toBe('admin');
    expect(JSON.stringify(await store.tokens.list())).not.toContain(cluster.token);

    expect(await store.tokens.revoke(cluster.record.id)).toBe(true);
    expect((await store.tokens.findByHash(hash))?.revokedAt).toMatch(/^\d{4}-/);
    expect(await store.tokens.revoke('00000000-0000-0000-0000-000000000000')).toBe(false);
    await expect(store.tokens.create({ kind: 'cluster', subject: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('registers a sheet once per cluster and follows its renaming; lists sheet sources', async () => {
    const store = await stores.open(await backend.freshConfig());
    await store.clusters.create({ slug: 'k1', name: 'К1', region: 'Р' });
    await store.clusters.create({ slug: 'k2', name: 'К2', region: 'Р' });
    const a = await store.sources.register('k1', {
      kind: 'sheet',
      spreadsheetId: 'S1',
      sheetId: 0,
      sheetName: 'План',
    });
    const again = await store.sources.register(
      'k1',
      { kind: 'sheet', spreadsheetId: 'S1', sheetId: 0, sheetName: 'План 2024' },
      'Дорожная карта',
    );
    expect(again.id).toBe(a.id);
    expect(again).toMatchObject({ sheetName: 'План 2024', title: 'Дорожная карта', lastSyncAt: null });
    await store.sources.register('k1', { kind: 'file', fileName: 'plan.xlsx' });
    await store.sources.register('k2', {
      kind: 'sheet',
      spreadsheetId: 'S2',
      sheetId: 5,
      sheetName: 'Лист1',
    });

    const sheets = await store.sources.list({ kind: 'sheet' });
    expect(sheets.map((s) => [s.clusterSlug, s.spreadsheetId, s.sheetId])).toEqual([
      ['k1', 'S1', 0],
      ['k2', 'S2', 5],
    ]);
    expect((await store.sources.list({ clusterSlugs: ['k1'] })).map((s) => s.kind).sort()).toEqual([
      'file',
      'sheet',
    ]);
    await expect(store.sources.register('nope', { kind: 'file', fileName: 'x.csv' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('gives a lease to exactly one of many racing holders, across two processes', async () => {
    const config = await backend.freshConfig();
    const one = await stores.open(config);
    const two = await stores.open(config);
    const tries = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? one : two).leases.tryAcquire('pull', `holder-${i}`, 60_000),
    );
    const won = await Promise.all(tries);
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = `holder-${won.indexOf(true)}`;
    expect(await one.leases.tryAcquire('pull', winner, 60_000)).toBe(true); // extends its own
    expect(await two.leases.tryAcquire('pull', 'late', 60_000)).toBe(false);
    await one.leases.release('pull', 'late'); // not the holder: nothing happens
    expect(await two.leases.tryAcquire('pull', 'late', 60_000)).toBe(false);
    await one.leases.release('pull', winner);
    expect(await two.leases.tryAcquire('pull', 'late', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect(await one.leases.tryAcquire('pull', 'after-expiry', 60_000)).toBe(true);
    expect(await one.leases.tryAcquire('other-job', 'late', 60_000)).toBe(true);
  });
});

describe('the embedded store by default', () => {
  it('is a SQLite file in WAL mode under ./data, unless DATABASE_URL names PostgreSQL', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cs-default-'));
    try {
      const config = loadConfig({}, cwd);
      expect(config.dataDir).toBe(join(cwd, 'data'));
      expect(config.databaseUrl).toBeUndefined();
      const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        expect(store.backend).toBe('sqlite');
        await store.clusters.create({ slug: 'wal', name: 'WAL', region: 'R' });
        const file = join(cwd, 'data', SQLITE_FILE);
        expect(existsSync(file)).toBe(true);
        // Another connection sees the journal mode stored in the file and the committed row.
        const other = new DatabaseSync(file, { readOnly: true });
        try {
          expect(other.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
          expect(other.prepare('SELECT slug FROM clusters').all()).toEqual([{ slug: 'wal' }]);
        } finally {
          other.close();
        }
      } finally {
        await store.close();
      }
      expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }, cwd).databaseUrl).toBe(
        'postgres://u@127.0.0.1:5432/db',
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
