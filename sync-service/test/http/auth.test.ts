// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// Who may do what: cluster tokens only their cluster (403 otherwise), department tokens read
// their region only, admin tokens manage clusters, departments, sources and tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, sameHash } from '../../src/http/tokens.ts';
import { BACKENDS, type Harness, roadmapRows, startHarness, syncBody } from '../helpers/http-harness.ts';

const ROWS = roadmapRows([
  { number: '1', title: 'Совет кластера', executor: 'Председатель', deadline: 'декабрь 2099' },
  { number: '2', title: 'Профориентационный форум', executor: 'Колледж', deadline: 'май 2020' },
]);

describe.each(BACKENDS)('access on %s', (backend) => {
  let h: Harness;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(backend);
    const clusters = [
      { slug: 'kaluga-mash', name: 'Машиностроение', region: 'Калужская область', newRegion: true },
      { slug: 'kaluga-it', name: 'ИТ', region: 'Калужская область', newRegion: true },
      { slug: 'tomsk-build', name: 'Строительство', region: 'Томская область', newRegion: true },
    ];
    for (const c of clusters)
      expect((await h.request('POST', '/api/v1/clusters', { json: c })).status).toBe(201);
    const dep = await h.request('POST', '/api/v1/departments', {
      json: {
        slug: 'kaluga-edu',
        name: 'Министерство образования',
        region: 'Калужская область',
        newRegion: true,
      },
    });
    expect(dep.status).toBe(201);
    for (const c of clusters) {
      const res = await h.request('POST', '/api/v1/tokens', { json: { cluster: c.slug } });
      expect(res.status).toBe(201);
      expect(res.body.kind).toBe('cluster');
      t[c.slug] = res.body.token;
      const sync = await h.request('POST', '/api/v1/sync', {
        token: t[c.slug],
        json: syncBody(c.slug, ROWS),
      });
      expect(sync.status).toBe(200);
    }
    t.department = (
      await h.request('POST', '/api/v1/tokens', { json: { department: 'kaluga-edu' } })
    ).body.token;
  });
  afterAll(() => h?.close());

  it('a cluster token writes and reads only its own cluster', async () => {
    const other = await h.request('POST', '/api/v1/sync', {
      token: t['kaluga-mash'],
      json: syncBody('kaluga-it', ROWS),
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    const read = await h.request('GET', '/api/v1/items?cluster=tomsk-build', { token: t['kaluga-mash'] });
    expect(read.status).toBe(403);
    const own = await h.request('GET', '/api/v1/items', { token: t['kaluga-mash'] });
    expect(new Set(own.body.items.map((i: any) => i.clusterSlug))).toEqual(new Set(['kaluga-mash']));
    const clusters = await h.request('GET', '/api/v1/clusters', { token: t['kaluga-mash'] });
    expect(clusters.body.clusters.map((c: any) => c.slug)).toEqual(['kaluga-mash']);
  });

  it("another cluster's item and its history are 403", async () => {
    const tomsk = await h.request('GET', '/api/v1/items', { token: t['tomsk-build'] });
    const id = tomsk.body.items[0].id;
    expect((await h.request('GET', `/api/v1/items/${id}`, { token: t['kaluga-mash'] })).status).toBe(403);
    expect((await h.request('GET', `/api/v1/items/${id}/history`, { token: t['kaluga-mash'] })).status).toBe(
      403,
    );
    expect((await h.request('GET', `/api/v1/items/${id}/history`, { token: t['tomsk-build'] })).status).toBe(
      200,
    );
  });

  it('a department token reads its region and writes nothing', async () => {
    const items = await h.request('GET', '/api/v1/items', { token: t.department });
    expect(items.status).toBe(200);
    expect(new Set(items.body.items.map((i: any) => i.clusterSlug))).toEqual(
      new Set(['kaluga-mash', 'kaluga-it']),
    );
    expect(
      (await h.request('GET', '/api/v1/items?cluster=tomsk-build', { token: t.department })).status,
    ).toBe(403);
    expect(
      (await h.request('GET', '/api/v1/documents?cluster=kaluga-it', { token: t.department })).status,
    ).toBe(200);
    const runs = await h.request('GET', '/api/v1/sync-runs', { token: t.department });
    expect(new Set(runs.body.runs.map((r: any) => r.clusterSlug))).toEqual(
      new Set(['kaluga-mash', 'kaluga-it']),
    );
    const write = await h.request('POST', '/api/v1/sync', {
      token: t.department,
      json: syncBody('kaluga-it', ROWS),
    });
    expect(write.status).toBe(403);
  });

  it('only an admin manages clusters, departments, sources and tokens', async () => {
    for (const token of [t['kaluga-mash'], t.department]) {
      const cluster = await h.request('POST', '/api/v1/clusters', {
        token,
        json: { slug: 'x-cluster', name: 'X', region: 'R' },
      });
      expect(cluster.status).toBe(403);
      expect((await h.request('POST', '/api/v1/tokens', { token, json: { admin: true } })).status).toBe(403);
      expect((await h.request('GET', '/api/v1/sources', { token })).status).toBe(403);
      expect((await h.request('GET', '/api/v1/departments', { token })).status).toBe(403);
    }
    const admin = await h.request('POST', '/api/v1/tokens', { json: { admin: true } });
    expect(admin.status).toBe(201);
    expect((await h.request('GET', '/api/v1/sources', { token: admin.body.token })).status).toBe(200);
  });

  it('admin inputs are validated; duplicates are 409; unknown subjects 404', async () => {
    const bad = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'Не латиница', name: '', region: 'R' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path)).toEqual(expect.arrayContaining(['slug', 'name']));
    const dup = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'kaluga-mash', name: 'Ещё один', region: 'R' },
    });
    expect(dup.status).toBe(409);
    const two = await h.request('POST', '/api/v1/tokens', { json: { admin: true, cluster: 'kaluga-mash' } });
    expect(two.status).toBe(400);
    const unknown = await h.request('POST', '/api/v1/tokens', { json: { cluster: 'nope' } });
    expect(unknown.status).toBe(404);
    const source = await h.request('POST', '/api/v1/sources', {
      json: { cluster: 'kaluga-mash', spreadsheetId: '1AbCdEfGhIjKlMnOp', sheetId: 5 },
    });
    expect(source.status).toBe(201);
    expect(source.body.source).toMatchObject({ kind: 'sheet', clusterSlug: 'kaluga-mash', sheetId: 5 });
    const again = await h.request('POST', '/api/v1/sources', {
      json: { cluster: 'kaluga-it', spreadsheetId: '1AbCdEfGhIjKlMnOp', sheetId: 5 },
    });
    expect(again.status).toBe(409);
  });

  it('stores tokens hashed, and a revoked token is 401', async () => {
    const issued = await h.request('POST', '/api/v1/tokens', { json: { cluster: 'kaluga-it' } });
    const tokens = await h.services.store.tokens.list();
    const record = tokens.find((r) => r.id === issued.body.id)!;
    expect(record.hash).toBe(hashToken(issued.body.token));
    expect(JSON.stringify(tokens)).not.toContain(issued.body.token);
    expect((await h.request('GET', '/api/v1/items', { token: issued.body.token })).status).toBe(200);
    await h.services.store.tokens.revoke(record.id);
    expect((await h.request('GET', '/api/v1/items', { token: issued.body.token })).status).toBe(401);
  });
});

describe('token helpers', () => {
  it('compares hashes in constant time and rejects different lengths', () => {
    const a = hashToken('one');
    expect(sameHash(a, hashToken('one'))).toBe(true);
    expect(sameHash(a, hashToken('two'))).toBe(false);
    expect(sameHash(a, a.slice(0, 10))).toBe(false);
  });
});
