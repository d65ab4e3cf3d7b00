// Daily tallies kept by the syncs, on both backends: several synced days, a baseline before the
// trend's start, a no-op resync that writes none, and the day of the previous report.
import { beforeAll, describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { trendStart } from '../../src/app/trend-scope.ts';
import { scopeKey } from '../../src/reports/store-source.ts';
import { changeOf, totalTrend, trendsOf } from '../../src/reports/trends.ts';
import type { Store } from '../../src/store/store.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';
import { doc, item } from '../helpers/store-fixtures.ts';

const DONE = { raw: 'Выполнено', status: 'done' as const };

/** `done` of the first `n` items are done, the rest overdue; `count` items in all. */
function plan(count: number, done: number) {
  return Array.from({ length: count }, (_, i) =>
    item(i + 3, String(i + 1), `Мероприятие ${i + 1}`, {
      mark: i < done ? DONE : { raw: '', status: 'none' },
      state: i < done ? 'done' : 'overdue',
    }),
  );
}

describe.each(BACKENDS)('cluster tallies on $name', (backend) => {
  const stores = useStores(backend, 'all');
  let store: Store;
  const sync = (cluster: string, today: string, items: ReturnType<typeof plan>) =>
    applySnapshot(store, {
      cluster,
      source: { kind: 'file', fileName: 'plan.xlsx' },
      documents: [doc(items)],
      actor: 'cli',
      today,
    });

  beforeAll(async () => {
    ({ store } = await stores.fresh());
    await store.clusters.create({ slug: 'a', name: 'А', region: 'Калужская область' });
    await store.clusters.create({ slug: 'b', name: 'Б', region: 'Томская область' });
    await sync('a', '2024-06-01', plan(4, 0));
    await sync('a', '2024-06-10', plan(5, 1));
    await sync('a', '2024-06-10', plan(5, 2)); // the same day again: the day's row set is rewritten
    await sync('a', '2024-06-20', plan(5, 4));
    await sync('b', '2024-06-15', plan(3, 3));
  }, 60_000);

  it('keeps one tally per cluster and synced day, as the last sync of the day left it', async () => {
    const points = await store.tallies.series({ since: '2024-01-01', until: '2024-12-31' });
    expect(points.map((p) => [p.clusterSlug, p.day, p.byState.done, p.byState.overdue])).toEqual([
      ['a', '2024-06-01', 0, 4],
      ['a', '2024-06-10', 2, 3],
      ['a', '2024-06-20', 4, 1],
      ['b', '2024-06-15', 3, 0],
    ]);
  });

  it('starts a series at the last tally on or before `since` and stops at `until`', async () => {
    const points = await store.tallies.series({ since: '2024-06-12', until: '2024-06-16' });
    expect(points.map((p) => [p.clusterSlug, p.day])).toEqual([
      ['a', '2024-06-10'],
      ['b', '2024-06-15'],
    ]);
    const trends = trendsOf(points, '2024-06-12');
    expect(trends.get('a')).toMatchObject({ before: { items: 5, done: 2, overdue: 3 }, now: { done: 2 } });
    // b had no sync by the 12th: it starts from nothing.
    expect(trends.get('b')?.before).toBeNull();
    expect(changeOf(trends.get('b')!)).toEqual({ items: 3, done: 3, overdue: 0 });
  });

  it('a trend over the whole range: change per cluster and in total', async () => {
    const points = await store.tallies.series({ since: '2024-06-05', until: '2024-06-30' });
    const trends = trendsOf(points, '2024-06-05');
    expect(changeOf(trends.get('a')!)).toEqual({ items: 1, done: 4, overdue: -3 });
    expect(trends.get('a')!.points.map((p) => p.day)).toEqual(['2024-06-01', '2024-06-10', '2024-06-20']);
    expect(totalTrend(trends.values())).toEqual({
      before: { items: 4, done: 0, overdue: 4 },
      now: { items: 8, done: 7, overdue: 1 },
    });
  });

  it('is scoped like every other read', async () => {
    const points = await store.tallies.series({
      region: 'Томская область',
      since: '2024-01-01',
      until: '2024-12-31',
    });
    expect(new Set(points.map((p) => p.clusterSlug))).toEqual(new Set(['b']));
    expect(
      await store.tallies.series({ clusterSlugs: [], since: '2024-01-01', until: '2024-12-31' }),
    ).toEqual([]);
  });

  it('an identical resync writes no tally', async () => {
    await sync('b', '2024-06-25', plan(3, 3));
    const points = await store.tallies.series({
      clusterSlugs: ['b'],
      since: '2024-01-01',
      until: '2024-12-31',
    });
    // The states were judged for another day, so the snapshot differs; a changed sync writes its day.
    const days = points.map((p) => p.day);
    const again = await sync('b', '2024-06-25', plan(3, 3));
    expect(again.unchanged).toBe(true);
    const after = await store.tallies.series({
      clusterSlugs: ['b'],
      since: '2024-01-01',
      until: '2024-12-31',
    });
    expect(after.map((p) => p.day)).toEqual(days);
  });

  it('the trend starts at the previous report of the same scope, else 30 days back', async () => {
    const scope = { region: 'Калужская область' };
    expect(await trendStart(store, scope, '2024-06-30')).toEqual({
      since: '2024-05-31',
      previousReport: false,
    });
    await store.reportsMade.record(scopeKey(scope), '2024-06-10');
    await store.reportsMade.record(scopeKey(scope), '2024-06-30');
    await store.reportsMade.record(scopeKey({ clusterSlugs: ['a'] }), '2024-06-20');
    expect(await trendStart(store, scope, '2024-06-30')).toEqual({
      since: '2024-06-10',
      previousReport: true,
    });
    expect(await trendStart(store, scope, '2024-06-30', '2024-06-01')).toEqual({
      since: '2024-06-01',
      previousReport: false,
    });
    expect(scopeKey({})).toBe('all');
  });

  it('syncs of several sources of one cluster ending together each succeed and the day counts them all', async () => {
    await store.clusters.create({ slug: 'c', name: 'В', region: 'Тульская область' });
    const files = Array.from({ length: 8 }, (_, k) => k);
    await Promise.all(
      files.map((k) =>
        applySnapshot(store, {
          cluster: 'c',
          source: { kind: 'file', fileName: `plan-${k}.xlsx` },
          documents: [doc(plan(3 + k, 1), `План работы направления ${k + 1} на 2024 год`)],
          actor: 'cli',
          today: '2024-07-01',
        }),
      ),
    );
    const [point] = await store.tallies.series({
      since: '2024-07-01',
      until: '2024-07-01',
      clusterSlugs: ['c'],
    });
    expect(point.byState.done).toBe(8);
    expect(point.byState.overdue).toBe(files.reduce((n, k) => n + 2 + k, 0));
  });
});
