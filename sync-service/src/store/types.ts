// The canonical store's records and filters. Dates are ISO `YYYY-MM-DD`; timestamps are ISO
// strings (UTC, `toISOString()`); ids are UUIDs.
import type {
  Cell,
  Deadline,
  DisciplineCounts,
  Document,
  DocumentKind,
  Item,
  ItemState,
  Mark,
  Period,
  SyncSummary,
  TallyKey,
} from '@cluster/shared';

export type Backend = 'sqlite' | 'postgres';

export interface StoreConfig {
  /** Folder of the embedded store (`<dataDir>/cluster-sync.db`); used when no databaseUrl. */
  dataDir?: string;
  /** `postgres://…`: use PostgreSQL instead of the embedded store. */
  databaseUrl?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * A store the service has already opened (and migrated), opened again by a helper process that
   * only reads (a report's): no migration, so no write lock is taken at open.
   */
  alreadyMigrated?: boolean;
  /**
   * SQLite: reads outside transactions run in the process's reader process, off the event loop
   * (default true; see sqlite-reader.ts). A process that only reads (a report's) reads in place.
   */
  offThreadReads?: boolean;
}

export interface Region {
  name: string;
  createdAt: string;
}

export interface Department {
  id: string;
  slug: string;
  name: string;
  region: string;
  createdAt: string;
  /** What its reports carry: the addressee block and who signs. */
  settings: DepartmentSettings;
}

export interface DepartmentSettings {
  /** «Кому» block of the report («Министру образования и науки Калужской области …»). */
  addressee: string | null;
  /** The signer's post («Начальник отдела …»). */
  signerTitle: string | null;
  /** The signer's name («И.И. Иванов»). */
  signerName: string | null;
}

export interface Cluster {
  id: string;
  slug: string;
  name: string;
  region: string;
  industry: string | null;
  createdAt: string;
}

export type TokenKind = 'cluster' | 'department' | 'admin';

export interface TokenRecord {
  id: string;
  /** sha256 of the token, hex. */
  hash: string;
  kind: TokenKind;
  clusterId: string | null;
  departmentId: string | null;
  createdAt: string;
  revokedAt: string | null;
  /** ISO time from which the token no longer works; null = never expires. */
  expiresAt: string | null;
  /** Last request it authenticated (to the minute); null = never used. */
  lastUsedAt: string | null;
}

export interface CreatedToken {
  /** The plain token: shown once, never stored. */
  token: string;
  record: TokenRecord;
}

/** Where a document comes from: one sheet of a Google spreadsheet, or an imported file. */
export type SourceRef =
  | { kind: 'sheet'; spreadsheetId: string; sheetId: number; sheetName: string }
  | { kind: 'file'; fileName: string };

export interface Source {
  id: string;
  clusterId: string;
  clusterSlug: string;
  kind: 'sheet' | 'file';
  spreadsheetId: string | null;
  sheetId: number | null;
  sheetName: string | null;
  fileName: string | null;
  /** Title last seen (the spreadsheet's or the file's). */
  title: string | null;
  createdAt: string;
  /** When the last sync of this source finished (from sync runs), null if never. */
  lastSyncAt: string | null;
}

export interface DocumentRecord {
  id: string;
  sourceId: string;
  clusterId: string;
  clusterSlug: string;
  /** Position of the document among those recognised in its source (0-based). */
  ordinal: number;
  title: string;
  kind: DocumentKind;
  period: Period | null;
  /** The last sync of its source no longer had this document. */
  removed: boolean;
  /** Items not removed. */
  itemCount: number;
  createdAt: string;
  updatedAt: string;
  /** When an administrator archived it (it then leaves current lists, counts and reports); null if current. */
  archivedAt: string | null;
  /** When the last sync or import of its source finished. */
  lastSyncAt: string | null;
}

/** An item as stored: the Item JSON plus where it lives. `state`/`effectiveDue` as of its last sync. */
export interface StoredItem extends Item {
  id: string;
  clusterId: string;
  clusterSlug: string;
  sourceId: string;
  documentId: string;
  /** Plan period of its document (for recomputing state). */
  period: Period | null;
  effectiveDue: string | null;
  /** Tombstone: the row is gone from its sheet; history stays. */
  removed: boolean;
  removedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The original cells of its row (only from `items.get`). */
  cells?: (string | number | boolean | null)[];
}

/** An item with what a report needs next to it. */
export interface ReportItem extends StoredItem {
  clusterName: string;
  region: string;
  industry: string | null;
  documentTitle: string;
  documentKind: DocumentKind;
  /** How many times its deadline moved (deadline_moved events). */
  deadlineMoves: number;
}

export interface ItemFilter {
  clusterSlugs?: string[];
  region?: string;
  sourceId?: string;
  documentId?: string;
  /** One state or any of several. Compared with the stored state unless `asOf` is given. */
  state?: ItemState | ItemState[];
  /** Part of an executor's name, any case. */
  executor?: string;
  /** Effective due ≤ this date. */
  dueBefore?: string;
  /** Effective due ≥ this date. */
  dueAfter?: string;
  /**
   * Words in number, task, title, executors, result or mark: each word in any of its forms (or
   * its beginning), any case, ё as е (store/search-words.ts). A text with no word matches nothing.
   */
  q?: string;
  limit?: number;
  offset?: number;
  /**
   * How many items match, when the caller knows already (the overview has the rollups' count): a
   * list in due order then chooses how to read its page without probing the match set. Only a plan
   * choice: a wrong number costs time, never rows.
   */
  matches?: number;
  includeRemoved?: boolean;
  /** Only the rows gone from their sheet (tombstones). */
  removedOnly?: boolean;
  /** Only items of plans current on `on` (period not ended, or none), or of plans finished by then. */
  plans?: PlanFilter;
  /** Items of archived documents too (by default they are left out). */
  includeArchived?: boolean;
  /** Recompute state and effective due for this day before filtering by state and due. */
  asOf?: { today: string; soonDays?: number };
  /**
   * Judge `state` in SQL for this day from the stored effective due, mark and start (an index
   * serves it): for lists that page and sort in SQL. Ignored with `asOf`. See store/item-states.ts.
   */
  stateOn?: { today: string; soonDays: number };
  /**
   * Order of `list`: the document's (default), or by the due the state is judged by (a moved
   * deadline, the last of several dues, a recurring item's end; none for done, ongoing and unknown
   * items, which come last), then by cluster, document and row; `-due` is its reverse, those
   * without a due still last; `removed`: the rows gone from their sheets, newest first.
   */
  sort?: 'document' | 'due' | '-due' | 'removed';
}

/** `current`: the plan period has not ended by `on` (or there is none); `finished`: it has. */
export interface PlanFilter {
  on: string;
  which: 'current' | 'finished';
}

export const HISTORY_EVENT_TYPES = [
  'created',
  'changed',
  'deadline_moved',
  'status_changed',
  'removed',
  'restored',
  'reminder',
  'id_reassigned',
] as const;
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

/**
 * One change of an item, oldest first. `changed`: field is an Item field (number, task, title,
 * executors, deadline, result, mark, problems, extra), old/new its values. `deadline_moved`:
 * field 'due', old/new ISO dates. `status_changed`: field 'mark.status' or 'state'.
 * `created`/`removed`/`restored`: field null. `id_reassigned`: field 'id', old the id a copied row
 * carried (another row kept it), new the item's own id. `reminder`: field is the step (`before:7`, `overdue`,
 * `escalation`, `digest:2026-W49`), new is `{ channel, to, status, error, attempts }` (no address: whoever reads the item
 * may read its history, and contacts are the cluster's own), at is when it
 * was delivered (or last tried).
 */
export interface HistoryEvent {
  id: string;
  itemId: string;
  at: string;
  syncId: string | null;
  type: HistoryEventType;
  field: string | null;
  old: unknown;
  new: unknown;
  /** The sync that recorded it; null when none is known. */
  via: SyncOrigin | null;
}

/** Where a sync came from: the sheet or file, and who sent it. */
export interface SyncOrigin {
  /** A file's name, or «spreadsheet title / sheet name». */
  source: { kind: 'sheet' | 'file'; name: string };
  /** As the sync run recorded it: 'token:<id>', 'cli', 'pull', 'demo'… */
  actor: string;
  /** The token that sent it, and its kind; null when no token did. */
  tokenId: string | null;
  tokenKind: TokenKind | null;
}

/** A deadline move with the item and cluster it belongs to (for reports). */
export interface DeadlineMove {
  eventId: string;
  itemId: string;
  at: string;
  syncId: string | null;
  oldDue: string | null;
  newDue: string | null;
  /** All deadline moves of this item. */
  movesOfItem: number;
  number: string;
  title: string;
  executors: string[];
  itemRemoved: boolean;
  clusterSlug: string;
  clusterName: string;
  region: string;
  documentTitle: string;
  /** Plan period of the item's document (a report lists the moves within it). */
  documentPeriod: Period | null;
}

export interface SourceFilter {
  clusterSlugs?: string[];
  kind?: 'sheet' | 'file';
}

/** A page of a list, cut in SQL (LIMIT/OFFSET over the list's order). */
export interface ListPage {
  limit?: number;
  offset?: number;
}

export interface DocumentFilter extends ListPage {
  clusterSlugs?: string[];
  region?: string;
  sourceId?: string;
  includeRemoved?: boolean;
  /** Current documents only (default), archived ones too, or only the archived. */
  archived?: 'exclude' | 'include' | 'only';
}

/** What removing a cluster or source did: nothing while it holds documents, unless asked to. */
export interface RemoveOutcome {
  removed: boolean;
  /** Its documents (current and archived) at the time. */
  documents: number;
}

/**
 * A deadline move no sync saw happen: the item's mark already moved its deadline («перенесено на …»)
 * when the item was first synced. `deadline`/`mark` are as they were then (read back from the first
 * change events), so the caller can tell the move; `at` is when the item was created.
 */
export interface MoveAtCreation extends Omit<DeadlineMove, 'oldDue' | 'newDue' | 'eventId' | 'syncId'> {
  deadline: Pick<Deadline, 'due'>;
  mark: Pick<Mark, 'status' | 'movedTo'>;
}

export interface SyncRun {
  id: string;
  clusterId: string;
  clusterSlug: string;
  sourceId: string;
  documentId: string;
  /** Token id, 'cli', 'pull', … */
  actor: string;
  revision: string | null;
  startedAt: string;
  finishedAt: string;
  /** 'unchanged': the snapshot matched the store; no item or history row was written. */
  outcome: 'changed' | 'unchanged';
  created: number;
  changed: number;
  removed: number;
  restored: number;
  unchanged: number;
  deadlinesMoved: number;
  /** Item and history rows this sync wrote. */
  rowsWritten: number;
}

export interface SyncRunFilter {
  clusterSlugs?: string[];
  region?: string;
  sourceId?: string;
  limit?: number;
}

/** One sheet's (or file's) snapshot, already read by the domain core. */
export interface SnapshotInput {
  /** Cluster slug. */
  cluster: string;
  source: SourceRef;
  /** The spreadsheet's or file's title; the document title when recognition found none. */
  title?: string | null;
  /** What `recognizeTables`/`readText` returned for the whole sheet. */
  documents: Document[];
  /** Client row ids by sheet row: `rowIds[row - 1]` (the add-in's `rows[i].id`). */
  rowIds?: readonly (string | null | undefined)[];
  /** By sheet row as `rowIds`: the id a copied row carried and was sent without (SyncRow.copiedFrom). */
  copiedFrom?: readonly (string | null | undefined)[];
  /** The sheet's cells by row: `cells[row - 1]`; stored with each item. Dates become ISO dates. */
  cells?: readonly (readonly Cell[])[];
  /** Who: the token id, 'cli', 'pull'. */
  actor: string;
  revision?: string | null;
  /** Today (YYYY-MM-DD) the documents were read with; for items without `effectiveDue`. */
  today?: string;
  /** The stored document the snapshot's (only) document continues, as the caller picked it. */
  documentId?: string | null;
  /**
   * Digest of everything the documents were read from (the raw rows with their ids, settings, today,
   * soon-window, source, title). Lets `resyncIfUnchanged` answer an identical resync without reading.
   */
  snapshotKey?: string | null;
}

export interface ResyncRequest {
  cluster: string;
  source: SourceRef;
  /** See SnapshotInput.snapshotKey. */
  snapshotKey: string;
  actor: string;
  revision?: string | null;
}

export interface SyncOutcome {
  /** The answer of POST /api/v1/sync (contract). */
  summary: SyncSummary;
  /** Tombstones that came back (counted in `summary.changed`). */
  restored: number;
  /** Item + history rows written (0 for an identical resync). */
  rowsWritten: number;
  /** True when nothing but the sync-run record was written. */
  unchanged: boolean;
}

/** For tests: called inside the sync's transaction after each kind of write. */
export interface SyncHooks {
  afterWrite?(what: 'documents' | 'items' | 'events' | 'syncRun'): void | Promise<void>;
}

export interface StoreCounts {
  clusters: number;
  sources: number;
  documents: number;
  items: number;
  events: number;
  syncRuns: number;
}

export interface TallyFilter {
  clusterSlugs?: string[];
  region?: string;
  /** ISO dates. */
  since: string;
  until: string;
}

/** What the rollups are summed over: the reader's scope and the day counted for. */
export interface RollupFilter {
  clusterSlugs?: string[];
  region?: string;
  /** Items of archived documents too. */
  includeArchived?: boolean;
  /** The day: plans current on it, states and days late as of it. */
  asOf: string;
  soonDays: number;
}

/** A cluster's counts on the day, as a pass over its items would make them. */
export interface ClusterRollup {
  clusterSlug: string;
  items: number;
  byState: Record<TallyKey, number>;
  discipline: DisciplineCounts;
}

export interface ExecutorRollup {
  clusterSlug: string;
  executor: string;
  counts: DisciplineCounts;
}

export interface OrganisationRollup {
  organisation: string;
  counts: DisciplineCounts;
}

/** A cluster's item counts by stored state as the syncs of `day` left them. */
export interface TallyPoint {
  clusterSlug: string;
  day: string;
  byState: Record<ItemState, number>;
  /** КИД counts as of `day` (cluster_kid_tallies); null when that day's sync kept none (before v52). */
  discipline: DisciplineCounts | null;
}
