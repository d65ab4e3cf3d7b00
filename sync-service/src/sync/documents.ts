// The documents of one source, by position: kept, updated when their title, kind, period or layout
// changed, created when new, flagged removed when the sheet no longer has them.
import { randomUUID } from 'node:crypto';
import type { DocumentKind, Period } from '@cluster/shared';
import type { Tx } from '../store/db.ts';

export interface DesiredDocument {
  title: string;
  kind: DocumentKind;
  period: Period | null;
  /** JSON of the layout, meeting and unplaced rows. */
  meta: string;
}

interface DocumentRow {
  id: string;
  ordinal: number;
  title: string;
  kind: string;
  period_start: string | null;
  period_end: string | null;
  meta: string;
  removed: number;
}

export async function writeDocuments(
  tx: Tx,
  where: { clusterId: string; sourceId: string; at: string; syncId: string },
  desired: DesiredDocument[],
): Promise<{ ids: string[]; wrote: boolean }> {
  const rows = await tx.all<DocumentRow>(
    'SELECT id, ordinal, title, kind, period_start, period_end, meta, removed FROM documents WHERE source_id = ?',
    [where.sourceId],
  );
  const byOrdinal = new Map(rows.map((r) => [Number(r.ordinal), r]));
  const ids: string[] = [];
  let wrote = false;
  for (let ordinal = 0; ordinal < desired.length; ordinal++) {
    const d = desired[ordinal];
    const start = d.period?.start ?? null;
    const end = d.period?.end ?? null;
    const row = byOrdinal.get(ordinal);
    if (!row) {
      const id = randomUUID();
      await tx.run(
        `INSERT INTO documents (id, source_id, cluster_id, ordinal, title, kind, period_start, period_end, meta,
           removed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        [
          id,
          where.sourceId,
          where.clusterId,
          ordinal,
          d.title,
          d.kind,
          start,
          end,
          d.meta,
          where.at,
          where.at,
        ],
      );
      ids.push(id);
      wrote = true;
      continue;
    }
    ids.push(row.id);
    const same =
      row.title === d.title &&
      row.kind === d.kind &&
      row.period_start === start &&
      row.period_end === end &&
      row.meta === d.meta &&
      Number(row.removed) === 0;
    if (!same) {
      await tx.run(
        `UPDATE documents SET title = ?, kind = ?, period_start = ?, period_end = ?, meta = ?, removed = 0,
           updated_at = ? WHERE id = ?`,
        [d.title, d.kind, start, end, d.meta, where.at, row.id],
      );
      wrote = true;
    }
  }
  const gone = rows.filter((r) => Number(r.ordinal) >= desired.length && Number(r.removed) === 0);
  for (const r of gone) {
    await tx.run('UPDATE documents SET removed = 1, updated_at = ? WHERE id = ?', [where.at, r.id]);
    wrote = true;
  }
  return { ids, wrote };
}
