// The administrator's page over HTTP on both backends: its documents, clusters and sources are
// paged in SQL (25 a page, `dpage`, `cpage`, `spage`), so the page stays small at any scale; every
// table of /admin stacks into labelled cards on a phone.
import { readText } from '@cluster/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySnapshot } from '../../../src/app/sync-snapshot.ts';
import { ADMIN_PAGE } from '../../../src/features/dashboard/admin.ts';
import { htmlPlan, page, signIn, syncPlan } from '../../helpers/dashboard.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';
import { AS_OF } from '../../helpers/report-data.ts';

const DOCUMENTS = 320;
const CLUSTERS = 30;

/** The rows of one table of the page, by its class. */
const rows = (html: string, name: string) => {
  const table = new RegExp(`<table class="stack ${name}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
};
const archiveIds = (html: string) =>
  [...html.matchAll(/\/admin\/documents\/([^/"]+)\/(?:un)?archive/g)].map((m) => decodeURIComponent(m[1]));

describe.each(BACKENDS)('the admin page on %s', (backend) => {
  let h: Harness;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    const { store } = h.services;
    for (let i = 0; i < CLUSTERS; i++) {
      const slug = `adm-${String(i).padStart(2, '0')}`;
      await store.clusters.create({ slug, name: `Кластер ${i}`, region: 'Томская область' });
      await syncPlan(store, slug, `plan-${i}.txt`, htmlPlan());
    }
    // One source with many documents: the national scale's thousands in small.
    const [plan] = readText(htmlPlan(), { today: AS_OF });
    await applySnapshot(store, {
      cluster: 'adm-00',
      source: { kind: 'file', fileName: 'many.txt' },
      title: 'many.txt',
      documents: Array.from({ length: DOCUMENTS }, (_, i) => ({ ...plan!, title: `План ${i}` })),
      actor: 'test',
      today: AS_OF,
    });
    admin = (await signIn(h.url, h.admin)).cookie;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('documents, clusters and sources come 25 a page; the pages together hold each once', async () => {
    const { store } = h.services;
    const documents = await store.documents.list({ archived: 'include' });
    expect(documents.length).toBeGreaterThan(DOCUMENTS);
    const first = await page(h.url, '/admin', admin);
    expect(first.status).toBe(200);
    expect(rows(first.html, 'documents')).toHaveLength(ADMIN_PAGE);
    expect(rows(first.html, 'clusters')).toHaveLength(ADMIN_PAGE);
    expect(rows(first.html, 'sources')).toHaveLength(ADMIN_PAGE);
    expect(first.html).toContain(`1–${ADMIN_PAGE} из ${documents.length}`);
    expect(first.html).toContain(`href="/admin?dpage=2#documents"`);
    // Every document once over the pages, in the store's order.
    const pages = Math.ceil(documents.length / ADMIN_PAGE);
    const seen: string[] = [];
    for (let p = 1; p <= pages; p++)
      seen.push(...archiveIds((await page(h.url, `/admin?dpage=${p}`, admin)).html));
    expect(seen).toEqual(documents.map((d) => d.id));
    // A list's page keeps the others' in its links; a page past the last shows the last.
    const mixed = await page(h.url, '/admin?dpage=3&cpage=2', admin);
    expect(mixed.html).toContain('href="/admin?dpage=3&amp;cpage=2&amp;spage=2#sources"');
    expect(rows(mixed.html, 'clusters')).toHaveLength(CLUSTERS - ADMIN_PAGE);
    const past = await page(h.url, '/admin?dpage=9999', admin);
    expect(archiveIds(past.html)).toEqual(documents.slice((pages - 1) * ADMIN_PAGE).map((d) => d.id));
    expect((await page(h.url, '/admin?dpage=0', admin)).status).toBe(400);
  });

  it('a form posted from a page goes back to that page', async () => {
    const third = await page(h.url, '/admin?dpage=3&cpage=2', admin);
    const form =
      /<form method="post" action="(\/admin\/documents\/[^"]+\/archive)" class="inline">([\s\S]*?)<\/form>/.exec(
        third.html,
      )!;
    const fields = [...form[2].matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)];
    expect(fields.map((m) => `${m[1]}=${m[2]}`)).toEqual(['dpage=3', 'cpage=2']);
    const res = await fetch(`${h.url}${form[1]}`, {
      method: 'POST',
      headers: { cookie: admin, origin: h.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields.map((m): [string, string] => [m[1]!, m[2]!])).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin?dpage=3&cpage=2');
    const after = await page(h.url, '/admin?dpage=3&cpage=2', admin);
    expect(after.html).toContain(form[1].replace('/archive', '/unarchive'));
  });

  it('the OpenAPI document names the pages of /admin', async () => {
    const doc = (await h.request('GET', '/api/v1/openapi.json', { token: null })).body;
    const params = doc.paths['/admin'].get.parameters as { name: string; in: string; description?: string }[];
    for (const name of ['dpage', 'cpage', 'spage'])
      expect(params.find((p) => p.name === name && p.in === 'query')?.description, name).toBeTruthy();
  });

  it('the store pages and counts in SQL', async () => {
    const { store } = h.services;
    const all = await store.sources.list();
    expect(await store.sources.count()).toBe(all.length);
    expect(await store.sources.list({ limit: 5, offset: 3 })).toEqual(all.slice(3, 8));
    const clusters = await store.clusters.list();
    expect(await store.clusters.count()).toBe(clusters.length);
    expect(await store.clusters.list({ limit: 4, offset: 28 })).toEqual(clusters.slice(28, 32));
    expect(await store.documents.count({ clusterSlugs: ['adm-01'] })).toBe(1);
    expect(await store.documents.count({ clusterSlugs: [] })).toBe(0);
  });

  it('every table of /admin stacks into labelled cards on a phone', async () => {
    const { html } = await page(h.url, '/admin', admin);
    const tables = [...html.matchAll(/<table class="([^"]*)">([\s\S]*?)<\/table>/g)];
    expect(tables.map((m) => m[1])).toEqual(
      expect.arrayContaining(['stack documents', 'stack clusters', 'stack sources']),
    );
    for (const [, name, body] of tables) {
      expect(name.split(' '), name).toContain('stack');
      const cells = [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '').matchAll(/<td\b[^>]*>/g)];
      expect(cells.length, name).toBeGreaterThan(0);
      for (const [cell] of cells) expect(cell, name).toMatch(/data-label="[^"]+"/);
    }
  });
});
