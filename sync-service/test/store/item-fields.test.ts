// Item fields kept by ITEM_FIELDS (items-table.ts), on both backends, with `table` (a Word
// document's table) as the case: the column is there at open (also in a store made before it),
// the field is written, read back by every read, part of the stored answer, and a change to it is
// a history event; an item without it reads back without it.
import type { Item } from '@cluster/shared';
import { describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { openDb } from '../../src/store/db.ts';
import { ITEM_FIELDS } from '../../src/store/items-table.ts';
import type { SourceRef, Store } from '../../src/store/store.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';
import { item, snapshotOf } from '../helpers/store-fixtures.ts';

const FILE: SourceRef = { kind: 'file', fileName: 'plan.docx' };

const snapshot = (list: Item[]) => snapshotOf(list, { source: FILE, title: 'plan.docx' });

const items = (table: number | undefined) => [
  item(2, '1', 'Утверждение плана работы кластера', table === undefined ? {} : { table }),
  item(3, '2', 'Заседание координационного совета'),
];

describe.each(BACKENDS)('item fields on $name', (backend) => {
  const stores = useStores(backend);
  let store: Store;

  it('lists `table` as a field kept in its own column', () => {
    expect(ITEM_FIELDS.map((f) => f.field)).toContain('table');
    // Each field and column once (a merge that lists one twice would add its column twice).
    for (const names of [ITEM_FIELDS.map((f) => f.field), ITEM_FIELDS.map((f) => f.column)])
      expect(new Set(names).size).toBe(names.length);
  });

  it('writes the field, reads it back everywhere, and records its change', async () => {
    ({ store } = await stores.fresh());
    await store.clusters.create({ slug: 'kaluga', name: 'Машиностроение', region: 'Калужская область' });
    const first = await applySnapshot(store, snapshot(items(2)));
    expect(first.summary.items.map((i) => i.table)).toEqual([2, undefined]);

    const listed = await store.items.list({ limit: 10 });
    const byTitle = new Map(listed.map((i) => [i.title, i]));
    expect(byTitle.get('Утверждение плана работы кластера')?.table).toBe(2);
    expect('table' in byTitle.get('Заседание координационного совета')!).toBe(false);
    expect((await store.items.get(first.summary.items[0].id))?.table).toBe(2);

    // The stored answer (what an identical resync answers from the store) has it too.
    const stored = await store.syncs.withKnownSource({ cluster: 'kaluga', source: FILE }, async (s) =>
      s ? s.lastAnswer() : null,
    );
    expect(stored?.rows.map((r) => r.item.table)).toEqual([2, undefined]);

    const same = await applySnapshot(store, snapshot(items(2)));
    expect(same.summary).toMatchObject({ changed: 0, unchanged: 2 });
    expect(same.rowsWritten).toBe(0);

    const moved = await applySnapshot(store, snapshot(items(3)));
    expect(moved.summary).toMatchObject({ changed: 1, unchanged: 1 });
    const history = await store.items.history(first.summary.items[0].id);
    expect(history.filter((e) => e.field === 'table').map((e) => [e.type, e.old, e.new])).toEqual([
      ['changed', 2, 3],
    ]);
    expect((await store.items.get(first.summary.items[0].id))?.table).toBe(3);

    const gone = await applySnapshot(store, snapshot(items(undefined)));
    expect(gone.summary.changed).toBe(1);
    expect('table' in (await store.items.get(first.summary.items[0].id))!).toBe(false);
  });

  it('keeps a field marked history: false without an event of its own (executorsRaw)', async () => {
    ({ store } = await stores.fresh());
    await store.clusters.create({ slug: 'kaluga', name: 'Машиностроение', region: 'Калужская область' });
    const raw = (text: string) => [
      item(2, '1', 'Отчёт', { executors: ['Н.Е. Иванова', 'К.А. Петров'], executorsRaw: text }),
    ];
    const first = await applySnapshot(store, snapshot(raw('Н.Е. Иванова К.А. Петров')));
    const again = await applySnapshot(store, snapshot(raw('Н.Е. Иванова  К.А. Петров')));
    const id = first.summary.items[0].id;
    expect((await store.items.get(id))?.executorsRaw).toBe('Н.Е. Иванова  К.А. Петров');
    expect(again.summary).toMatchObject({ changed: 0, unchanged: 1 });
    expect((await store.items.history(id)).map((e) => e.type)).toEqual(['created']);
  });

  it('adds a missing column when a store made before it opens', async () => {
    const made = await stores.fresh();
    await made.store.clusters.create({ slug: 'kaluga', name: 'Машиностроение', region: 'Калужская область' });
    await applySnapshot(made.store, snapshot(items(undefined)));
    const column = ITEM_FIELDS.find((f) => f.field === 'table')!.column;
    // The store as it was before the column: drop it, then open the store again.
    const db = openDb(made.config);
    await db.run(`ALTER TABLE items DROP COLUMN ${column}`);
    await db.close();
    store = await stores.open(made.config);
    expect((await store.items.list({ limit: 10 })).map((i) => i.table)).toEqual([undefined, undefined]);
    const again = await applySnapshot(store, snapshot(items(4)));
    expect(again.summary.changed).toBe(1);
    expect((await store.items.list({ limit: 10 })).map((i) => i.table).sort()).toEqual([4, undefined]);
  });
});
