// The several dues of an item (a `multiple` deadline), one row each, indexed by due: «a due falls
// in the soon window» is an index range, not a look into every such item's list. Written with the
// items in the sync's transaction; removed with them.
import { insertMany, marks, type Sql } from './db.ts';
import type { ItemWrite } from './items-table.ts';

export const ITEM_DUES_SCHEMA = [
  `CREATE TABLE item_dues (item_id TEXT NOT NULL REFERENCES items(id), due TEXT NOT NULL,
    PRIMARY KEY (item_id, due))`,
  'CREATE INDEX item_dues_due ON item_dues (due, item_id)',
];

/** The rows of items written (inserted or rewritten): their old dues go, their dues now come. */
export async function writeItemDues(
  sql: Sql,
  maxParams: number,
  written: readonly ItemWrite[],
): Promise<void> {
  const ids = written.map((w) => w.place.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await sql.run(`DELETE FROM item_dues WHERE item_id IN (${marks(chunk.length)})`, chunk);
  }
  const rows = written.flatMap((w) => (w.place.basis.dues ?? []).map((due) => [w.place.id, due]));
  await insertMany(sql, maxParams, 'item_dues', ['item_id', 'due'], rows);
}

/** The dues of items stored before the table (migration 63), from their stored due lists. */
export async function backfillItemDues(sql: Sql, maxParams: number): Promise<void> {
  let after = '';
  for (;;) {
    const items = await sql.all<{ id: string; due_list: string }>(
      'SELECT id, due_list FROM items WHERE due_list IS NOT NULL AND id > ? ORDER BY id LIMIT 1000',
      [after],
    );
    if (items.length === 0) return;
    const rows = items.flatMap((r) => (JSON.parse(r.due_list) as string[]).map((due) => [r.id, due]));
    await insertMany(sql, maxParams, 'item_dues', ['item_id', 'due'], rows);
    after = items[items.length - 1].id;
  }
}
