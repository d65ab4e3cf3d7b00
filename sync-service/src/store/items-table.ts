// The items table, named once: each column with how a written item fills it, what a read selects
// and how a row reads back. A new item column is a migration (migrations.ts), its entry here, and,
// when reads return it, its field on StoredItem (types.ts).
import { hash } from 'node:crypto';
import type { Deadline, Item, ItemState, Mark, Problem, SyncSummary } from '@cluster/shared';
import { foldText, type StoredCell } from './rows.ts';
import { tableOf, typed } from './table.ts';
import type { StoredItem } from './types.ts';

/** What the sheet says about an item, serialised as stored, and a hash that changes when it does. */
export interface ItemJson {
  executors: string;
  deadline: string;
  mark: string;
  problems: string;
  extra: string | null;
  cells: string;
  hash: string;
}

/** The serialised content of an item: its JSON columns, hash and search texts. */
export interface ItemContent extends ItemJson {
  search: string;
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
    hash: '',
  };
  // JSON texts never hold a raw U+0000, so joining them with it is unambiguous.
  json.hash = hash(
    'sha1',
    [
      JSON.stringify([item.number, item.task, item.title, item.result]),
      // Only where there is one, so items without it keep the hash they had before the column.
      ...(item.executorsRaw !== undefined ? [JSON.stringify(item.executorsRaw)] : []),
      json.executors,
      json.deadline,
      json.mark,
      json.problems,
      json.extra ?? 'null',
      json.cells,
    ].join('\u0000'),
    'base64',
  );
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
  return {
    ...json,
    search: foldText(
      [item.number, item.task, item.title, item.executors.join(' '), item.result, item.mark.raw].join('\n'),
    ),
    executorsSearch: foldText(item.executors.join('\n')),
  };
}

export interface ItemPlace {
  id: string;
  clusterId: string;
  sourceId: string;
  documentId: string;
  effectiveDue: string | null;
  at: string;
  syncId: string | null;
}

/** A live item as written: what the sheet says, its serialised content and where it lives. */
export interface ItemWrite {
  item: Item;
  content: ItemContent;
  place: ItemPlace;
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
  executors_raw: (w) => w.item.executorsRaw ?? null,
  deadline: (w) => w.content.deadline,
  deadline_kind: (w) => w.item.deadline.kind,
  start_date: (w) => w.item.deadline.start,
  due_date: (w) => w.item.deadline.due,
  effective_due: (w) => w.place.effectiveDue,
  result: (w) => w.item.result,
  mark: (w) => w.content.mark,
  mark_status: (w) => w.item.mark.status,
  state: (w) => w.item.state,
  problems: (w) => w.content.problems,
  extra: (w) => w.content.extra,
  cells: (w) => w.content.cells,
  search: (w) => w.content.search,
  executors_search: (w) => w.content.executorsSearch,
  hash: (w) => w.content.hash,
  removed: typed('INTEGER', () => 0),
  removed_at: () => null,
  created_at: (w) => w.place.at,
  created_sync_id: (w) => w.place.syncId,
  updated_at: (w) => w.place.at,
  updated_sync_id: (w) => w.place.syncId,
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
  problems, extra, state, effective_due, removed`;

/** The columns the sync's matching needs of every item of a source. */
export const ITEM_LIGHT_SELECT =
  'id, sheet_row, number, title, hash, state, effective_due, document_id, removed';

/** Columns a read of items selects (joined with documents as d and clusters as c). */
export const ITEM_SELECT = `i.id, i.cluster_id, c.slug AS cluster_slug, i.source_id, i.document_id,
  d.period_start, d.period_end, i.sheet_row, i.number, i.task, i.title, i.executors, i.executors_raw, i.deadline,
  i.effective_due, i.result, i.mark, i.state, i.problems, i.extra, i.removed, i.removed_at,
  i.created_at, i.updated_at`;

export interface ItemRow {
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
  executors_raw: string | null;
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
  if (r.executors_raw !== null) item.executorsRaw = r.executors_raw;
  if (r.extra) item.extra = JSON.parse(r.extra) as Record<string, string>;
  if (r.cells !== undefined) item.cells = JSON.parse(r.cells) as StoredCell[];
  return item;
}

/** An item of the sync answer (SyncSummary.items) as a stored row reads back. */
export const ANSWER_ITEM_SELECT = `i.id, i.document_id, i.sheet_row, i.number, i.task, i.title, i.executors,
  i.executors_raw, i.deadline, i.result, i.mark, i.state, i.problems, i.effective_due, i.extra`;

export interface AnswerItemRow {
  id: string;
  document_id: string;
  sheet_row: number | string;
  number: string;
  task: string;
  title: string;
  executors: string;
  executors_raw: string | null;
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
  if (r.executors_raw !== null) item.executorsRaw = r.executors_raw;
  if (r.extra !== null) item.extra = JSON.parse(r.extra);
  return item;
}
