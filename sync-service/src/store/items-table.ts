// The items table, named once: each column with how a written item fills it, what a read selects
// and how a row reads back. A new item field is one entry in ITEM_FIELDS below (the store adds its
// column at open, writes, reads, hashes and compares it), its field in ItemSchema
// (shared/src/model.ts), and the reader that fills it.
import { hash } from 'node:crypto';
import {
  type Deadline,
  executorsSearchText,
  type Item,
  type ItemState,
  itemSearchText,
  type Mark,
  type Problem,
  type StateBasis,
  type SyncSummary,
} from '@cluster/shared';
import type { Param } from './db.ts';
import type { StoredCell } from './rows.ts';
import { searchWords } from './search-words.ts';
import { tableOf, typed } from './table.ts';
import type { StoredItem } from './types.ts';

/** How an item field is kept in its column: as it is (text, integer) or as JSON text. */
export interface FieldSpec {
  field: keyof Item;
  column: string;
  sql: 'TEXT' | 'INTEGER' | 'JSON';
  /** false: a change is no history event of its own (another field's event already tells it). */
  history?: boolean;
}

/**
 * Item fields kept one column each, without a rule of their own: listed here, a field is a column
 * (added when the store opens, NULL for items written before it), written with the item, read
 * back, part of the content hash and compared for history («changed» events under its name). The
 * field is optional in ItemSchema: an item without it stores NULL and reads back without it.
 */
export const ITEM_FIELDS = [
  /** Which table of a Word/ODT document with several tables the item comes from. */
  { field: 'table', column: 'table_no', sql: 'INTEGER' },
  /**
   * The executors cell as written, where the split list does not give it back. Its edits show in
   * history as the `executors` change they come with.
   */
  { field: 'executorsRaw', column: 'executors_raw', sql: 'TEXT', history: false },
] as const satisfies readonly FieldSpec[];

type ItemField = (typeof ITEM_FIELDS)[number];
type FieldColumn = ItemField['column'];

/** A field's value as its column keeps it; null for an item without it. */
function encodeField(f: FieldSpec, item: Item): Param {
  const value = item[f.field];
  if (value === undefined || value === null) return null;
  return f.sql === 'JSON' || typeof value === 'object' ? JSON.stringify(value) : value;
}

/** Whether a change of the field is a history event of its own. */
export const keepsHistory = (f: FieldSpec): boolean => f.history !== false;

/** A column's value as the item's field (undefined: the item has none). */
export function decodeField(f: FieldSpec, raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (f.sql === 'JSON') return JSON.parse(String(raw));
  return f.sql === 'INTEGER' ? Number(raw) : String(raw);
}

/** A stored row's ITEM_FIELDS columns, as its driver returns them. */
export type FieldColumns = Partial<Record<FieldColumn, unknown>>;

/** Copies the ITEM_FIELDS columns of a row onto an item read back. */
function readFields(row: FieldColumns, item: object): void {
  for (const f of ITEM_FIELDS) {
    const value = decodeField(f, row[f.column]);
    if (value !== undefined) Object.assign(item, { [f.field]: value });
  }
}

/** The columns ITEM_FIELDS adds to the items table, for the store's schema check at open. */
export const ITEM_FIELD_COLUMNS: readonly { table: string; column: string; sql: 'TEXT' | 'INTEGER' }[] =
  ITEM_FIELDS.map((f) => ({
    table: 'items',
    column: f.column,
    sql: f.sql === 'INTEGER' ? 'INTEGER' : 'TEXT',
  }));

const fieldSelect = (alias: string) => ITEM_FIELDS.map((f) => `, ${alias}${f.column}`).join('');

/** What the sheet says about an item, serialised as stored, and a hash that changes when it does. */
export interface ItemJson {
  executors: string;
  deadline: string;
  mark: string;
  problems: string;
  extra: string | null;
  cells: string;
  /** The ITEM_FIELDS values, in that order, as their columns keep them. */
  fields: Param[];
  hash: string;
}

/** The serialised content of an item: its JSON columns, hash and search texts. */
export interface ItemContent extends ItemJson {
  search: string;
  /** Stemmed words of `search` (search-words.ts). */
  searchWords: string;
  executorsSearch: string;
}

/**
 * The JSON columns and the hash over them, each value serialised once. The hash changes exactly
 * when something the sheet says about the item changes (not its row or state).
 */
export function itemJson(item: Item, cells: readonly StoredCell[]): ItemJson {
  const json = {
    executors: JSON.stringify(item.executors),
    deadline: JSON.stringify(item.deadline),
    mark: JSON.stringify(item.mark),
    problems: JSON.stringify(item.problems),
    extra: item.extra && Object.keys(item.extra).length > 0 ? JSON.stringify(item.extra) : null,
    cells: JSON.stringify(cells),
    fields: ITEM_FIELDS.map((f) => encodeField(f, item)),
    hash: '',
  };
  const parts = [
    JSON.stringify([item.number, item.task, item.title, item.result]),
    json.executors,
    json.deadline,
    json.mark,
    json.problems,
    json.extra ?? 'null',
    json.cells,
  ];
  // Only the fields an item has: an item without them hashes as before they were added.
  ITEM_FIELDS.forEach((f, k) => {
    if (json.fields[k] !== null) parts.push(`${f.column}=${JSON.stringify(json.fields[k])}`);
  });
  // JSON texts never hold a raw U+0000, so joining them with it is unambiguous.
  json.hash = hash('sha1', parts.join('\u0000'), 'base64');
  return json;
}

/** See itemJson. */
export function contentHash(item: Item, cells: readonly StoredCell[]): string {
  return itemJson(item, cells).hash;
}

/** Everything stored about the item's content; only built for items that are written. */
export function itemContent(
  item: Item,
  cells: readonly StoredCell[],
  json: ItemJson = itemJson(item, cells),
): ItemContent {
  const search = itemSearchText(item);
  return {
    ...json,
    search,
    searchWords: searchWords(search),
    executorsSearch: executorsSearchText(item.executors),
  };
}

export interface ItemPlace {
  id: string;
  clusterId: string;
  sourceId: string;
  documentId: string;
  effectiveDue: string | null;
  /** What its state on any day follows from (stateBasis, with its document's period). */
  basis: StateBasis;
  at: string;
  syncId: string | null;
}

/** A live item as written: what the sheet says, its serialised content and where it lives. */
export interface ItemWrite {
  item: Item;
  content: ItemContent;
  place: ItemPlace;
}

/** How each ITEM_FIELDS column is filled from a written item. */
function fieldFills() {
  const fills = {} as Record<FieldColumn, (w: ItemWrite) => Param>;
  ITEM_FIELDS.forEach((f, k) => {
    const fill = (w: ItemWrite) => w.content.fields[k];
    fills[f.column] = f.sql === 'INTEGER' ? typed('INTEGER', fill) : fill;
  });
  return fills;
}

export const ITEMS = tableOf<ItemWrite>()('items', {
  id: (w) => w.place.id,
  cluster_id: (w) => w.place.clusterId,
  source_id: (w) => w.place.sourceId,
  document_id: (w) => w.place.documentId,
  sheet_row: typed('INTEGER', (w) => w.item.row),
  number: (w) => w.item.number,
  task: (w) => w.item.task,
  title: (w) => w.item.title,
  executors: (w) => w.content.executors,
  deadline: (w) => w.content.deadline,
  deadline_kind: (w) => w.item.deadline.kind,
  start_date: (w) => w.item.deadline.start,
  due_date: (w) => w.item.deadline.due,
  effective_due: (w) => w.place.effectiveDue,
  due_kind: (w) => w.place.basis.kind,
  due_on: (w) => w.place.basis.due,
  first_due: (w) => w.place.basis.firstDue,
  first_start: (w) => w.place.basis.firstStart,
  due_list: (w) => (w.place.basis.dues ? JSON.stringify(w.place.basis.dues) : null),
  result: (w) => w.item.result,
  mark: (w) => w.content.mark,
  mark_status: (w) => w.item.mark.status,
  state: (w) => w.item.state,
  problems: (w) => w.content.problems,
  extra: (w) => w.content.extra,
  cells: (w) => w.content.cells,
  search: (w) => w.content.search,
  search_words: (w) => w.content.searchWords,
  executors_search: (w) => w.content.executorsSearch,
  hash: (w) => w.content.hash,
  removed: typed('INTEGER', () => 0),
  removed_at: () => null,
  created_at: (w) => w.place.at,
  created_sync_id: (w) => w.place.syncId,
  updated_at: (w) => w.place.at,
  updated_sync_id: (w) => w.place.syncId,
  ...fieldFills(),
});

export type ItemColumn = (typeof ITEMS.columns)[number];

/** What a kept item's rewrite leaves alone: its id, where it was created, and tombstone fields. */
const KEPT_ON_UPDATE: readonly ItemColumn[] = [
  'id',
  'cluster_id',
  'source_id',
  'removed',
  'removed_at',
  'created_at',
  'created_sync_id',
];
export const ITEM_UPDATE_COLUMNS = ITEMS.columns.filter((c) => !KEPT_ON_UPDATE.includes(c));

/** The stored columns the sync's diff compares (JSON columns still as text). */
export const ITEM_CONTENT_SELECT = `id, number, task, title, executors, deadline, result, mark, mark_status,
  problems, extra, state, effective_due, removed${fieldSelect('')}`;

/** The columns the sync's matching needs of every item of a source. */
export const ITEM_LIGHT_SELECT =
  'id, sheet_row, number, title, hash, state, effective_due, due_kind, due_on, first_due, first_start, due_list, document_id, removed';

/** Columns a read of items selects (joined with documents as d and clusters as c). */
export const ITEM_SELECT = `i.id, i.cluster_id, c.slug AS cluster_slug, i.source_id, i.document_id,
  d.period_start, d.period_end, i.sheet_row, i.number, i.task, i.title, i.executors, i.deadline,
  i.effective_due, i.result, i.mark, i.state, i.problems, i.extra, i.removed, i.removed_at,
  i.created_at, i.updated_at${fieldSelect('i.')}`;

export interface ItemRow extends FieldColumns {
  id: string;
  cluster_id: string;
  cluster_slug: string;
  source_id: string;
  document_id: string;
  period_start: string | null;
  period_end: string | null;
  sheet_row: number;
  number: string;
  task: string;
  title: string;
  executors: string;
  deadline: string;
  effective_due: string | null;
  result: string;
  mark: string;
  state: string;
  problems: string;
  extra: string | null;
  removed: number;
  removed_at: string | null;
  created_at: string;
  updated_at: string;
  cells?: string;
}

export function storedItemOf(r: ItemRow): StoredItem {
  const item: StoredItem = {
    id: r.id,
    clusterId: r.cluster_id,
    clusterSlug: r.cluster_slug,
    sourceId: r.source_id,
    documentId: r.document_id,
    period: r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null,
    row: Number(r.sheet_row),
    number: r.number,
    task: r.task,
    title: r.title,
    executors: JSON.parse(r.executors) as string[],
    deadline: JSON.parse(r.deadline) as Deadline,
    result: r.result,
    mark: JSON.parse(r.mark) as Mark,
    state: r.state as ItemState,
    problems: JSON.parse(r.problems) as Problem[],
    effectiveDue: r.effective_due,
    removed: Number(r.removed) === 1,
    removedAt: r.removed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.extra) item.extra = JSON.parse(r.extra) as Record<string, string>;
  readFields(r, item);
  if (r.cells !== undefined) item.cells = JSON.parse(r.cells) as StoredCell[];
  return item;
}

/** An item of the sync answer (SyncSummary.items) as a stored row reads back. */
export const ANSWER_ITEM_SELECT = `i.id, i.document_id, i.sheet_row, i.number, i.task, i.title, i.executors,
  i.deadline, i.result, i.mark, i.state, i.problems, i.effective_due, i.extra${fieldSelect('i.')}`;

export interface AnswerItemRow extends FieldColumns {
  id: string;
  document_id: string;
  sheet_row: number | string;
  number: string;
  task: string;
  title: string;
  executors: string;
  deadline: string;
  result: string;
  mark: string;
  state: string;
  problems: string;
  effective_due: string | null;
  extra: string | null;
}

/** The answer's item, keys in the order a full sync gives them (the answer's bytes follow it). */
export function answerItemOf(r: AnswerItemRow): SyncSummary['items'][number] {
  const item: SyncSummary['items'][number] = {
    id: r.id,
    row: Number(r.sheet_row),
    number: r.number,
    task: r.task,
    title: r.title,
    executors: JSON.parse(r.executors),
    deadline: JSON.parse(r.deadline),
    result: r.result,
    mark: JSON.parse(r.mark),
    state: r.state as ItemState,
    problems: JSON.parse(r.problems),
    effectiveDue: r.effective_due,
  };
  if (r.extra !== null) item.extra = JSON.parse(r.extra);
  readFields(r, item);
  return item;
}
