// Descriptors of the other tables a sync writes: documents, sync runs and history events.
import type { DocumentWrite, ItemEvent, SyncRunWrite } from './sync-types.ts';
import { tableOf } from './table.ts';

export interface Placed<T> {
  row: T;
  clusterId: string;
  sourceId: string;
  at: string;
}

export const DOCUMENTS = tableOf<Placed<DocumentWrite>>()('documents', {
  id: (d) => d.row.id,
  source_id: (d) => d.sourceId,
  cluster_id: (d) => d.clusterId,
  ordinal: (d) => d.row.ordinal,
  title: (d) => d.row.title,
  kind: (d) => d.row.kind,
  period_start: (d) => d.row.periodStart,
  period_end: (d) => d.row.periodEnd,
  meta: (d) => d.row.meta,
  removed: () => 0,
  created_at: (d) => d.at,
  updated_at: (d) => d.at,
});

/** What a changed document rewrites. */
export const DOCUMENT_UPDATE_COLUMNS = [
  'title',
  'kind',
  'period_start',
  'period_end',
  'meta',
  'removed',
  'updated_at',
] as const satisfies readonly (typeof DOCUMENTS.columns)[number][];

export const SYNC_RUNS = tableOf<Placed<SyncRunWrite> & { finishedAt: string }>()('sync_runs', {
  id: (r) => r.row.id,
  cluster_id: (r) => r.clusterId,
  source_id: (r) => r.sourceId,
  document_id: (r) => r.row.documentId,
  actor: (r) => r.row.actor,
  revision: (r) => r.row.revision,
  started_at: (r) => r.row.startedAt,
  finished_at: (r) => r.finishedAt,
  outcome: (r) => r.row.outcome,
  created: (r) => r.row.created,
  changed: (r) => r.row.changed,
  removed: (r) => r.row.removed,
  restored: (r) => r.row.restored,
  unchanged: (r) => r.row.unchanged,
  deadlines_moved: (r) => r.row.deadlinesMoved,
  rows_written: (r) => r.row.rowsWritten,
});

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const ITEM_EVENTS = tableOf<{ event: ItemEvent; syncId: string; at: string }>()('item_events', {
  item_id: (e) => e.event.itemId,
  sync_id: (e) => e.syncId,
  at: (e) => e.at,
  type: (e) => e.event.type,
  field: (e) => e.event.field,
  old_value: (e) => json(e.event.old),
  new_value: (e) => json(e.event.new),
});
