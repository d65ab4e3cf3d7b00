// The dashboard's lists over HTTP on both backends: every state with search, filters, order and pages
// decided in SQL (checked against the domain's own judgement of the same day), and a cluster
// coordinator's upload through the import path with its error on the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_COUNT } from '../../../src/features/dashboard/items-list.ts';
import { page, signIn } from '../../helpers/dashboard.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';
import { KID_CLUSTER, kidPlan, seedKid } from '../../helpers/officials.ts';
import { AS_OF, seedReportData } from '../../helpers/report-data.ts';

const ids = (html: string) =>
  [...html.matchAll(/<tr data-item="([^"]+)" data-state="([^"]+)">/g)].map((m) => ({
    id: m[1],
    state: m[2],
  }));
const total = (html: string) => Number(/\d+–\d+ (?:из|of) (\d+)/.exec(html)?.[1] ?? 0);

describe.each(BACKENDS)('dashboard lists on %s', (backend) => {
  let h: Harness;
  let admin: string;
  let coordinator: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedReportData(h.services.store);
    await seedKid(h.services.store);
    admin = (await signIn(h.url, h.admin)).cookie;
    coordinator = (await signIn(h.url, await h.token('cluster', KID_CLUSTER.slug))).cookie;
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  const judged = async (state: string) =>
    (
      await h.services.store.items.list({
        state: state as 'done',
        asOf: { today: AS_OF, soonDays: h.config.soonDays },
        limit: 100_000,
      })
    ).map((i) => i.id);

  it.each(['overdue', 'done', 'due_soon', 'upcoming', 'in_progress', 'ongoing', 'unknown'])(
    '/items?state=%s lists what the domain judges that state on the day, each row in it',
    async (state) => {
      const expected = await judged(state);
      const first = await page(h.url, `/items?state=${state}&asOf=${AS_OF}`, admin);
      expect(first.status).toBe(200);
      if (expected.length === 0) {
        expect(first.html).toContain('Ничего не найдено');
        return;
      }
      expect(total(first.html)).toBe(expected.length);
      const seen: string[] = [];
      for (let p = 1; p <= Math.ceil(expected.length / 25); p++) {
        const { html } = await page(h.url, `/items?state=${state}&asOf=${AS_OF}&page=${p}`, admin);
        for (const r of ids(html)) {
          expect(r.state).toBe(state);
          seen.push(r.id);
        }
      }
      expect(seen.sort()).toEqual([...expected].sort());
    },
  );

  it('pages of 25 in SQL, ordered by due when asked, and the pager links carry the filters', async () => {
    const all = await page(h.url, `/items?asOf=${AS_OF}&sort=due`, admin);
    const n = total(all.html);
    expect(n).toBeGreaterThan(25);
    expect(ids(all.html)).toHaveLength(25);
    const second = await page(h.url, `/items?asOf=${AS_OF}&sort=due&page=2`, admin);
    const overlap = ids(second.html).filter((r) => ids(all.html).some((a) => a.id === r.id));
    expect(overlap).toEqual([]);
    const next = /rel="next" href="([^"]+)"/.exec(all.html)![1].replace(/&amp;/g, '&');
    expect(Object.fromEntries(new URL(next, h.url).searchParams)).toEqual({
      sort: 'due',
      page: '2',
      asOf: AS_OF,
    });
    const dues = [...all.html.matchAll(/data-label="Срок" class="date">([^<]+)</g)].map((m) => m[1]);
    const iso = dues.filter((d) => d !== '—').map((d) => d.split('.').reverse().join('-'));
    expect(iso).toEqual([...iso].sort());
  });

  it('counts exactly up to the cap; past it says «более чем …» and pages on while a page is full', async () => {
    const exact = total((await page(h.url, `/items?asOf=${AS_OF}`, admin)).html);
    expect(exact).toBeGreaterThan(30);
    const cap = LIST_COUNT.cap;
    try {
      LIST_COUNT.cap = exact;
      const atCap = await page(h.url, `/items?asOf=${AS_OF}`, admin);
      expect(total(atCap.html)).toBe(exact);
      expect(atCap.html).toContain(`страница 1 из ${Math.ceil(exact / 25)}`);
      LIST_COUNT.cap = exact - 1;
      const seen: string[] = [];
      for (let p = 1; p <= Math.ceil(exact / 25); p++) {
        const { html } = await page(h.url, `/items?asOf=${AS_OF}&page=${p}`, admin);
        expect(html).toContain(`из более чем ${exact - 1}`);
        expect(html).toContain(`страница ${p}<`);
        seen.push(...ids(html).map((r) => r.id));
        const next = /rel="next"/.test(html);
        expect(next).toBe(p < Math.ceil(exact / 25));
        if (next) expect(ids(html)).toHaveLength(25);
      }
      expect(new Set(seen).size).toBe(exact);
      expect(seen).toHaveLength(exact);
    } finally {
      LIST_COUNT.cap = cap;
    }
  });

  it('searches across all items, any state, and filters by cluster, executor, document and due range', async () => {
    const search = await page(h.url, `/items?q=${encodeURIComponent('Четвёртое')}&asOf=${AS_OF}`, admin);
    expect(ids(search.html)).toHaveLength(1);
    const byExecutor = await page(
      h.url,
      `/items?executor=${encodeURIComponent('петров')}&cluster=${KID_CLUSTER.slug}&asOf=${AS_OF}`,
      admin,
    );
    expect(ids(byExecutor.html)).toHaveLength(2);
    const ranged = await page(
      h.url,
      `/items?cluster=${KID_CLUSTER.slug}&dueAfter=2021-12-01&dueBefore=2021-12-31&asOf=${AS_OF}`,
      admin,
    );
    expect(ids(ranged.html).map((r) => r.state)).toEqual(['upcoming']);
    const [doc] = await h.services.store.documents.list({ clusterSlugs: [KID_CLUSTER.slug] });
    const byDocument = await page(h.url, `/items?document=${doc.id}&asOf=${AS_OF}`, admin);
    expect(ids(byDocument.html)).toHaveLength(4);
    const bad = await page(h.url, '/items?state=late', admin);
    expect(bad.status).toBe(400);
  });

  it('every table of the home page stacks into labelled cards on a phone (none is left to scroll sideways)', async () => {
    for (const path of [`/?asOf=${AS_OF}`, `/?asOf=${AS_OF}&plans=finished`]) {
      const { html } = await page(h.url, path, admin);
      const tables = [...html.matchAll(/<table class="([^"]*)">([\s\S]*?)<\/table>/g)];
      const names = tables.map((m) => m[1]);
      // The tables the phone used to scroll inside their box: the clusters and the overdue list.
      expect(names).toEqual(expect.arrayContaining(['stack clusters', 'stack overdue', 'stack documents']));
      for (const [, name, body] of tables) {
        expect(name.split(' '), name).toContain('stack');
        const bodyCells = /<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
        const cells = [...bodyCells.matchAll(/<td\b[^>]*>/g)].map((m) => m[0]);
        expect(cells.length, name).toBeGreaterThan(0);
        for (const cell of cells) expect(cell, name).toMatch(/data-label="[^"]+"/);
      }
    }
  });

  it('a coordinator uploads a file through the import path; a file without a table is refused on the page', async () => {
    const home = await page(h.url, '/', coordinator);
    expect(home.html).toContain('action="/upload" enctype="multipart/form-data"');
    const send = (name: string, text: string) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/plain' }), name);
      return fetch(`${h.url}/upload`, {
        method: 'POST',
        body: form,
        headers: { cookie: coordinator, origin: h.url },
      });
    };
    const ok = await send('kid.txt', kidPlan(true).replace('Четвёртое', 'Четвёртое изменённое'));
    const okHtml = await ok.text();
    expect(ok.status, okHtml).toBe(200);
    expect(okHtml).toMatch(/Файл загружен: новых \d+, изменено \d+/);
    const bad = await send('empty.txt', 'просто текст без таблицы\n');
    const badHtml = await bad.text();
    expect(bad.status).toBe(422);
    expect(badHtml).toContain('Файл не загружен');
    expect(badHtml).toContain('role="alert"');
    // A department or an admin cannot upload.
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    const refused = await fetch(`${h.url}/upload`, {
      method: 'POST',
      body: form,
      headers: { cookie: admin, origin: h.url },
    });
    expect(refused.status).toBe(403);
  });
});
