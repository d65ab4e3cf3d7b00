// Fills derived columns of items stored before the columns existed, by the same code a write uses
// (the domain's stateBasis, the search words): read by keyset, computed in JS, written back one
// statement per chunk.
import { type Deadline, type Mark, stateBasis } from '@cluster/shared';
import type { Param, Tx } from './db.ts';
import { searchWords } from './search-words.ts';

const CHUNK = 500;

interface Fill<R> {
  /** Columns to read (items as i, documents as d), `i.id` first. */
  select: string;
  /** Columns to write, in the order `values` gives them. */
  columns: string[];
  values(row: R): Param[];
}

async function backfillItems<R extends { id: string }>(tx: Tx, fill: Fill<R>): Promise<void> {
  const value = `(?, ${fill.columns.map(() => 'CAST(? AS TEXT)').join(', ')})`;
  const set = fill.columns.map((c, k) => `${c} = v.column${k + 2}`).join(', ');
  let after = '';
  for (;;) {
    const rows = await tx.all<R>(
      `SELECT ${fill.select} FROM items i JOIN documents d ON d.id = i.document_id
       WHERE i.id > ? ORDER BY i.id LIMIT ?`,
      [after, CHUNK],
    );
    if (rows.length === 0) return;
    const params = rows.flatMap((r) => [r.id, ...fill.values(r)]);
    await tx.run(
      `UPDATE items SET ${set} FROM (VALUES ${new Array(rows.length).fill(value).join(', ')}) AS v
       WHERE items.id = v.column1`,
      params,
    );
    after = rows[rows.length - 1].id;
  }
}

interface BasisRow {
  id: string;
  deadline: string;
  mark: string;
  period_start: string | null;
  period_end: string | null;
}

/** The state basis (migration 60). */
export function backfillStateBasis(tx: Tx): Promise<void> {
  return backfillItems<BasisRow>(tx, {
    select: 'i.id, i.deadline, i.mark, d.period_start, d.period_end',
    columns: ['due_kind', 'due_on', 'first_due', 'first_start', 'due_list'],
    values(r) {
      const period = r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null;
      const b = stateBasis(JSON.parse(r.deadline) as Deadline, JSON.parse(r.mark) as Mark, period);
      return [b.kind, b.due, b.firstDue, b.firstStart, b.dues ? JSON.stringify(b.dues) : null];
    },
  });
}

/** The search words (migration 62). */
export function backfillSearchWords(tx: Tx): Promise<void> {
  return backfillItems<{ id: string; search: string }>(tx, {
    select: 'i.id, i.search',
    columns: ['search_words'],
    values: (r) => [searchWords(r.search)],
  });
}
