// Reading items back on both backends: filters, paging, state as of another day, report streams.
import { beforeAll, describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import type { Store } from '../../src/store/store.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';
import { cellsOf, doc, item, month } from '../helpers/store-fixtures.ts';

describe.each(BACKENDS)('items on $name', (backend) => {
  const stores = useStores(backend, 'all');
  let store: Store;
  let removedId: string;

  beforeAll(async () => {
    ({ store } = await stores.fresh());
    await store.clusters.create({ slug: 'kaluga', name: 'Машиностроение', region: 'Калужская область' });
    await store.clusters.create({ slug: 'obninsk', name: 'Атом', region: 'Калужская область' });
    await store.clusters.create({ slug: 'tomsk', name: 'Строительство', region: 'Томская область' });
    const kaluga = [
      item(5, '1', 'Разработка ПАСПОРТА кластера', { executors: ['Председатель КС'], state: 'overdue' }),
      item(6, '2', 'Ёлочный фестиваль профессий', {
        executors: ['Колледж «Политех»', 'Завод 50%_доля'],
        deadline: month('декабрь 2024', '2024-12'),
        state: 'upcoming',
      }),
      item(7, '3', 'Отчёт о работе', {
        deadline: { raw: 'постоянно', kind: 'ongoing', start: null, due: null },
        state: 'ongoing',
      }),
      item(8, '4', 'Удаляемое мероприятие'),
    ];
    const first = await applySnapshot(store, {
      cluster: 'kaluga',
      source: { kind: 'sheet', spreadsheetId: 'A', sheetId: 0, sheetName: 'План' },
      documents: [doc(kaluga)],
      cells: cellsOf(kaluga),
      actor: 'cli',
      today: '2024-06-01',
    });
    removedId = first.summary.rowIds[3].id;
    await applySnapshot(store, {
      cluster: 'kaluga',
      source: { kind: 'sheet', spreadsheetId: 'A', sheetId: 0, sheetName: 'План' },
      documents: [doc(kaluga.slice(0, 3))],
      actor: 'cli',
      today: '2024-06-01',
    });
    const many = Array.from({ length: 25 }, (_, i) =>
      item(i + 3, String(i + 1), `Мероприятие ${i + 1}`, {
        deadline: month('май 2024', '2024-05'),
        state: 'overdue',
      }),
    );
    await applySnapshot(store, {
      cluster: 'obninsk',
      source: { kind: 'file', fileName: 'plan.xlsx' },
      documents: [doc(many, 'Дорожная карта на 2024 год')],
      actor: 'cli',
      today: '2024-06-01',
    });
    await applySnapshot(store, {
      cluster: 'tomsk',
      source: { kind: 'sheet', spreadsheetId: 'T', sheetId: 3, sheetName: 'Лист1' },
      documents: [doc([item(4, '1.1', 'Паспорт кластера', { executors: ['ТПУ'] })])],
      actor: 'cli',
      today: '2024-06-01',
    });
  });

  const titles = async (filter: Parameters<Store['items']['list']>[0]) =>
    (await store.items.list(filter)).map((i) => i.title);

  it('filters by cluster and region, leaving tombstones out unless asked', async () => {
    expect(await titles({ clusterSlugs: ['kaluga'] })).toEqual([
      'Разработка ПАСПОРТА кластера',
      'Ёлочный фестиваль профессий',
      'Отчёт о работе',
    ]);
    expect((await store.items.list({ region: 'Калужская область', limit: 100 })).length).toBe(28);
    expect((await store.items.list({ clusterSlugs: [] })).length).toBe(0);
    const withRemoved = await store.items.list({ clusterSlugs: ['kaluga'], includeRemoved: true });
    expect(withRemoved.find((i) => i.id === removedId)?.removed).toBe(true);
  });

  it('filters by stored state, executor, due dates and text, in any case and with ё', async () => {
    expect(await titles({ clusterSlugs: ['kaluga'], state: 'ongoing' })).toEqual(['Отчёт о работе']);
    expect(await titles({ clusterSlugs: ['kaluga'], state: ['ongoing', 'upcoming'] })).toEqual([
      'Ёлочный фестиваль профессий',
      'Отчёт о работе',
    ]);
    expect(await titles({ executor: 'политех' })).toEqual(['Ёлочный фестиваль профессий']);
    expect(await titles({ executor: '50%_' })).toEqual(['Ёлочный фестиваль профессий']);
    expect(await titles({ executor: '%' })).toEqual(['Ёлочный фестиваль профессий']);
    expect(await titles({ q: 'паспорт' })).toEqual(['Разработка ПАСПОРТА кластера', 'Паспорт кластера']);
    expect(await titles({ q: 'елочный' })).toEqual(['Ёлочный фестиваль профессий']);
    expect(await titles({ clusterSlugs: ['kaluga'], dueAfter: '2024-06-01' })).toEqual([
      'Ёлочный фестиваль профессий',
    ]);
    expect(await titles({ clusterSlugs: ['kaluga'], dueBefore: '2024-05-31' })).toEqual([
      'Разработка ПАСПОРТА кластера',
    ]);
  });

  it('pages with limit and offset', async () => {
    const page = await store.items.list({ clusterSlugs: ['obninsk'], limit: 10, offset: 20 });
    expect(page.map((i) => i.number)).toEqual(['21', '22', '23', '24', '25']);
  });

  it('recomputes state for another day', async () => {
    const dec = await store.items.list({
      clusterSlugs: ['kaluga'],
      asOf: { today: '2024-12-20', soonDays: 14 },
    });
    expect(dec.map((i) => [i.title, i.state])).toEqual([
      ['Разработка ПАСПОРТА кластера', 'overdue'],
      ['Ёлочный фестиваль профессий', 'due_soon'],
      ['Отчёт о работе', 'ongoing'],
    ]);
    expect(
      await titles({ clusterSlugs: ['kaluga'], state: 'due_soon', asOf: { today: '2024-12-20' } }),
    ).toEqual(['Ёлочный фестиваль профессий']);
    expect(await titles({ clusterSlugs: ['kaluga'], state: 'due_soon' })).toEqual([]);
  });

  it('streams items for reports in batches with cluster, region and document', async () => {
    const batches: number[] = [];
    const seen: string[] = [];
    for await (const batch of store.items.iterate({}, 7)) {
      batches.push(batch.length);
      for (const i of batch) seen.push(`${i.region}/${i.clusterSlug}/${i.number}`);
    }
    expect(batches).toEqual([3, 7, 7, 7, 4, 1]);
    expect(new Set(seen).size).toBe(29);
    expect(seen[0]).toBe('Калужская область/kaluga/1');
    expect(seen[seen.length - 1]).toBe('Томская область/tomsk/1.1');
    const [first] = (await store.items.iterate({ clusterSlugs: ['tomsk'] }).next()).value!;
    expect(first).toMatchObject({
      clusterName: 'Строительство',
      region: 'Томская область',
      documentTitle: 'План работы кластера на 2024 год',
      documentKind: 'work_plan',
      deadlineMoves: 0,
    });
  });

  it('lists documents and sync runs by cluster and region', async () => {
    const docs = await store.documents.list({ region: 'Калужская область' });
    expect(docs.map((d) => [d.clusterSlug, d.title, d.itemCount])).toEqual([
      ['kaluga', 'План работы кластера на 2024 год', 3],
      ['obninsk', 'Дорожная карта на 2024 год', 25],
    ]);
    const runs = await store.syncRuns.list({ clusterSlugs: ['kaluga'] });
    expect(runs.map((r) => [r.created, r.removed])).toEqual([
      [0, 1],
      [4, 0],
    ]);
    expect(await store.syncRuns.getById(runs[1].id)).toEqual(runs[1]);
  });
});
