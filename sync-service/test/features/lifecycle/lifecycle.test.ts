// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// Lifecycle over the admin API on both backends: an archived document leaves lists, counts and
// reports and keeps its history (items ?archived=include still shows it); a cluster with documents
// is removed only with withDocuments=true; sources and departments are removed with what hangs on them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../../helpers/cli.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';

describe.each(BACKENDS)('lifecycle on %s', (backend) => {
  let h: Harness;
  let token: string;
  const load = async (cluster: string, name: string) => {
    const body = new FormData();
    body.append('cluster', cluster);
    body.append('file', new Blob([readFileSync(`${SAMPLES}${name}`)]), name);
    const res = await h.request('POST', '/api/v1/import', { body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const get = async (path: string, t?: string) => {
    const res = await h.request('GET', path, t ? { token: t } : {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    for (const slug of ['tomsk-build', 'tomsk-spare']) {
      const made = await h.request('POST', '/api/v1/clusters', {
        json: { slug, name: slug, region: 'Томская область', newRegion: true },
      });
      expect(made.status).toBe(201);
    }
    token = await h.token('cluster', 'tomsk-build');
  });
  afterAll(() => h?.close());

  it('an archived document leaves lists, counts and reports, keeps its history, comes back', async () => {
    const roadmap = await load('tomsk-build', 'roadmap-tomsk-construction-2021.txt');
    const protocol = await load('tomsk-build', 'protocol-tomsk-industrial-2021.txt');
    const all = (await get('/api/v1/items?cluster=tomsk-build&limit=5000', token)).items;
    const roadmapItems = all.filter((i: any) => i.documentId === roadmap.documentId);
    expect(roadmapItems.length).toBeGreaterThan(5);

    const archived = await h.request('POST', `/api/v1/documents/${roadmap.documentId}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ changed: true, document: { id: roadmap.documentId } });
    expect(archived.body.document.archivedAt).toBeTruthy();
    expect((await h.request('POST', `/api/v1/documents/${roadmap.documentId}/archive`)).body.changed).toBe(
      false,
    );

    const current = (await get('/api/v1/items?cluster=tomsk-build&limit=5000', token)).items;
    expect(current.length).toBe(all.length - roadmapItems.length);
    expect(current.every((i: any) => i.documentId === protocol.documentId)).toBe(true);
    const included = (await get('/api/v1/items?cluster=tomsk-build&limit=5000&archived=include', token))
      .items;
    expect(included.length).toBe(all.length);
    expect(
      (await get('/api/v1/documents?cluster=tomsk-build', token)).documents.map((d: any) => d.id),
    ).toEqual([protocol.documentId]);
    expect(
      (await get('/api/v1/documents?cluster=tomsk-build&archived=only', token)).documents.map(
        (d: any) => d.id,
      ),
    ).toEqual([roadmap.documentId]);
    // Its history stays readable.
    const history = (await get(`/api/v1/items/${roadmapItems[0].id}/history`, token)).events;
    expect(history[0].type).toBe('created');
    // The dashboard's counts are the report's: the archived roadmap is not in them.
    const dashboard = await fetch(`${h.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.url },
      body: new URLSearchParams({ token }),
      redirect: 'manual',
    });
    const cookie = (dashboard.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await (await fetch(`${h.url}/`, { headers: { cookie } })).text();
    const overdue = (items: any[]) => items.find((i: any) => i.state === 'overdue').title.slice(0, 30);
    expect(page).toContain(overdue(current));
    expect(page).not.toContain(overdue(roadmapItems));

    const back = await h.request('POST', `/api/v1/documents/${roadmap.documentId}/unarchive`);
    expect(back.body).toMatchObject({ changed: true, document: { archivedAt: null } });
    expect((await get('/api/v1/items?cluster=tomsk-build&limit=5000', token)).items.length).toBe(all.length);
    expect((await h.request('POST', '/api/v1/documents/nope/archive')).status).toBe(404);
    expect(
      (await h.request('POST', `/api/v1/documents/${roadmap.documentId}/archive`, { token })).status,
    ).toBe(403);
  });

  it('the dashboard: an admin page archives and brings back; a filter shows the archived', async () => {
    const signIn = async (t: string) => {
      const res = await fetch(`${h.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.url },
        body: new URLSearchParams({ token: t }),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      return (res.headers.get('set-cookie') ?? '').split(';')[0];
    };
    const admin = await signIn(h.admin);
    const page = async (path: string, cookie: string) => {
      const res = await fetch(`${h.url}${path}`, { headers: { cookie } });
      return { status: res.status, text: await res.text() };
    };
    const [roadmap] = (await get('/api/v1/documents?cluster=tomsk-build')).documents.filter(
      (d: any) => d.kind === 'roadmap',
    );
    const adminPage = await page('/admin', admin);
    expect(adminPage.status).toBe(200);
    expect(adminPage.text).toContain(`/admin/documents/${roadmap.id}/archive`);
    expect((await page('/admin', await signIn(token))).status).toBe(403);

    const post = (path: string, cookie: string, origin = h.url) =>
      fetch(`${h.url}${path}`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
        redirect: 'manual',
      });
    expect((await post(`/admin/documents/${roadmap.id}/archive`, admin, 'https://evil.example')).status).toBe(
      403,
    );
    expect((await post(`/admin/documents/${roadmap.id}/archive`, admin)).status).toBe(303);
    expect((await get(`/api/v1/documents?cluster=tomsk-build&archived=only`)).documents[0].id).toBe(
      roadmap.id,
    );
    expect((await page('/admin', admin)).text).toContain(`/admin/documents/${roadmap.id}/unarchive`);

    const items = (await get('/api/v1/items?cluster=tomsk-build&archived=include&limit=5000')).items;
    const overdueTitle = items
      .find((i: any) => i.documentId === roadmap.id && i.state === 'overdue')
      .title.slice(0, 30);
    expect((await page('/', admin)).text).not.toContain(overdueTitle);
    expect((await page('/?archived=include', admin)).text).toContain(overdueTitle);
    // A cluster with documents is not removed by the page without the box ticked.
    expect((await post('/admin/clusters/tomsk-build/remove', admin)).status).toBe(409);
    expect((await post(`/admin/documents/${roadmap.id}/unarchive`, admin)).status).toBe(303);
    expect((await get('/api/v1/documents?cluster=tomsk-build&archived=only')).documents).toEqual([]);
  });

  it('removes sources, clusters (with documents only when asked) and departments', async () => {
    await load('tomsk-spare', 'protocol-smolensk-transport-2019.txt');
    const spareToken = await h.token('cluster', 'tomsk-spare');
    const refused = await h.request('DELETE', '/api/v1/clusters/tomsk-spare');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('--with-documents');
    expect((await get('/api/v1/items?cluster=tomsk-spare', spareToken)).items.length).toBeGreaterThan(0);

    const [source] = (await get('/api/v1/sources')).sources.filter(
      (s: any) => s.clusterSlug === 'tomsk-spare',
    );
    expect((await h.request('DELETE', `/api/v1/sources/${source.id}`)).status).toBe(409);
    const gone = await h.request('DELETE', `/api/v1/sources/${source.id}?withDocuments=true`);
    expect(gone.body).toEqual({ removed: true, documents: 1 });
    expect(
      (await get('/api/v1/documents?cluster=tomsk-spare&archived=include', spareToken)).documents,
    ).toEqual([]);
    // Now empty: removed without asking; its token ends with it.
    expect((await h.request('DELETE', '/api/v1/clusters/tomsk-spare')).body).toEqual({
      removed: true,
      documents: 0,
    });
    expect((await h.request('GET', '/api/v1/items', { token: spareToken })).status).toBe(401);
    expect((await h.request('DELETE', '/api/v1/clusters/tomsk-spare')).status).toBe(404);

    // A cluster with documents and history goes with withDocuments=true.
    const removed = await h.request('DELETE', '/api/v1/clusters/tomsk-build?withDocuments=true');
    expect(removed.body).toEqual({ removed: true, documents: 2 });
    expect((await get('/api/v1/clusters')).clusters).toEqual([]);
    expect((await get('/api/v1/items?archived=include&removed=include')).items).toEqual([]);

    const dep = await h.request('POST', '/api/v1/departments', {
      json: { slug: 'tomsk-edu', name: 'Департамент', region: 'Томская область' },
    });
    expect(dep.status).toBe(201);
    const depToken = await h.token('department', 'tomsk-edu');
    expect((await h.request('DELETE', '/api/v1/departments/tomsk-edu')).status).toBe(200);
    expect((await get('/api/v1/departments')).departments).toEqual([]);
    expect((await h.request('GET', '/api/v1/items', { token: depToken })).status).toBe(401);
    expect((await get('/api/v1/regions')).regions.map((r: any) => r.name)).toEqual(['Томская область']);
  });
});
