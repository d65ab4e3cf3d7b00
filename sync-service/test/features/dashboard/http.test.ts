// The dashboard over real HTTP on a real store (the samples synced): sign-in and its cookie, who
// sees what, the counts and the overdue filters against the store's own reads, an item's history,
// report downloads by cookie, and HTML injection in every user-written field.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { langOf, MESSAGES } from '../../../src/features/dashboard/i18n.ts';
import { overview } from '../../../src/features/dashboard/service.ts';
import { overviewPage } from '../../../src/features/dashboard/views/overview.ts';
import {
  clusterCounts,
  HTML_CLUSTER,
  HTML_FIELDS,
  htmlPlan,
  overdueRows,
  page,
  signIn,
  syncPlan,
} from '../../helpers/dashboard.ts';
import { BACKENDS, type Harness, roadmapRows, startHarness, syncBody } from '../../helpers/http-harness.ts';
import {
  AS_OF,
  EVIL,
  EVIL_CLUSTER,
  MARKS_CLUSTER,
  marksPlan,
  seedReportData,
} from '../../helpers/report-data.ts';
import { SAMPLE_CLUSTERS } from '../../helpers/report-fixtures.ts';
import { summaryHeaderRow, summaryRows } from '../../helpers/summary-sheet.ts';

const TOMSK = SAMPLE_CLUSTERS.filter((c) => c.region === 'Томская область');
const OTHERS = SAMPLE_CLUSTERS.filter((c) => c.region !== 'Томская область');
const asOf = `asOf=${AS_OF}`;

describe.each(BACKENDS)('dashboard over HTTP on %s', (backend) => {
  let h: Harness;
  let tomskDept: string;
  let tomskIndustrial: string;
  let adminCookie: string;
  let deptCookie: string;
  let clusterCookie: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    const { store } = h.services;
    await seedReportData(store);
    await store.clusters.create(HTML_CLUSTER);
    await syncPlan(store, HTML_CLUSTER.slug, 'html.txt', htmlPlan());
    // Item 6 of the marks plan leaves the sheet and comes back: removed, then restored.
    await syncPlan(store, MARKS_CLUSTER.slug, 'plan.txt', marksPlan(true).replace(/^6\..*\n/m, ''));
    await syncPlan(store, MARKS_CLUSTER.slug, 'plan.txt', marksPlan(true));
    await store.departments.create({
      slug: 'tomsk-edu',
      name: 'Департамент образования',
      region: 'Томская область',
    });
    tomskDept = await h.token('department', 'tomsk-edu');
    tomskIndustrial = await h.token('cluster', 'tomsk-industrial');
    adminCookie = (await signIn(h.url, h.admin)).cookie;
    deptCookie = (await signIn(h.url, tomskDept)).cookie;
    clusterCookie = (await signIn(h.url, tomskIndustrial)).cookie;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  describe('sign-in', () => {
    it('without a cookie / is the Russian sign-in page, with a strict CSP', async () => {
      const { status, res, html } = await page(h.url, '/');
      expect(status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
      expect(html).toContain('<html lang="ru">');
      expect(html).toContain('<form method="post" action="/login"');
      expect(html).toContain('Токен доступа');
      expect(html).not.toContain('Сводка на');
    });

    it('a good token sets an HttpOnly, SameSite=Strict cookie on / and redirects home', async () => {
      const { res, setCookie } = await signIn(h.url, tomskDept);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
      const attrs = setCookie.split(';').map((a) => a.trim());
      // The cookie holds a random session id, never the token (test/features/dashboard/sessions.test.ts).
      expect(attrs[0]).toMatch(/^cluster_session=css_[\w-]{43}$/);
      expect(attrs[0]).not.toContain(tomskDept);
      expect(attrs).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
      expect(attrs.find((a) => a.startsWith('Max-Age='))).toMatch(/^Max-Age=\d+$/);
      // Plain http on loopback: not Secure (the browser would drop it); an X-Forwarded-Proto from
      // a sender TRUST_PROXY does not name changes nothing (test/http/edge.test.ts has the proxy).
      expect(attrs).not.toContain('Secure');
      const proxied = await signIn(h.url, tomskDept, { 'x-forwarded-proto': 'https' });
      expect(proxied.setCookie.split(';').map((a) => a.trim())).not.toContain('Secure');
    });

    it('a wrong, empty or revoked token gets the sign-in page again with a Russian error, 401, no cookie', async () => {
      for (const token of ['cst_wrong-token', 'not a token <b>', '']) {
        const { res, text, setCookie } = await signIn(h.url, token);
        expect(res.status).toBe(401);
        expect(setCookie).toBe('');
        expect(text).toMatch(/Неверный или отозванный токен|Введите токен доступа/);
        expect(text).toContain('action="/login"');
      }
      const created = await h.services.store.tokens.create({
        kind: 'cluster',
        subject: 'tomsk-construction',
      });
      const cookie = (await signIn(h.url, created.token)).cookie;
      expect((await page(h.url, `/?${asOf}`, cookie)).status).toBe(200);
      await h.services.store.tokens.revoke(created.record.id);
      const again = await signIn(h.url, created.token);
      expect(again.res.status).toBe(401);
      // The cookie of a revoked token stops working at once, and is cleared.
      const home = await page(h.url, '/', cookie);
      expect(home.html).toContain('Токен больше не действует');
      expect(home.res.headers.get('set-cookie')).toMatch(/^cluster_session=; .*Max-Age=0/);
      const item = await page(h.url, '/items/anything', cookie);
      expect(item.status).toBe(401);
    });

    it('refuses a sign-in form posted from another site', async () => {
      const { res, setCookie } = await signIn(h.url, tomskDept, { origin: 'http://evil.example' });
      expect(res.status).toBe(403);
      expect(setCookie).toBe('');
      expect((await signIn(h.url, tomskDept, { origin: 'null' })).res.status).toBe(403);
      // Its own origin; an X-Forwarded-Host from an untrusted sender names no site (edge.test.ts).
      expect((await signIn(h.url, tomskDept, { origin: h.url })).res.status).toBe(303);
      const proxied = await signIn(h.url, tomskDept, {
        origin: 'https://roadmaps.example.org',
        'x-forwarded-host': 'roadmaps.example.org',
      });
      expect(proxied.res.status).toBe(403);
    });

    it('signing out clears the cookie', async () => {
      const { cookie } = await signIn(h.url, tomskDept);
      const res = await fetch(`${h.url}/logout`, {
        method: 'POST',
        headers: { cookie },
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(
        /^cluster_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/,
      );
    });

    it('pages other than / need the cookie (401 sign-in page); the cookie does not open the JSON API', async () => {
      const item = await page(h.url, '/items/some-id');
      expect(item.status).toBe(401);
      expect(item.html).toContain('action="/login"');
      expect(item.html).toContain('name="next" value="/items/some-id"');
      expect((await page(h.url, '/reports/consolidated.xlsx')).status).toBe(401);
      expect((await page(h.url, '/api/v1/items', adminCookie)).status).toBe(401);
    });

    it('after signing in with `next`, goes back to that page but never off the site', async () => {
      for (const [next, expected] of [
        ['/items/x?asOf=2021-11-20', '/items/x?asOf=2021-11-20'],
        ['//evil.example/', '/'],
        ['https://evil.example/', '/'],
      ]) {
        const res = await fetch(`${h.url}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: tomskDept, next }).toString(),
          redirect: 'manual',
        });
        expect(res.headers.get('location')).toBe(expected);
      }
    });
  });

  describe('scope and counts', () => {
    it('a cluster token sees its cluster only: table, overdue list, items and downloads of others refused', async () => {
      const { status, html } = await page(h.url, `/?${asOf}`, clusterCookie);
      expect(status).toBe(200);
      expect([...clusterCounts(html).keys()]).toEqual(['tomsk-industrial']);
      expect(html).toContain('Промышленный кластер Томской области');
      for (const c of SAMPLE_CLUSTERS.filter((c) => c.slug !== 'tomsk-industrial'))
        expect(html).not.toContain(c.name);
      expect(html).not.toContain(MARKS_CLUSTER.name);
      // Today every item of the sample is long overdue: the list has only this cluster's items.
      const today = await page(h.url, '/', clusterCookie);
      const rows = overdueRows(today.html);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.cluster))).toEqual(new Set(['tomsk-industrial']));

      const foreign = (
        await h.services.store.items.list({ clusterSlugs: ['tomsk-construction'], limit: 1 })
      )[0];
      const item = await page(h.url, `/items/${foreign.id}`, clusterCookie);
      expect(item.status).toBe(403);
      expect(item.html).toContain('Нет доступа');
      expect(item.html).not.toContain(foreign.title);
      expect(
        (await page(h.url, '/reports/cluster.xlsx?cluster=tomsk-construction', clusterCookie)).status,
      ).toBe(403);
      expect((await page(h.url, '/reports/consolidated.xlsx', clusterCookie)).status).toBe(403);
      // Its own report button works.
      expect(html).toContain('href="/reports/cluster.xlsx?asOf=2021-11-20"');
      expect((await page(h.url, `/reports/cluster.xlsx?${asOf}`, clusterCookie)).status).toBe(200);
    });

    it('a department sees its region; an admin sees every cluster', async () => {
      const dept = clusterCounts((await page(h.url, `/?${asOf}`, deptCookie)).html);
      expect([...dept.keys()].filter((k) => k !== 'total').sort()).toEqual(TOMSK.map((c) => c.slug).sort());
      const admin = clusterCounts((await page(h.url, `/?${asOf}`, adminCookie)).html);
      const all = await h.services.store.clusters.list();
      expect([...admin.keys()].filter((k) => k !== 'total').sort()).toEqual(all.map((c) => c.slug).sort());
      expect(all.length).toBe(SAMPLE_CLUSTERS.length + 3);
      for (const c of OTHERS) expect(dept.has(c.slug)).toBe(false);
    });

    it('counts agree with the store judged on the same day, and with the report it downloads', async () => {
      const { html } = await page(h.url, `/?${asOf}`, adminCookie);
      const counts = clusterCounts(html);
      const { store } = h.services;
      // The dashboard, like the report, counts the plans current on its date.
      const plans = { on: AS_OF, which: 'current' } as const;
      for (const c of await store.clusters.list()) {
        const items = await store.items.list({ clusterSlugs: [c.slug], plans, limit: 100_000 });
        const judged = (state: string) =>
          store.items
            .list({
              clusterSlugs: [c.slug],
              plans,
              state: state as 'done',
              asOf: { today: AS_OF, soonDays: h.config.soonDays },
              limit: 100_000,
            })
            .then((l) => l.length);
        const row = counts.get(c.slug)!;
        expect(row.items, c.slug).toBe(items.length);
        for (const state of ['done', 'overdue', 'due_soon', 'in_progress', 'upcoming', 'ongoing']) {
          expect(row[state], `${c.slug} ${state}`).toBe(await judged(state));
        }
        // A decision with no deadline has no due (state unknown) but is counted apart («без срока»).
        const none = items.filter((i) => i.deadline.kind === 'none').length;
        expect(row.no_deadline, `${c.slug} no_deadline`).toBe(none);
        expect(row.unknown + row.no_deadline, `${c.slug} unknown`).toBe(await judged('unknown'));
      }
      const total = counts.get('total')!;
      expect(total.items).toBe(
        [...counts.entries()].filter(([k]) => k !== 'total').reduce((s, [, r]) => s + r.items, 0),
      );
      expect(total.overdue).toBeGreaterThan(0);

      // The report downloaded with the cookie says the same in «Сводка».
      const res = await fetch(`${h.url}/reports/consolidated.xlsx?${asOf}`, {
        headers: { cookie: adminCookie },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('attachment');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
      const summary = book.getWorksheet('Сводка')!;
      const headers = (summary.getRow(summaryHeaderRow(summary)).values as unknown[]).map(String);
      const col = (label: string) => headers.indexOf(label);
      let checked = 0;
      for (const row of summaryRows(summary)) {
        const name = row.getCell(col('Кластер')).value;
        const slug = (await store.clusters.list()).find((c) => c.name === name)?.slug;
        if (!slug) continue;
        expect(row.getCell(col('Просрочено')).value, slug).toBe(counts.get(slug)!.overdue);
        expect(row.getCell(col('Выполнено')).value, slug).toBe(counts.get(slug)!.done);
        checked++;
      }
      expect(checked).toBe(counts.size - 1);
    });
  });

  describe('overdue list', () => {
    const storeOverdue = (filter: { clusterSlugs?: string[]; executor?: string; q?: string }) =>
      h.services.store.items
        .list({
          ...filter,
          plans: { on: AS_OF, which: 'current' },
          state: 'overdue',
          asOf: { today: AS_OF, soonDays: h.config.soonDays },
          limit: 100_000,
        })
        .then((items) => items.map((i) => i.id).sort());

    it('lists every overdue item in scope, most overdue first', async () => {
      const { html } = await page(h.url, `/?${asOf}`, deptCookie);
      const rows = overdueRows(html);
      expect(rows.map((r) => r.id).sort()).toEqual(
        await storeOverdue({ clusterSlugs: TOMSK.map((c) => c.slug) }),
      );
      const days = [...html.matchAll(/<span class="badge state-overdue">(\d+)<\/span>/g)].map((m) =>
        Number(m[1]),
      );
      expect(days.length).toBe(rows.length);
      expect(days).toEqual([...days].sort((a, b) => b - a));
      expect(html).toContain(`Найдено: <strong>${rows.length}</strong>`);
    });

    it('filters by cluster, executor and text (GET parameters) as the store’s search does', async () => {
      const cases: [string, { clusterSlugs?: string[]; executor?: string; q?: string }][] = [
        ['cluster=tomsk-construction', { clusterSlugs: ['tomsk-construction'] }],
        ['executor=совет', { executor: 'совет' }],
        ['executor=РУКОВОДИТЕЛИ', { executor: 'руководители' }],
        ['q=кадр', { q: 'кадр' }],
        [
          'cluster=tomsk-construction&executor=совет&q=монитор',
          { clusterSlugs: ['tomsk-construction'], executor: 'совет', q: 'монитор' },
        ],
      ];
      for (const [query, filter] of cases) {
        const { status, html } = await page(h.url, `/?${query}&${asOf}`, deptCookie);
        expect(status, query).toBe(200);
        const expected = await storeOverdue({ clusterSlugs: TOMSK.map((c) => c.slug), ...filter });
        expect(expected.length, query).toBeGreaterThan(0);
        expect(
          overdueRows(html)
            .map((r) => r.id)
            .sort(),
          query,
        ).toEqual(expected);
      }
      const none = await page(
        h.url,
        `/?q=${encodeURIComponent('нет такого текста нигде')}&${asOf}`,
        deptCookie,
      );
      expect(overdueRows(none.html)).toEqual([]);
      expect(none.html).toContain('По этому фильтру просроченных нет.');
      // The filter keeps what was asked in the form.
      expect(
        (await page(h.url, `/?executor=${encodeURIComponent('совет')}&${asOf}`, deptCookie)).html,
      ).toContain('name="executor" value="совет"');
    });

    it('keeps only the most overdue rows when there are more than it shows, and counts them all', async () => {
      const admin = { kind: 'admin', tokenId: 'test' } as const;
      const all = await overview(h.services, admin, AS_OF, {});
      expect(all.overdueMatched).toBe(all.overdue.length);
      const few = await overview(h.services, admin, AS_OF, {}, 3);
      expect(few.overdueMatched).toBe(all.overdueMatched);
      expect(few.overdue.map((r) => r.id)).toEqual(all.overdue.slice(0, 3).map((r) => r.id));
      expect(few.tallies).toEqual(all.tallies);
    });

    it('says what is wrong with a bad date, as a page', async () => {
      const { status, html } = await page(h.url, '/?asOf=2021-02-30', deptCookie);
      expect(status).toBe(400);
      expect(html).toContain('query.asOf');
      expect(html).toContain('ГГГГ-ММ-ДД');
    });
  });

  describe('item history', () => {
    const findItem = async (slug: string, number: string) =>
      (await h.services.store.items.list({ clusterSlugs: [slug], limit: 1000 })).find(
        (i) => i.number === number,
      )!;

    it('one entry per sync: the moved deadline old → new and the mark’s change together, dates ДД.ММ.ГГГГ', async () => {
      const moved = await findItem(MARKS_CLUSTER.slug, '5');
      const { status, html } = await page(h.url, `/items/${moved.id}?${asOf}`, adminCookie);
      expect(status).toBe(200);
      expect(html).toContain('Стажировка преподавателей');
      const entries = [...html.matchAll(/<tr class="entry ev-(\w+)" data-sync="([^"]*)">([\s\S]*?)<\/tr>/g)];
      // Added by the first sync; the second changed the mark, which moved the deadline: one entry.
      expect(entries.map((m) => m[1])).toEqual(['created', 'changed']);
      const change = entries[1][3];
      expect(change).toContain(
        '<li data-field="due">Срок перенесён: <span class="old">30.09.2021</span> → <span class="new">15.12.2021</span></li>',
      );
      expect(change).toContain(
        'Изменено: отметка о выполнении: <span class="old">—</span> → <span class="new">перенесено на 15.12.2021</span>',
      );
      // The mark's status is said by the mark itself, not as a line of its own.
      expect(change).not.toContain('data-field="mark.status"');
      expect(change).toContain('файл «plan.txt»');
      const history = await h.services.store.items.history(moved.id);
      expect(new Set(entries.map((m) => m[2]))).toEqual(new Set(history.map((e) => e.syncId)));
      const when = [...html.matchAll(/<td class="date">(\d\d\.\d\d\.\d{4} \d\d:\d\d)<\/td>/g)];
      expect(when.length).toBe(entries.length);
      expect(html).toContain('Состояние на 20.11.2021');
    });

    it('shows an item removed from its sheet and restored', async () => {
      const back = await findItem(MARKS_CLUSTER.slug, '6');
      const { html } = await page(h.url, `/items/${back.id}`, adminCookie);
      const order = [...html.matchAll(/<tr class="entry ev-(\w+)"/g)].map((m) => m[1]);
      expect(order).toEqual(['created', 'removed', 'restored']);
      expect(html).toContain('<strong>Удалено из таблицы</strong>');
      expect(html).toContain('<strong>Снова в таблице</strong>');
    });

    it('an unknown item is a 404 page', async () => {
      const { status, html } = await page(h.url, '/items/00000000-0000-0000-0000-000000000000', adminCookie);
      expect(status).toBe(404);
      expect(html).toContain('Мероприятие не найдено');
    });
  });

  describe('HTML injection', () => {
    const payloads = [...Object.values(HTML_FIELDS), HTML_CLUSTER.name, EVIL.html, EVIL_CLUSTER.name];
    const escaped = (s: string) =>
      s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');

    function expectEscaped(html: string, present: string[]) {
      for (const p of payloads) expect(html).not.toContain(p);
      expect(html).not.toMatch(/<(script|iframe|svg onload|img src=x)/i);
      for (const p of present) expect(html, p).toContain(escaped(p));
    }

    it('the overview shows cluster name, document, title, executor, result and mark as text', async () => {
      const { html } = await page(h.url, `/?${asOf}`, adminCookie);
      expectEscaped(html, [
        HTML_CLUSTER.name,
        EVIL_CLUSTER.name,
        HTML_FIELDS.document,
        HTML_FIELDS.title,
        HTML_FIELDS.executor,
        HTML_FIELDS.result,
        HTML_FIELDS.mark,
        EVIL.html,
      ]);
      // The filter echoes what was typed, escaped, in its attribute.
      const typed = `"><script>alert('filter')</script>`;
      const echoed = await page(
        h.url,
        `/?q=${encodeURIComponent(typed)}&executor=${encodeURIComponent(typed)}`,
        adminCookie,
      );
      expect(echoed.html).not.toContain(typed);
      expect(echoed.html).toContain(`value="${escaped(typed)}"`);
    });

    it('the item page shows the task and every field as text', async () => {
      const [item] = await h.services.store.items.list({ clusterSlugs: [HTML_CLUSTER.slug] });
      const { status, html } = await page(h.url, `/items/${item.id}?${asOf}`, adminCookie);
      expect(status).toBe(200);
      expectEscaped(html, [HTML_CLUSTER.name, ...Object.values(HTML_FIELDS)]);
    });

    it('the sign-in page echoes `next` only escaped', async () => {
      const id = `x"><img src=x onerror=alert(1)>`;
      const { status, html } = await page(
        h.url,
        `/items/${encodeURIComponent(id)}?q=${encodeURIComponent('"<b>')}`,
      );
      expect(status).toBe(401);
      expect(html).not.toContain('<img');
      // The address as the browser sent it (percent-encoded) goes back in a quoted attribute.
      expect(html).toMatch(/name="next" value="\/items\/x%22%3E%3Cimg[^"<>]*"/);
    });
  });

  describe('freshness, finished plans, removed rows, history by token', () => {
    it('«Данные на» per cluster and per current document; a silent cluster is flagged', async () => {
      const { html } = await page(h.url, `/?${asOf}`, adminCookie);
      const { store } = h.services;
      const runs = await store.syncRuns.list({ limit: 10_000 });
      for (const c of await store.clusters.list()) {
        const last = runs
          .filter((r) => r.clusterSlug === c.slug)
          .map((r) => r.finishedAt)
          .sort()
          .at(-1)!;
        const row = html.match(new RegExp(`<tr data-cluster="${c.slug}">[\\s\\S]*?</tr>`))![0];
        expect(row, c.slug).toContain(`data-fresh="${last}"`);
        expect(row).not.toContain('data-stale');
      }
      for (const d of await store.documents.list()) {
        if (d.period && d.period.end < AS_OF) continue;
        const row = html.match(new RegExp(`<tr data-document="${d.id}">[\\s\\S]*?</tr>`))![0];
        expect(row).toContain(`data-fresh="${d.lastSyncAt}"`);
      }
      // Forty days later with nothing synced, every cluster is flagged.
      const admin = { kind: 'admin', tokenId: 'test' } as const;
      const data = await overview(h.services, admin, AS_OF, {});
      const later = overviewPage({
        t: MESSAGES.ru,
        reader: { principal: admin, label: 'admin' },
        data,
        filter: {},
        asOfParam: AS_OF,
        timeZone: 'Europe/Moscow',
        now: new Date(Date.now() + 40 * 86_400_000),
        staleDays: h.config.staleDays,
      }).value;
      const flagged = [...later.matchAll(/data-stale="1">[^<]*<span class="badge stale">([^<]*)</g)];
      expect(flagged.length).toBe(data.tallies.length);
      for (const m of flagged) expect(m[1]).toMatch(/^нет обновлений (40|39) дн\.$/);
    });

    it('finished plans leave the counts; plans=finished shows each with its final tally', async () => {
      const current = await page(h.url, `/?${asOf}`, adminCookie);
      const smolensk = (await h.services.store.documents.list()).find((d) => d.period?.end === '2019-08-31')!;
      expect(current.html).not.toContain(`data-document="${smolensk.id}"`);
      const finished = await page(h.url, `/?${asOf}&plans=finished`, adminCookie);
      const row = finished.html.match(new RegExp(`<tr data-document="${smolensk.id}">[\\s\\S]*?</tr>`))![0];
      const final = Object.fromEntries(
        [...row.matchAll(/data-final="(\w+)">(\d+)</g)].map((m) => [m[1], Number(m[2])]),
      );
      expect(final.items).toBe(smolensk.itemCount);
      expect(final.onTime + final.late + final.undated + final.notDone + final.cancelled).toBe(final.items);
      // The download button then asks for the finished plans too.
      expect(finished.html).toContain(`href="/reports/consolidated.xlsx?asOf=${AS_OF}&amp;finished=include"`);
      // Counts are the same either way: finished plans are never counted as overdue.
      expect(clusterCounts(finished.html)).toEqual(clusterCounts(current.html));
    });

    it("a copied row's page links the item it was copied from", async () => {
      await h.services.store.clusters.create({ slug: 'copies', name: 'Копии', region: 'Калужская область' });
      const token = await h.token('cluster', 'copies');
      const rows = [{ number: '1.', title: 'Исходная строка', executor: 'Иванов', deadline: 'май 2025' }];
      const first = await h.request('POST', '/api/v1/sync', {
        token,
        json: syncBody('copies', roadmapRows(rows)),
      });
      const original: string = first.body.rowIds[0].id;
      const sent = roadmapRows([...rows, { ...rows[0], number: '2.' }]).map((r, i) =>
        i === 3 ? { ...r, id: original } : i === 4 ? { ...r, copiedFrom: original } : r,
      );
      const second = await h.request('POST', '/api/v1/sync', { token, json: syncBody('copies', sent) });
      expect(second.body.created).toBe(1);
      const copy: string = second.body.rowIds.find((r: { id: string }) => r.id !== original).id;
      const { html } = await page(h.url, `/items/${copy}`, adminCookie);
      expect(html).toContain(
        `<li data-field="id">Строка скопирована из другого пункта: <a href="/items/${original}">исходный пункт</a></li>`,
      );
    });

    it('a row removed from a sheet is listed «Удалены из таблицы», linked to its page; history names sheet and token', async () => {
      const { store } = h.services;
      await store.clusters.create({
        slug: 'gone',
        name: 'Кластер с удалённой строкой',
        region: 'Калужская область',
      });
      const token = await h.token('cluster', 'gone');
      const rows = [
        { number: '1.', title: 'Остаётся в таблице', executor: 'Иванов', deadline: 'май 2025' },
        { number: '2.', title: 'Строка, которую удалят', executor: 'Петров', deadline: 'июнь 2025' },
      ];
      const first = await h.request('POST', '/api/v1/sync', {
        token,
        json: syncBody('gone', roadmapRows(rows)),
      });
      expect(first.status).toBe(200);
      const edited = [{ ...rows[0], deadline: 'июль 2025' }];
      const second = await h.request('POST', '/api/v1/sync', {
        token,
        json: syncBody('gone', roadmapRows(edited)),
      });
      expect(second.status).toBe(200);
      const { html } = await page(h.url, '/', adminCookie);
      const section = html.match(/<section class="card" id="removed">[\s\S]*?<\/section>/)![0];
      expect(section).toContain('Удалены из таблицы');
      const gone = (await store.items.list({ clusterSlugs: ['gone'], removedOnly: true }))[0];
      expect(gone.title).toBe('Строка, которую удалят');
      expect(section).toContain(`<a href="/items/${gone.id}">Строка, которую удалят</a>`);
      // A page past the last shows the last (the count and the page are read at once).
      const past = (await page(h.url, '/?rpage=99', adminCookie)).html;
      const pastSection = past.match(/<section class="card" id="removed">[\s\S]*?<\/section>/)![0];
      expect(pastSection).toContain(`<a href="/items/${gone.id}">Строка, которую удалят</a>`);
      const removedPage = await page(h.url, `/items/${gone.id}`, adminCookie);
      expect(removedPage.status).toBe(200);
      expect(removedPage.html).toContain('<strong>Удалено из таблицы</strong>');
      // The kept row's history: one entry for the second sync, from the sheet, by the cluster's token.
      const kept = (await store.items.list({ clusterSlugs: ['gone'] }))[0];
      const tokenId = (await store.tokens.list()).filter((t) => t.kind === 'cluster').at(-1)!.id;
      const api = await h.request('GET', `/api/v1/items/${kept.id}/history`, { token });
      expect(api.status).toBe(200);
      expect(api.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['created', 'changed']);
      expect(api.body.entries[1]).toMatchObject({
        syncId: second.body.syncId,
        via: {
          source: { kind: 'sheet', name: 'План работы / План' },
          actor: `token:${tokenId}`,
          tokenId,
          tokenKind: 'cluster',
        },
      });
      expect(api.body.entries[1].changes.map((c: { field: string }) => c.field)).toContain('deadline');
      const keptPage = await page(h.url, `/items/${kept.id}`, adminCookie);
      expect(keptPage.html).toContain(`лист «План работы / План», токен ${tokenId.slice(0, 8)} (кластера)`);
    });
  });
});

describe('cookie Secure setting', () => {
  it('COOKIE_SECURE=always marks the cookie Secure even over http; a wrong value names the variable', async () => {
    const secure = await startHarness('sqlite', { COOKIE_SECURE: 'always' });
    try {
      const { res, setCookie } = await signIn(secure.url, secure.admin);
      expect(res.status).toBe(303);
      expect(setCookie.split(';').map((a) => a.trim())).toContain('Secure');
    } finally {
      await secure.close();
    }
    expect(() => loadConfig({ COOKIE_SECURE: 'sometimes' })).toThrow(/^COOKIE_SECURE=sometimes: /);
  });
});

describe('language', () => {
  it('Russian unless Accept-Language ranks another language first', () => {
    expect(langOf(undefined)).toBe('ru');
    expect(langOf('')).toBe('ru');
    expect(langOf('ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ru');
    expect(langOf('en;q=0.5, ru;q=0.9')).toBe('ru');
    expect(langOf('*')).toBe('ru');
    expect(langOf('en-US,en;q=0.9')).toBe('en');
    expect(langOf('de-DE, ru;q=0.5')).toBe('en');
    expect(langOf('ru;q=0, en')).toBe('en');
  });

  it('an English-preferring browser gets the pages in English; the data stays as written', async () => {
    const h = await startHarness('sqlite');
    try {
      await seedReportData(h.services.store);
      const en = { 'accept-language': 'en-GB,en;q=0.9' };
      const signInPage = await fetch(`${h.url}/`, { headers: en });
      const html = await signInPage.text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('Access token');
      expect(signInPage.headers.get('vary')).toContain('Accept-Language');
      const bad = await signIn(h.url, 'cst_wrong', en);
      expect(bad.text).toContain('Wrong or revoked token');
      const { cookie } = await signIn(h.url, h.admin, en);
      const home = await (await fetch(`${h.url}/?${asOf}`, { headers: { ...en, cookie } })).text();
      expect(home).toContain('Overview as of 20.11.2021');
      expect(home).toContain('Overdue items');
      expect(home).toContain('Кластер лёгкой промышленности');
      const [moved] = (await h.services.store.items.list({ clusterSlugs: [MARKS_CLUSTER.slug] })).filter(
        (i) => i.number === '5',
      );
      const item = await (
        await fetch(`${h.url}/items/${moved.id}?${asOf}`, { headers: { ...en, cookie } })
      ).text();
      expect(item).toContain(
        '<li data-field="due">Deadline moved: <span class="old">30.09.2021</span> → <span class="new">15.12.2021</span></li>',
      );
      expect(item).toContain('Status as of 20.11.2021');
      // Russian by default.
      const ru = await (await fetch(`${h.url}/?${asOf}`, { headers: { cookie } })).text();
      expect(ru).toContain('Сводка на 20.11.2021');
    } finally {
      await h.close();
    }
  });
});
