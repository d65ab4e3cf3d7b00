// What the sync engine reads of one source and the write it plans: the shapes both sync/ (the pure
// planner) and store/ (which reads and writes them in SQL) speak.
import type { DocumentKind, StateBasis, SyncSummary } from '@cluster/shared';
import type { FieldColumns, ItemWrite } from './items-table.ts';
import type { HistoryEventType, SourceRef, SyncHooks } from './types.ts';

/** A stored item as the matching sees it. */
export interface LightItem {
  id: string;
  row: number;
  number: string;
  title: string;
  hash: string;
  state: string;
  effectiveDue: string | null;
  basis: StateBasis;
  documentId: string;
  removed: boolean;
}

/** The stored columns the diff compares (JSON columns still as text). */
export interface StoredContent extends FieldColumns {
  id: string;
  number: string;
  task: string;
  title: string;
  executors: string;
  deadline: string;
  result: string;
  mark: string;
  mark_status: string;
  problems: string;
  extra: string | null;
  state: string;
  effective_due: string | null;
  removed: number;
}

export interface StoredDocument {
  id: string;
  ordinal: number;
  title: string;
  kind: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** JSON of the layout, meeting and unplaced rows. */
  meta: string;
  removed: boolean;
}

/** A document of the cluster held by another source: a candidate for being the same plan. */
export interface ClusterDocument {
  id: string;
  sourceId: string;
  /** Where it came from: the file's name or the sheet's. */
  source: { kind: 'sheet' | 'file'; name: string };
  title: string;
  kind: string;
  periodStart: string | null;
  periodEnd: string | null;
  removed: boolean;
  archived: boolean;
  updatedAt: string;
}

export interface DocumentWrite {
  id: string;
  ordinal: number;
  title: string;
  kind: DocumentKind;
  periodStart: string | null;
  periodEnd: string | null;
  meta: string;
}

export interface DocumentChanges {
  inserts: DocumentWrite[];
  updates: DocumentWrite[];
  removedIds: string[];
}

export interface ItemEvent {
  itemId: string;
  type: HistoryEventType;
  field: string | null;
  old: unknown;
  new: unknown;
}

/** A sync run as recorded; the store adds the cluster, the source and the finishing time. */
export interface SyncRunWrite {
  id: string;
  documentId: string;
  actor: string;
  revision: string | null;
  startedAt: string;
  outcome: 'changed' | 'unchanged';
  created: number;
  changed: number;
  removed: number;
  restored: number;
  unchanged: number;
  deadlinesMoved: number;
  rowsWritten: number;
}

/** Everything one sync writes, in one transaction. */
export interface SyncWrite {
  /** When (ISO) and by which sync the rows are written. */
  at: string;
  /** The day (YYYY-MM-DD) the items' states were judged for: the cluster's tally of that day is rewritten. */
  day: string;
  syncId: string;
  documents: DocumentChanges;
  run: SyncRunWrite;
  inserts: ItemWrite[];
  updates: ItemWrite[];
  removedIds: string[];
  events: ItemEvent[];
  /** The digest of the snapshot (SnapshotInput.snapshotKey), kept on the source. */
  snapshotKey: string | null;
}

/** One source, inside its sync's transaction (the source's lock is held). */
export interface SourceSession {
  readonly clusterId: string;
  readonly sourceId: string;
  /** Bumped by every sync that changed something. */
  readonly contentVersion: number;
  readonly lastSnapshotKey: string | null;
  documents(): Promise<StoredDocument[]>;
  /** The cluster's documents of other sources. */
  clusterDocuments(): Promise<ClusterDocument[]>;
  /**
   * Moves a document of the cluster (with its items and history) to this source at `ordinal`.
   * StoreError 'not_found' when the cluster has no such document, 'conflict' when its source is
   * syncing right now.
   */
  adoptDocument(id: string, ordinal: number): Promise<void>;
  items(): Promise<LightItem[]>;
  contents(ids: readonly string[]): Promise<Map<string, StoredContent>>;
  /**
   * What the last sync answered, as stored: its first live document and the live items of the live
   * documents in document and row order; null when the source has no live document.
   */
  lastAnswer(): Promise<{
    documentId: string;
    rows: { documentId: string; item: SyncSummary['items'][number] }[];
  } | null>;
  /** Writes the plan; returns the source's content version after it. */
  write(plan: SyncWrite, hooks?: SyncHooks): Promise<number>;
  /** Records a sync run that wrote nothing. */
  recordRun(run: SyncRunWrite): Promise<void>;
}

export interface SourcePlace {
  /** Cluster slug. */
  cluster: string;
  source: SourceRef;
}

export interface SyncStore {
  /** The snapshot key of the source's last sync, read without the lock; null when none. */
  lastSnapshotKey(place: SourcePlace): Promise<string | null>;
  /**
   * Runs `work` in one transaction holding the source's lock; the source is registered when new (and
   * its title updated). Throws StoreError 'not_found' for an unknown cluster; a failure writes nothing.
   */
  withSource<T>(
    place: SourcePlace & { title?: string | null },
    work: (session: SourceSession) => Promise<T>,
  ): Promise<T>;
  /** As withSource, for a source already registered: `work` gets null when it is not. */
  withKnownSource<T>(place: SourcePlace, work: (session: SourceSession | null) => Promise<T>): Promise<T>;
}
