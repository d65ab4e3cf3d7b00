// Fills the state basis (stateBasis of shared/src/state.ts) of items stored before it had columns:
// read by keyset, judged in JS by the domain's rule, written back one statement per chunk.
import { type Deadline, type Mark, stateBasis } from '@cluster/shared';
import type { Param, Tx } from './db.ts';

interface Row {
  id: string;
  deadline: string;
  mark: string;
  period_start: string | null;
  period_end: string | null;
}

const CHUNK = 500;

export async function backfillStateBasis(tx: Tx): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await tx.all<Row>(
      `SELECT i.id, i.deadline, i.mark, d.period_start, d.period_end
       FROM items i JOIN documents d ON d.id = i.document_id WHERE i.id > ? ORDER BY i.id LIMIT ?`,
      [after, CHUNK],
    );
    if (rows.length === 0) return;
    const params: Param[] = [];
    for (const r of rows) {
      const period = r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null;
      const b = stateBasis(JSON.parse(r.deadline) as Deadline, JSON.parse(r.mark) as Mark, period);
      params.push(r.id, b.kind, b.due, b.firstDue, b.firstStart);
    }
    const value = '(?, ?, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))';
    await tx.run(
      `UPDATE items SET due_kind = v.column2, due_on = v.column3, first_due = v.column4, first_start = v.column5
       FROM (VALUES ${new Array(rows.length).fill(value).join(', ')}) AS v WHERE items.id = v.column1`,
      params,
    );
    after = rows[rows.length - 1].id;
  }
}
