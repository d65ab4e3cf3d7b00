// The dashboard's counts come from the rollups the store keeps at sync time; they must be the
// report's numbers (its pass over the items: classify, ClusterTallies, DisciplineTallies) for the
// same data and day. Several days, deadlines moved by a mark and between syncs, done late, several
// dues, recurring work, no deadline, a finished plan, a removed row, an archived document; both backends.

import { type DisciplineCounts, kid, readText, tallyKeyOf, worstByKid } from '@cluster/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal, readableScope } from '../../../src/app/access.ts';
import { applySnapshot } from '../../../src/app/sync-snapshot.ts';
import { MESSAGES } from '../../../src/features/dashboard/i18n.ts';
import { overview } from '../../../src/features/dashboard/service.ts';
import { overviewPage } from '../../../src/features/dashboard/views/overview.ts';
import { classify } from '../../../src/reports/classify.ts';
import { DisciplineTallies } from '../../../src/reports/discipline.ts';
import { executorKey } from '../../../src/reports/executors.ts';
import { scanMoves } from '../../../src/reports/move-scan.ts';
import { storeReportSource } from '../../../src/reports/store-source.ts';
import { ClusterTallies } from '../../../src/reports/tally.ts';
import { totalTrend, trendsOf } from '../../../src/reports/trends.ts';
import { page, signIn } from '../../helpers/dashboard.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';
import { seedKid } from '../../helpers/officials.ts';
import { seedReportData } from '../../helpers/report-data.ts';

const MIXED = { slug: 'rollup-mix', name: 'Кластер смешанный', region: 'Калужская область' };
const header = '№\tМероприятие\tИсполнитель\tСрок\tРезультат\tОтметка о выполнении\tОрганизация';

/** Every kind of deadline and mark the counts treat apart; `second` is the later sync. */
function mixedPlan(second: boolean): string {
  return [
    'План работы кластера на 2021 год',
    '',
    header,
    '1.\tДва срока\tИванов И.И.\tапрель, октябрь 2021\tОтчёт\t\tКолледж А',
    '2.\tЕжеквартально\tПетров П.П.\tежеквартально\tСправка\t\t',
    '3.\tБез срока\tСидоров С.С.\tбез срока\tСправка\t\t',
    `4.\tПеренос отметкой\tИванов И.И., Петров П.П.\tмай 2021\tОтчёт\t${second ? 'выполнено 20.08.2021' : 'перенесено на 30.09.2021'}\tЗавод Б`,
    `5.\tСрок сдвинут в таблице\tСидоров С.С.\t${second ? 'декабрь 2021' : 'июнь 2021'}\tОтчёт\t\t`,
    '6.\tВыполнено поздно\tПетров П.П.\tфевраль 2021\tОтчёт\tвыполнено 10.06.2021\tЗавод Б',
    '7.\tОтменено\tПетров П.П.\tмарт 2021\tОтчёт\tотменено\t',
    '8.\tВыполнено без даты\tИванов И.И.\tмарт 2021\tОтчёт\tвыполнено\t',
    '9.\tВ течение года\tСидоров С.С.\tв течение года\tОтчёт\t\t',
    '10.\tС периода\tИванов И.И.\tс 1 сентября по 30 ноября 2021\tОтчёт\t\t',
    ...(second ? [] : ['11.\tУдалённая строка\tИванов И.И.\tмарт 2021\tОтчёт\t\t']),
    '',
  ].join('\n');
}

const DAYS = [
  '2021-01-15',
  '2021-04-10',
  '2021-06-30',
  '2021-10-31',
  '2021-11-20',
  '2021-12-20',
  '2022-03-01',
];

/** The report's numbers: its own pass over the items. */
async function reportFigures(h: Harness, p: Principal, asOf: string, includeArchived: boolean) {
  const source = storeReportSource(h.services.store, { ...readableScope(p), plansOn: asOf, includeArchived });
  const clusters = await source.clusters();
  const tallies = new ClusterTallies(clusters);
  const discipline = new DisciplineTallies(clusters);
  const { movedDue } = await scanMoves(source, h.services.config.timeZone);
  for await (const item of source.items()) {
    const facts = classify(item, asOf, h.services.config.soonDays, movedDue.get(item.id) ?? null);
    tallies.add(item.cluster, tallyKeyOf(facts.state, item.deadline));
    discipline.add(item.cluster, item.executors, facts, item.organisation ?? null);
  }
  return { tallies, discipline };
}

const sortedBy = <T>(rows: T[], key: (r: T) => string) =>
  [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe.each(BACKENDS)('dashboard counts from rollups equal the report on %s', (backend) => {
  let h: Harness;
  const admin: Principal = { kind: 'admin', tokenId: 'test' };
  const department: Principal = {
    kind: 'department',
    tokenId: 'test',
    departmentId: 'd',
    region: 'Калужская область',
  } as Principal;

  beforeAll(async () => {
    h = await startHarness(backend);
    const { store } = h.services;
    await seedReportData(store);
    await seedKid(store);
    await store.clusters.create(MIXED);
    const sync = (day: string, second: boolean) =>
      applySnapshot(store, {
        cluster: MIXED.slug,
        source: { kind: 'file', fileName: 'mixed.txt' },
        title: 'mixed.txt',
        documents: readText(mixedPlan(second), { today: day }),
        actor: 'test',
        today: day,
      });
    await sync('2021-03-01', false);
    await sync('2021-09-01', true);
    // A finished plan (2020) and an archived document.
    await applySnapshot(store, {
      cluster: MIXED.slug,
      source: { kind: 'file', fileName: 'old.txt' },
      title: 'old.txt',
      documents: readText(mixedPlan(false).replace('2021 год', '2020 год').replaceAll('2021', '2020'), {
        today: '2020-06-01',
      }),
      actor: 'test',
      today: '2020-06-01',
    });
    const archived = (await store.documents.list()).find((d) => d.clusterSlug === 'kid-test')!;
    await store.documents.setArchived(archived.id, true);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  /** How many comparisons had worst executors to compare. */
  const compared = { worst: 0 };

  /** The dashboard's numbers and the report's for the reader, day and archive choice. */
  async function expectSame(p: Principal, asOf: string, archived: boolean): Promise<void> {
    const report = await reportFigures(h, p, asOf, archived);
    const data = await overview(h.services, p, asOf, { archived });
    const at = `${p.kind} ${asOf}`;
    expect(data.clusterPager.total, at).toBe(report.tallies.sorted().length);
    expect(
      data.tallies.map((t) => [t.cluster.slug, t.items, t.byState]),
      at,
    ).toEqual(report.tallies.sorted().map((t) => [t.cluster.slug, t.items, t.byState]));
    expect(data.total, at).toEqual(report.tallies.total());
    expect(
      sortedBy(data.discipline.clusters, (r) => r.cluster.slug).map((r) => [r.cluster.slug, r.counts]),
      at,
    ).toEqual(
      sortedBy(report.discipline.clusters(), (r) => r.cluster.slug).map((r) => [r.cluster.slug, r.counts]),
    );
    expect(data.discipline.total, at).toEqual(report.discipline.total());
    // The trend's total line: every cluster's series summed, as the report sums them.
    const series = await storeReportSource(h.services.store, readableScope(p)).tallies({
      since: data.trend.since,
      until: asOf,
    });
    expect(data.trend.total, at).toEqual(totalTrend(trendsOf(series, data.trend.since).values()));
    const sums = await h.services.store.rollups.day({
      ...readableScope(p),
      asOf,
      soonDays: h.services.config.soonDays,
      includeArchived: archived,
    });
    const key = (slug: string, name: string | null) => `${slug}/${executorKey(name ?? '')}`;
    expect(
      sortedBy(
        sums.executors().map((e) => [key(e.clusterSlug, e.executor), e.counts] as const),
        (r) => r[0],
      ),
      at,
    ).toEqual(
      sortedBy(
        report.discipline.executors().map((e) => [key(e.cluster.slug, e.executor), e.counts] as const),
        (r) => r[0],
      ),
    );
    // The five worst, merged from each cluster's worst: the order of the report's (КИД, then the
    // most overdue, then the most days late); the executors with an overdue item for the filter.
    const rank = (r: { counts: DisciplineCounts }) => [kid(r.counts), r.counts.overdue, r.counts.daysLate];
    const reportWorst = worstByKid(report.discipline.executors(), (e) => e.counts);
    if (reportWorst.length > 0) compared.worst++;
    expect(data.discipline.worst.map(rank), at).toEqual(reportWorst.map(rank));
    expect(data.overdueExecutors, at).toEqual(
      [
        ...new Set(
          report.discipline
            .executors()
            .filter((e) => e.counts.overdue > 0)
            .map((e) => e.executor),
        ),
      ].sort((a, b) => (a ?? '').localeCompare(b ?? '', 'ru')),
    );
    expect(
      sortedBy(data.discipline.organisations, (o) => executorKey(o.organisation)).map((o) => [
        executorKey(o.organisation),
        o.counts,
      ]),
      at,
    ).toEqual(
      sortedBy(report.discipline.organisations(), (o) => executorKey(o.organisation)).map((o) => [
        executorKey(o.organisation),
        o.counts,
      ]),
    );
  }

  for (const archived of [false, true]) {
    it(`per cluster, КИД, worst executors and organisations on several days${archived ? ', archived too' : ''}`, async () => {
      compared.worst = 0;
      for (const p of [admin, department]) for (const asOf of DAYS) await expectSame(p, asOf, archived);
      expect(compared.worst).toBeGreaterThan(DAYS.length);
    });
  }

  it('remembered sums follow a sync, an archived document and new contacts', async () => {
    const { store } = h.services;
    const day = '2021-11-20';
    await expectSame(admin, day, false);
    await applySnapshot(store, {
      cluster: MIXED.slug,
      source: { kind: 'file', fileName: 'mixed.txt' },
      title: 'mixed.txt',
      documents: readText(mixedPlan(true).replace('\tОтчёт\t\t\n', '\tОтчёт\tвыполнено 01.11.2021\t\n'), {
        today: '2021-11-10',
      }),
      actor: 'test',
      today: '2021-11-10',
    });
    await expectSame(admin, day, false);
    const mixed = await store.clusters.getBySlug(MIXED.slug);
    const doc = (await store.documents.list({ clusterSlugs: [MIXED.slug] }))[0];
    await store.documents.setArchived(doc.id, true);
    await expectSame(admin, day, false);
    await store.documents.setArchived(doc.id, false);
    await store.contacts.upsert(mixed!.id, {
      executor: 'Сидоров С.С.',
      executorKey: executorKey('Сидоров С.С.'),
      organisation: 'Завод Г',
    });
    await expectSame(admin, day, false);
    const data = await overview(h.services, admin, day, {});
    expect(data.discipline.organisations.map((o) => o.organisation)).toContain('Завод Г');
  });

  it('the overdue list is a page of the overdue items, most overdue first', async () => {
    const data = await overview(h.services, admin, '2021-11-20', {}, 2);
    expect(data.overdue.length).toBe(2);
    expect(data.overduePager.pages).toBe(Math.ceil(data.overdueMatched / 2));
    expect(data.overdue[0].daysOverdue).toBeGreaterThanOrEqual(data.overdue[1].daysOverdue);
    const second = await overview(h.services, admin, '2021-11-20', {}, 2, undefined, { overdue: 2 });
    expect(second.overdue[0].daysOverdue).toBeLessThanOrEqual(data.overdue[1].daysOverdue);
    expect(second.overdue.map((r) => r.id)).not.toContain(data.overdue[0].id);
    expect(data.removed.map((r) => r.title)).toContain('Удалённая строка');
  });

  it('pages the cluster table in the order asked, the total over all; the removed rows newest first', async () => {
    const all = await overview(h.services, admin, '2021-11-20', {});
    const sizes = { clusters: 2, removed: 1 };
    const byOverdue = await overview(h.services, admin, '2021-11-20', {}, undefined, undefined, {
      clusterSort: 'overdue',
      clusters: 2,
      sizes,
    });
    expect(byOverdue.clusterPager).toMatchObject({
      page: 2,
      pages: Math.ceil(all.clusterPager.total / 2),
      size: 2,
    });
    expect(byOverdue.tallies.length).toBe(2);
    expect(byOverdue.total).toEqual(all.total);
    const overdue = all.tallies.map((t) => t.byState.overdue).sort((a, b) => b - a);
    expect(byOverdue.tallies.map((t) => t.byState.overdue)).toEqual(overdue.slice(2, 4));
    // КИД, trend and documents follow the clusters shown.
    const shown = byOverdue.tallies.map((t) => t.cluster.slug).sort();
    expect(byOverdue.discipline.clusters.map((r) => r.cluster.slug).sort()).toEqual(shown);
    expect([...new Set(byOverdue.documents.map((d) => d.cluster.slug))].every((s) => shown.includes(s))).toBe(
      true,
    );
    expect(byOverdue.removedPager.size).toBe(1);
    const html = overviewPage({
      t: MESSAGES.ru,
      reader: { principal: admin, label: 'admin' },
      data: byOverdue,
      filter: {},
      asOfParam: '2021-11-20',
      timeZone: 'Europe/Moscow',
      now: new Date(),
      staleDays: 30,
      query: { csort: 'overdue', cpage: '2' },
    }).value;
    expect(html).toContain('<strong>по просроченным</strong>');
    expect(html).toContain('href="/?csort=overdue&amp;asOf=2021-11-20#clusters"');
    expect(html).toContain('href="/?csort=overdue&amp;cpage=3&amp;asOf=2021-11-20#clusters"');
  });

  it('over HTTP: the cluster table in another order, pages of the lists, a bad order refused', async () => {
    await h.services.store.departments.create({
      slug: 'rollup-dept',
      name: 'Минобр',
      region: 'Калужская область',
    });
    const { cookie } = await signIn(h.url, await h.token('department', 'rollup-dept'));
    const { status, html } = await page(h.url, '/?asOf=2021-11-20&csort=kid&page=2&rpage=1', cookie);
    expect(status).toBe(200);
    expect(html).toContain('<strong>по КИД</strong>');
    expect(html).toContain('id="clusters"');
    expect((await page(h.url, '/?csort=worst', cookie)).status).toBe(400);
  });

  it('a removed cluster leaves no rollups behind', async () => {
    const { store } = h.services;
    const c = await store.clusters.create({
      slug: 'rollup-gone',
      name: 'Уходящий',
      region: 'Калужская область',
    });
    await applySnapshot(store, {
      cluster: c.slug,
      source: { kind: 'file', fileName: 'gone.txt' },
      title: 'gone.txt',
      documents: readText(mixedPlan(true), { today: '2021-09-01' }),
      actor: 'test',
      today: '2021-09-01',
    });
    const filter = { clusterSlugs: [c.slug], asOf: '2021-11-20', soonDays: 14 };
    expect((await store.rollups.day(filter)).clusters[0]?.items).toBe(10);
    await store.clusters.remove(c.id, { withDocuments: true });
    expect((await store.rollups.day(filter)).clusters).toEqual([]);
  });
});
