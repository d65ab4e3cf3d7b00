// The sync write on both backends: create, change, remove, restore with history; deadline moves;
// renumbering and inserted rows; idempotent resync; concurrency; rollback on failure.
import type { Item } from '@cluster/shared';
import { describe, expect, it } from 'vitest';
import { resyncIfUnchanged } from '../../src/app/resync.ts';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import type { Store } from '../../src/store/store.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';
import { doc, item, month, SHEET, snapshotOf } from '../helpers/store-fixtures.ts';

const snapshot = snapshotOf;

/** Everything a sync could have touched, to compare before and after. */
async function everything(store: Store) {
  const items = await store.items.list({ includeRemoved: true, limit: 100_000 });
  const histories = await Promise.all(items.map((i) => store.items.history(i.id)));
  return {
    counts: await store.counts(),
    items,
    histories,
    documents: await store.documents.list({ includeRemoved: true }),
    runs: await store.syncRuns.list(),
    sources: await store.sources.list(),
  };
}

const base = () => [
  item(5, '1.1', 'Утверждение плана работы кластера'),
  item(6, '1.2', 'Заседание координационного совета', { deadline: month('июнь 2024', '2024-06') }),
  item(7, '1.3', 'Формирование заказа на целевое обучение', { executors: ['КС', 'ПОО'] }),
];

describe.each(BACKENDS)('sync on $name', (backend) => {
  const stores = useStores(backend);
  let store: Store;
  let config: Awaited<ReturnType<typeof backend.freshConfig>>;

  async function fresh() {
    ({ store, config } = await stores.fresh());
    await store.clusters.create({ slug: 'kaluga', name: 'Машиностроение', region: 'Калужская область' });
    await store.clusters.create({ slug: 'tomsk', name: 'Строительство', region: 'Томская область' });
  }

  it('creates items with ids per row and a sync run; reads them back whole', async () => {
    await fresh();
    const out = await applySnapshot(store, snapshot(base()));
    expect(out.summary).toMatchObject({
      created: 3,
      changed: 0,
      removed: 0,
      unchanged: 0,
      deadlinesMoved: 0,
    });
    expect(out.summary.rowIds.map((r) => r.row)).toEqual([5, 6, 7]);
    expect(new Set(out.summary.rowIds.map((r) => r.id)).size).toBe(3);
    expect(out.summary.items[2]).toMatchObject({ id: out.summary.rowIds[2].id, executors: ['КС', 'ПОО'] });
    expect(out.rowsWritten).toBe(3);

    const stored = await store.items.get(out.summary.rowIds[1].id);
    expect(stored).toMatchObject({
      ...base()[1],
      clusterSlug: 'kaluga',
      documentId: out.summary.documentId,
      effectiveDue: '2024-06-30',
      removed: false,
      period: { start: '2024-01-01', end: '2024-12-31' },
      cells: ['1.2', 'Заседание координационного совета', 'Председатель КС', 'июнь 2024', 'Отчёт', ''],
    });
    const [run] = await store.syncRuns.list({ clusterSlugs: ['kaluga'] });
    expect(run).toMatchObject({
      id: out.summary.syncId,
      actor: 'cli',
      outcome: 'changed',
      created: 3,
      rowsWritten: 3,
    });
    const [document] = await store.documents.list({ clusterSlugs: ['kaluga'] });
    expect(document).toMatchObject({ id: out.summary.documentId, kind: 'work_plan', itemCount: 3 });
    expect((await store.sources.list())[0].lastSyncAt).toBe(run.finishedAt);
    expect(await store.items.history(out.summary.rowIds[0].id)).toEqual([
      expect.objectContaining({ type: 'created', syncId: out.summary.syncId }),
    ]);
  });

  it('writes nothing but the sync run for the same snapshot twice', async () => {
    await fresh();
    const first = await applySnapshot(store, snapshot(base()));
    const before = await everything(store);
    const second = await applySnapshot(store, snapshot(base()));
    const after = await everything(store);
    expect(second.rowsWritten).toBe(0);
    expect(second.unchanged).toBe(true);
    expect(second.summary).toMatchObject({
      created: 0,
      changed: 0,
      removed: 0,
      unchanged: 3,
      deadlinesMoved: 0,
    });
    expect(second.summary.rowIds).toEqual(first.summary.rowIds);
    expect(after.items).toEqual(before.items);
    expect(after.histories).toEqual(before.histories);
    // Only «Данные на» moves on: an identical resync is fresh data too.
    const withoutLastSync = (docs: typeof before.documents) => docs.map(({ lastSyncAt: _, ...d }) => d);
    expect(withoutLastSync(after.documents)).toEqual(withoutLastSync(before.documents));
    expect(after.documents[0].lastSyncAt! > before.documents[0].lastSyncAt!).toBe(true);
    expect(after.documents[0].lastSyncAt).toBe(after.runs[0].finishedAt);
    expect(after.counts).toEqual({ ...before.counts, syncRuns: before.counts.syncRuns + 1 });
    expect(after.runs[0]).toMatchObject({ id: second.summary.syncId, outcome: 'unchanged', rowsWritten: 0 });
    // With the ids the add-in got back, still nothing.
    const rowIds = [];
    for (const r of first.summary.rowIds) rowIds[r.row - 1] = r.id;
    expect((await applySnapshot(store, snapshot(base(), { rowIds }))).rowsWritten).toBe(0);
  });

  it('records field changes, a deadline moved by the mark, status changes, removal and restoration', async () => {
    await fresh();
    const first = await applySnapshot(store, snapshot(base()));
    const [id1, id2, id3] = first.summary.rowIds.map((r) => r.id);

    const edited = base();
    edited[0] = {
      ...edited[0],
      title: 'Утверждение плана работы кластера на 2024 год',
      executors: ['Совет'],
    };
    edited[1] = {
      ...edited[1],
      mark: { raw: 'перенесено на 15.09.2024', status: 'postponed', movedTo: '2024-09-15' },
      state: 'upcoming',
    };
    const second = await applySnapshot(store, snapshot([edited[0], edited[1]]));
    expect(second.summary).toMatchObject({
      created: 0,
      changed: 2,
      removed: 1,
      unchanged: 0,
      deadlinesMoved: 1,
    });
    expect(second.summary.rowIds.map((r) => r.id)).toEqual([id1, id2]);
    expect(second.summary.items[1].effectiveDue).toBe('2024-09-15');

    const h1 = await store.items.history(id1);
    expect(h1.map((e) => [e.type, e.field, e.old, e.new])).toEqual([
      ['created', null, null, null],
      [
        'changed',
        'title',
        'Утверждение плана работы кластера',
        'Утверждение плана работы кластера на 2024 год',
      ],
      ['changed', 'executors', ['Председатель КС'], ['Совет']],
    ]);
    const h2 = await store.items.history(id2);
    expect(h2.map((e) => [e.type, e.field])).toEqual([
      ['created', null],
      ['changed', 'mark'],
      ['deadline_moved', 'due'],
      ['status_changed', 'mark.status'],
    ]);
    expect(h2[2]).toMatchObject({ old: '2024-06-30', new: '2024-09-15', syncId: second.summary.syncId });
    expect(h2[3]).toMatchObject({ old: 'none', new: 'postponed' });
    expect((await store.items.get(id2))?.effectiveDue).toBe('2024-09-15');

    const gone = await store.items.get(id3);
    expect(gone).toMatchObject({ removed: true, title: 'Формирование заказа на целевое обучение' });
    expect(gone?.removedAt).toMatch(/^\d{4}-/);
    expect((await store.items.list({ clusterSlugs: ['kaluga'] })).map((i) => i.id)).toEqual([id1, id2]);
    expect((await store.items.list({ clusterSlugs: ['kaluga'], includeRemoved: true })).length).toBe(3);

    // The row comes back (another row number, overdue now): the same item, restored.
    const back = item(9, '1.3', 'Формирование заказа на целевое обучение', {
      executors: ['КС', 'ПОО'],
      state: 'overdue',
    });
    const third = await applySnapshot(store, snapshot([edited[0], edited[1], back], { today: '2024-06-01' }));
    expect(third.summary).toMatchObject({ created: 0, changed: 1, removed: 0, unchanged: 2 });
    expect(third.restored).toBe(1);
    expect(third.summary.rowIds[2]).toEqual({ row: 9, id: id3 });
    expect((await store.items.history(id3)).map((e) => [e.type, e.field, e.old, e.new])).toEqual([
      ['created', null, null, null],
      ['removed', null, null, null],
      ['restored', null, null, null],
      ['status_changed', 'state', 'upcoming', 'overdue'],
    ]);
    expect(await store.items.get(id3)).toMatchObject({ removed: false, removedAt: null, row: 9 });

    const moves = [];
    for await (const batch of store.items.iterateDeadlineMoves({ region: 'Калужская область' }))
      moves.push(...batch);
    expect(moves).toEqual([
      expect.objectContaining({ itemId: id2, oldDue: '2024-06-30', newDue: '2024-09-15', movesOfItem: 1 }),
    ]);
  });

  it('records another set of problems, not a problem message reworded', async () => {
    await fresh();
    const noExecutor = (row: number) => ({
      code: 'missing_executor' as const,
      message: `Строка ${row}: не указан исполнитель`,
      column: 3,
    });
    const at = (row: number, problems: Item['problems']) =>
      item(row, '1.1', 'Утверждение плана работы кластера', { executors: [], problems });
    const first = await applySnapshot(store, snapshot([at(5, [noExecutor(5)])]));
    const id = first.summary.rowIds[0].id;
    // Moved down a row: the message names the new row; nothing else changed.
    const moved = await applySnapshot(store, snapshot([at(6, [noExecutor(6)])]));
    expect(moved.summary).toMatchObject({ changed: 0, unchanged: 1 });
    expect((await store.items.get(id))?.problems).toEqual([noExecutor(6)]);
    // Another problem: a history event.
    const late = {
      code: 'deadline_outside_period' as const,
      message: 'Строка 6: срок вне периода',
      column: 4,
    };
    const worse = await applySnapshot(store, snapshot([at(6, [noExecutor(6), late])]));
    expect(worse.summary).toMatchObject({ changed: 1 });
    expect((await store.items.history(id)).map((e) => [e.type, e.field])).toEqual([
      ['created', null],
      ['changed', 'problems'],
    ]);
  });

  it('keeps identities when rows are inserted and renumbered (no remove + create)', async () => {
    await fresh();
    const first = await applySnapshot(store, snapshot(base()));
    const ids = first.summary.rowIds.map((r) => r.id);
    // A new 1.1 above, the others pushed down and renumbered; one title also edited a little.
    const next = [
      item(5, '1.1', 'Проведение стратегической сессии'),
      item(6, '1.2', 'Утверждение плана работы кластера'),
      item(7, '1.3', 'Заседание координационного совета', { deadline: month('июнь 2024', '2024-06') }),
      item(8, '1.4', 'Формирование заказа на целевое обучение кадров', { executors: ['КС', 'ПОО'] }),
    ];
    const out = await applySnapshot(store, snapshot(next));
    expect(out.summary).toMatchObject({ created: 1, removed: 0, changed: 3, unchanged: 0 });
    expect(out.summary.rowIds.slice(1).map((r) => r.id)).toEqual(ids);
    expect(ids).not.toContain(out.summary.rowIds[0].id);
    const h = await store.items.history(ids[2]);
    expect(h.filter((e) => e.type === 'changed').map((e) => e.field)).toEqual(['number', 'title']);
  });

  it('matches rows by the id the add-in keeps, even when the title is rewritten', async () => {
    await fresh();
    const first = await applySnapshot(store, snapshot(base()));
    const rowIds: (string | null)[] = [];
    for (const r of first.summary.rowIds) rowIds[r.row - 1] = r.id;
    const moved = [
      item(5, '1.1', 'Совсем другое название'),
      item(6, '1.2', 'Заседание координационного совета', { deadline: month('июнь 2024', '2024-06') }),
      item(7, '1.3', 'Формирование заказа на целевое обучение', { executors: ['КС', 'ПОО'] }),
    ];
    // Row 5 keeps its id; an id from another source is not trusted.
    rowIds[5] = 'someone-elses-id';
    const out = await applySnapshot(store, snapshot(moved, { rowIds }));
    expect(out.summary.rowIds.map((r) => r.id)).toEqual(first.summary.rowIds.map((r) => r.id));
    expect(out.summary).toMatchObject({ created: 0, changed: 1, unchanged: 2 });
  });

  it('keeps each source and cluster apart', async () => {
    await fresh();
    await applySnapshot(store, snapshot(base()));
    const other = await applySnapshot(
      store,
      snapshot(base(), { source: { ...SHEET, sheetId: 7, sheetName: 'Протокол' } }),
    );
    expect(other.summary.created).toBe(3);
    const tomsk = await applySnapshot(store, snapshot(base().slice(0, 1), { cluster: 'tomsk' }));
    expect(tomsk.summary.created).toBe(1);
    expect((await store.items.list({ clusterSlugs: ['kaluga'] })).length).toBe(6);
    expect((await store.items.list({ region: 'Томская область' })).length).toBe(1);
    await expect(applySnapshot(store, snapshot(base(), { cluster: 'nope' }))).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('leaves the store exactly as it was when a sync fails half-way', async () => {
    await fresh();
    await applySnapshot(store, snapshot(base()));
    const before = await everything(store);
    const changed = [item(5, '1.1', 'Другое'), ...base().slice(1, 2), item(8, '1.4', 'Новое')];
    for (const stage of ['documents', 'syncRun', 'items', 'events'] as const) {
      await expect(
        applySnapshot(
          store,
          snapshot(changed, { title: 'Новый заголовок', documents: [doc(changed, 'Другой план')] }),
          {
            afterWrite: async (what) => {
              await new Promise((r) => setTimeout(r, 1));
              if (what === stage) throw new Error(`сбой после ${what}`);
            },
          },
        ),
      ).rejects.toThrow(`сбой после ${stage}`);
      expect(await everything(store)).toEqual(before);
    }
    // The store still works after the failures.
    expect((await applySnapshot(store, snapshot(changed))).summary.created).toBe(2);
  });

  it('serialises concurrent syncs of one sheet: no duplicate item, no lost update', async () => {
    await fresh();
    await applySnapshot(store, snapshot(base()));
    const second = await stores.open(config); // another "process" on the same store
    const added = item(8, '1.4', 'Профориентационная неделя');
    const a = [...base(), added];
    const b = [
      ...base().slice(0, 1),
      { ...base()[1], title: 'Заседание координационного совета кластера' },
      ...base().slice(2),
      added,
    ];
    // A pause inside each transaction widens the window in which unserialised syncs would interleave.
    const pause = { afterWrite: () => new Promise<void>((r) => setTimeout(r, 5)) };
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        applySnapshot(i % 2 ? second : store, snapshot(i % 3 ? a : b), pause),
      ),
    );
    expect((await store.counts()).items).toBe(4);
    expect(runs.filter((r) => r.summary.created > 0)).toHaveLength(1);
    for (const r of runs) {
      expect(r.summary.created + r.summary.changed + r.summary.unchanged).toBe(4);
      expect(r.summary.removed).toBe(0);
    }
    expect(new Set(runs.flatMap((r) => r.summary.rowIds.map((x) => x.id))).size).toBe(4);
    // No lost update: the store holds the last run's snapshot, and each run saw the one before it.
    const order = (await store.syncRuns.list({ limit: 100 })).reverse().slice(1);
    const inOrder = order.map((o) => runs.find((r) => r.summary.syncId === o.id)!);
    const stored = await store.items.list({ clusterSlugs: ['kaluga'] });
    expect(stored.map((i) => i.title)).toEqual(inOrder[inOrder.length - 1].summary.items.map((i) => i.title));
    for (let k = 1; k < inOrder.length; k++) {
      const prevTitle = inOrder[k - 1].summary.items[1].title;
      const nowTitle = inOrder[k].summary.items[1].title;
      expect(inOrder[k].summary.changed).toBe(prevTitle === nowTitle ? 0 : 1);
    }
  });

  it('answers an identical resync from the last answer when the snapshot key is the same', async () => {
    await fresh();
    const input = snapshot(base(), { snapshotKey: 'K1' });
    const req = { cluster: 'kaluga', source: SHEET, actor: 'addon', revision: 'r2' };
    expect(await resyncIfUnchanged(store, { ...req, snapshotKey: 'K1' })).toBeNull();
    const first = await applySnapshot(store, input);
    const before = await everything(store);
    const fast = await resyncIfUnchanged(store, { ...req, snapshotKey: 'K1' });
    expect(fast).not.toBeNull();
    expect(fast!.rowsWritten).toBe(0);
    expect(fast!.summary).toEqual({
      ...first.summary,
      syncId: fast!.summary.syncId,
      created: 0,
      changed: 0,
      removed: 0,
      unchanged: 3,
      deadlinesMoved: 0,
    });
    const after = await everything(store);
    expect(after.items).toEqual(before.items);
    expect(after.counts).toEqual({ ...before.counts, syncRuns: before.counts.syncRuns + 1 });
    expect(after.runs[0]).toMatchObject({
      id: fast!.summary.syncId,
      actor: 'addon',
      revision: 'r2',
      outcome: 'unchanged',
    });
    expect(await resyncIfUnchanged(store, { ...req, snapshotKey: 'K2' })).toBeNull();

    // Another process (no memory of this sync) rebuilds the same answer from the stored items.
    const other = await stores.open(config);
    const cold = await resyncIfUnchanged(other, { ...req, snapshotKey: 'K1' });
    expect(cold!.summary).toEqual({ ...fast!.summary, syncId: cold!.summary.syncId });
    expect(cold!.rowsWritten).toBe(0);
    expect((await everything(other)).items).toEqual(before.items);

    // Another process writes to the source: this process's answer is stale, even for the same key.
    await applySnapshot(other, snapshot(base().slice(0, 2), { snapshotKey: 'K3' }));
    expect(await resyncIfUnchanged(store, { ...req, snapshotKey: 'K1' })).toBeNull();
    // …and when it syncs K1 again (the third item comes back), its answer is what stands here.
    const back = await applySnapshot(other, snapshot(base(), { snapshotKey: 'K1' }));
    expect(back.restored).toBe(1);
    const rebuilt = await resyncIfUnchanged(store, { ...req, snapshotKey: 'K1' });
    expect(rebuilt!.summary).toEqual({
      ...back.summary,
      syncId: rebuilt!.summary.syncId,
      changed: 0,
      unchanged: 3,
    });
    expect(await resyncIfUnchanged(other, { ...req, snapshotKey: 'K1' })).not.toBeNull();
    // A sync without a key (an import, the CLI) leaves no answer to reuse, in any process.
    await applySnapshot(other, snapshot(base()));
    expect(await resyncIfUnchanged(other, { ...req, snapshotKey: 'K1' })).toBeNull();
    expect(await resyncIfUnchanged(store, { ...req, snapshotKey: 'K1' })).toBeNull();
  });

  it('rebuilds an identical resync answer from the store exactly as the full sync answered', async () => {
    await fresh();
    const items = [
      ...base(),
      item(9, '2.1', 'Стажировки', {
        deadline: { raw: '15.03.2020', kind: 'date', start: null, due: '2020-03-15' },
        mark: { raw: 'перенесено на 15.09.2024', status: 'postponed', movedTo: '2024-09-15' },
        state: 'overdue',
        problems: [{ code: 'missing_executor', message: 'Не указан исполнитель', column: 3 }],
        executors: [],
        extra: { Примечание: 'по согласованию' },
      }),
      // The executors as written travel with the item (Item.executorsRaw, its own column).
      item(10, '2.2', 'Отчёт', {
        executors: ['Н.Е. Иванова', 'К.А. Петров'],
        executorsRaw: 'Н.Е. Иванова К.А. Петров',
      }),
    ];
    const two = { ...snapshot(items), documents: [doc(items.slice(0, 2)), doc(items.slice(2), 'Протокол')] };
    const first = await applySnapshot(store, { ...two, snapshotKey: 'K' });
    const cold = await resyncIfUnchanged(await stores.open(config), {
      cluster: 'kaluga',
      source: SHEET,
      actor: 'addon',
      snapshotKey: 'K',
    });
    expect(JSON.parse(JSON.stringify(cold!.summary))).toEqual(
      JSON.parse(
        JSON.stringify({
          ...first.summary,
          syncId: cold!.summary.syncId,
          created: 0,
          unchanged: 5,
        }),
      ),
    );
    const raw = first.summary.items.find((i) => i.number === '2.2')!;
    expect(raw.executorsRaw).toBe('Н.Е. Иванова К.А. Петров');
    expect((await store.items.get(raw.id))?.executorsRaw).toBe('Н.Е. Иванова К.А. Петров');
  });

  it('does not let other calls slip into a sync transaction while it awaits', async () => {
    await fresh();
    const failing = applySnapshot(store, snapshot(base()), {
      afterWrite: async (what) => {
        await new Promise((r) => setTimeout(r, 20));
        if (what === 'items') throw new Error('сбой');
      },
    });
    const created = store.clusters.create({
      slug: 'smolensk',
      name: 'Лёгкая промышленность',
      region: 'Смоленская',
    });
    await expect(failing).rejects.toThrow('сбой');
    await created;
    expect(await store.clusters.getBySlug('smolensk')).not.toBeNull();
    expect((await store.counts()).items).toBe(0);
  });
});
