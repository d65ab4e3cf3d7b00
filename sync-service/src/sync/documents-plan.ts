// The documents of one source, by position: kept, updated when their title, kind, period or layout
// changed, created when new, flagged removed when the sheet no longer has them.
import { randomUUID } from 'node:crypto';
import type { DocumentChanges, StoredDocument } from '../store/sync-types.ts';
import type { DesiredDocument } from './prepare.ts';

export interface DocumentsPlan {
  /** The id of each desired document, in order. */
  ids: string[];
  changes: DocumentChanges;
  /** True when anything is written. */
  wrote: boolean;
}

const same = (row: StoredDocument, d: DesiredDocument) =>
  row.title === d.title &&
  row.kind === d.kind &&
  row.periodStart === d.periodStart &&
  row.periodEnd === d.periodEnd &&
  row.meta === d.meta &&
  !row.removed;

export function planDocuments(
  stored: readonly StoredDocument[],
  desired: readonly DesiredDocument[],
  newId: () => string = randomUUID,
): DocumentsPlan {
  const byOrdinal = new Map(stored.map((r) => [r.ordinal, r]));
  const changes: DocumentChanges = { inserts: [], updates: [], removedIds: [] };
  const ids = desired.map((d, ordinal) => {
    const row = byOrdinal.get(ordinal);
    if (!row) {
      const id = newId();
      changes.inserts.push({ id, ordinal, ...d });
      return id;
    }
    if (!same(row, d)) changes.updates.push({ id: row.id, ordinal, ...d });
    return row.id;
  });
  for (const r of stored) if (r.ordinal >= desired.length && !r.removed) changes.removedIds.push(r.id);
  const wrote = changes.inserts.length + changes.updates.length + changes.removedIds.length > 0;
  return { ids, changes, wrote };
}
