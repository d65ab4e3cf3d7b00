// A whole sync as one plan: documents and items planned, the sync run's counts and outcome, and
// the answer (POST /api/v1/sync) the sync gives. Pure; the caller reads and writes the store.
import type { SyncSummary } from '@cluster/shared';
import type { SyncWrite } from '../store/sync-types.ts';
import type { SyncOutcome } from '../store/types.ts';
import type { DocumentsPlan } from './documents-plan.ts';
import type { ItemsPlan } from './items-plan.ts';
import type { Prepared } from './prepare.ts';

export interface RunFacts {
  syncId: string;
  at: string;
  /** The day states were judged for. */
  day: string;
  startedAt: string;
  actor: string;
  revision: string | null;
  snapshotKey: string | null;
}

/** What one sync writes: nothing but its run record when the snapshot matches the store. */
export function syncWriteOf(run: RunFacts, documents: DocumentsPlan, items: ItemsPlan): SyncWrite {
  const { counts } = items;
  const rowsWritten =
    items.inserts.length + items.updates.length + items.removedIds.length + items.events.length;
  return {
    at: run.at,
    day: run.day,
    syncId: run.syncId,
    documents: documents.changes,
    run: {
      id: run.syncId,
      documentId: documents.ids[0],
      actor: run.actor,
      revision: run.revision,
      startedAt: run.startedAt,
      outcome: rowsWritten === 0 && !documents.wrote ? 'unchanged' : 'changed',
      created: counts.created,
      changed: counts.changed,
      removed: items.removedIds.length,
      restored: counts.restored,
      unchanged: counts.unchanged,
      deadlinesMoved: counts.deadlinesMoved,
      rowsWritten,
    },
    inserts: items.inserts,
    updates: items.updates,
    removedIds: items.removedIds,
    events: items.events,
    snapshotKey: run.snapshotKey,
  };
}

/** The sync's answer: counts, each row's item id, and the items as stored. */
export function outcomeOf(
  write: SyncWrite,
  prepared: readonly Prepared[],
  ids: readonly string[],
): SyncOutcome {
  const { run } = write;
  const summary: SyncSummary = {
    syncId: write.syncId,
    documentId: run.documentId,
    created: run.created,
    changed: run.changed,
    removed: run.removed,
    unchanged: run.unchanged,
    deadlinesMoved: run.deadlinesMoved,
    rowIds: prepared.map((p, k) => ({ row: p.item.row, id: ids[k] })),
    items: prepared.map((p, k) => ({ id: ids[k], ...p.item, effectiveDue: p.effectiveDue })),
  };
  return {
    summary,
    restored: run.restored,
    rowsWritten: run.rowsWritten,
    unchanged: run.outcome === 'unchanged',
  };
}

/**
 * The answer the last sync gave, rebuilt from what it wrote (document and row order, the order the
 * sheet was read in). Null when the order would be ambiguous (two items on one row of a document);
 * the caller then reads the sheet.
 */
export function answerFromStored(last: {
  documentId: string;
  rows: readonly { documentId: string; item: SyncSummary['items'][number] }[];
}): SyncSummary | null {
  const { rows } = last;
  for (let k = 1; k < rows.length; k++) {
    if (rows[k - 1].documentId === rows[k].documentId && rows[k - 1].item.row === rows[k].item.row)
      return null;
  }
  const items = rows.map((r) => r.item);
  return {
    syncId: '',
    documentId: last.documentId,
    created: 0,
    changed: 0,
    removed: 0,
    unchanged: items.length,
    deadlinesMoved: 0,
    rowIds: items.map((i) => ({ row: i.row, id: i.id })),
    items,
  };
}
