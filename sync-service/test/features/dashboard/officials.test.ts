// The dashboard's КИД and trend sections over HTTP on both backends, on hand-made data whose figures
// are worked out by hand (test/helpers/officials.ts).

import { readText } from '@cluster/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySnapshot } from '../../../src/app/sync-snapshot.ts';
import { executorKey } from '../../../src/reports/executors.ts';
import { page, signIn } from '../../helpers/dashboard.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';
import { KID_CLUSTER, KID_EXPECTED, kidPlan, seedKid } from '../../helpers/officials.ts';
import { AS_OF } from '../../helpers/report-data.ts';

const cell = (html: string, row: string, kind: string) =>
  html.match(new RegExp(`${row}[\\s\\S]*?data-kid="${kind}"[^>]*>([^<]+)<`))?.[1];
const rowOf = (html: string, attr: string) =>
  html.match(new RegExp(`<tr ${attr}>[\\s\\S]*?</tr>`))?.[0] ?? '';

describe.each(BACKENDS)('КИД and trends on the dashboard on %s', (backend) => {
  let h: Harness;
  let cookie: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedKid(h.services.store);
    // A second cluster whose table names no organisation: its contacts do.
    const { store } = h.services;
    const other = await store.clusters.create({
      slug: 'kid-contacts',
      name: 'Кластер контактов',
      region: KID_CLUSTER.region,
    });
    await applySnapshot(store, {
      cluster: other.slug,
      source: { kind: 'file', fileName: 'plain.txt' },
      documents: readText(kidPlan(true).replace(/\t[^\t\n]*$/gm, ''), { today: AS_OF }),
      actor: 'test',
      today: AS_OF,
    });
    await store.contacts.upsert(other.id, {
      executor: 'Петров П. П.',
      executorKey: executorKey('Петров П. П.'),
      organisation: 'Завод В',
    });
    await h.services.store.departments.create({
      slug: 'kaluga-edu',
      name: 'Минобр',
      region: 'Калужская область',
    });
    cookie = (await signIn(h.url, await h.token('department', 'kaluga-edu'))).cookie;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('states the formula and shows КИД per cluster, plain and weighted, in colour bands', async () => {
    const { status, html } = await page(h.url, `/?asOf=${AS_OF}`, cookie);
    expect(status).toBe(200);
    expect(html).toContain('КИД (коэффициент исполнительской дисциплины) = выполнено в срок');
    const row = rowOf(html, `data-kid-cluster="${KID_CLUSTER.slug}"`);
    expect(cell(row, '', 'plain')).toBe(KID_EXPECTED.plain.toFixed(1));
    expect(cell(row, '', 'weighted')).toBe(KID_EXPECTED.weighted.toFixed(1));
    expect(row).toContain('kid-red');
    // Срок наступил 3, в срок 1, с опозданием 1, просрочено 1, дней 15 + 234.
    expect([...row.matchAll(/class="num" data-label="[^"]+">(\d+)</g)].map((m) => Number(m[1]))).toEqual([
      3, 1, 1, 1, 249,
    ]);
  });

  it('lists the worst executors (lowest КИД first) and organisations named by the table', async () => {
    const { html } = await page(h.url, `/?asOf=${AS_OF}`, cookie);
    const worst = html.slice(html.indexOf('kid-worst'));
    const order = [...worst.matchAll(/data-kid-executor="([^"]+)"/g)].map((m) => m[1]);
    // Executors count within their cluster: Петров of both clusters (КИД 0) before Иванов (50).
    expect(order).toEqual(['Петров П.П.', 'Петров П.П.', 'Иванов И.И.', 'Иванов И.И.']);
    expect(cell(rowOf(html, 'data-kid-executor="Иванов И.И."'), '', 'plain')).toBe('50.0');
    expect(cell(rowOf(html, 'data-kid-organisation="Завод Б"'), '', 'plain')).toBe('0.0');
    expect(cell(rowOf(html, 'data-kid-organisation="Колледж А"'), '', 'plain')).toBe('50.0');
    // Named by the contacts of a cluster whose table has no organisation column: Петров's one due item is overdue.
    expect(cell(rowOf(html, 'data-kid-organisation="Завод В"'), '', 'plain')).toBe('0.0');
  });

  it('shows the change since a date from the tallies the syncs kept, with an inline SVG chart', async () => {
    const { html } = await page(h.url, `/?asOf=${AS_OF}&since=2021-11-05`, cookie);
    expect(html).toContain('Динамика с 05.11.2021');
    const row = rowOf(html, `data-trend-cluster="${KID_CLUSTER.slug}"`);
    // On 01.11: 0 done, 3 overdue of 4; on 20.11: 2 done, 1 overdue.
    expect([...row.matchAll(/data-delta="(-?\d+)"/g)].map((m) => Number(m[1]))).toEqual([0, 2, -2]);
    expect(row).toMatch(/<svg class="spark"[^>]*role="img"/);
    expect(row).not.toContain('style=');
  });

  it('by default starts at the previous report of the scope, else 30 days back', async () => {
    const before = await page(h.url, `/?asOf=${AS_OF}`, cookie);
    expect(before.html).toContain('Динамика с 21.10.2021');
    expect(before.html).toContain('за 30 дней');
    const report = await fetch(`${h.url}/reports/consolidated.xlsx?asOf=2021-11-10`, { headers: { cookie } });
    expect(report.status).toBe(200);
    await report.arrayBuffer();
    const after = await page(h.url, `/?asOf=${AS_OF}`, cookie);
    expect(after.html).toContain('Динамика с 10.11.2021');
    expect(after.html).toContain('с предыдущего отчёта');
  });

  it('refuses a since that is not a date', async () => {
    const { status } = await page(h.url, '/?since=вчера', cookie);
    expect(status).toBe(400);
  });
});
