// Item ↔ row: how an item's fields are stored, its content hash, and the record read back.
import { hash } from 'node:crypto';
import type { Cell, Deadline, DocumentKind, Item, ItemState, Mark, Problem } from '@cluster/shared';
import type { Param } from './db.ts';
import type { DocumentRecord, StoredItem } from './types.ts';

export type StoredCell = string | number | boolean | null;

/** A cell as stored: a Date becomes its ISO date (as the add-in sends it). */
export function storedCell(cell: Cell | undefined): StoredCell {
  if (cell === undefined) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  return cell;
}

/** Lower case with ё = е, for case-insensitive search that works for Cyrillic on both backends. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

/** `%text%` for LIKE, with the pattern characters escaped (use `ESCAPE '\'`). */
export function likePattern(text: string): string {
  return `%${foldText(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

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

export const ITEM_COLUMNS = [
  'id',
  'cluster_id',
  'source_id',
  'document_id',
  'sheet_row',
  'number',
  'task',
  'title',
  'executors',
  'deadline',
  'deadline_kind',
  'start_date',
  'due_date',
  'effective_due',
  'result',
  'mark',
  'mark_status',
  'state',
  'problems',
  'extra',
  'cells',
  'search',
  'executors_search',
  'hash',
  'removed',
  'removed_at',
  'created_at',
  'created_sync_id',
  'updated_at',
  'updated_sync_id',
] as const;

export interface ItemPlace {
  id: string;
  clusterId: string;
  sourceId: string;
  documentId: string;
  effectiveDue: string | null;
  at: string;
  syncId: string | null;
}

/** Values in ITEM_COLUMNS order for a new live item. */
export function itemInsertValues(item: Item, c: ItemContent, p: ItemPlace): Param[] {
  return [
    p.id,
    p.clusterId,
    p.sourceId,
    p.documentId,
    item.row,
    item.number,
    item.task,
    item.title,
    c.executors,
    c.deadline,
    item.deadline.kind,
    item.deadline.start,
    item.deadline.due,
    p.effectiveDue,
    item.result,
    c.mark,
    item.mark.status,
    item.state,
    c.problems,
    c.extra,
    c.cells,
    c.search,
    c.executorsSearch,
    c.hash,
    0,
    null,
    p.at,
    p.syncId,
    p.at,
    p.syncId,
  ];
}

/** Columns a read of items selects (joined with documents as d and clusters as c). */
export const ITEM_SELECT = `i.id, i.cluster_id, c.slug AS cluster_slug, i.source_id, i.document_id,
  d.period_start, d.period_end, i.sheet_row, i.number, i.task, i.title, i.executors, i.deadline,
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
  if (r.cells !== undefined) item.cells = JSON.parse(r.cells) as StoredCell[];
  return item;
}

export interface DocumentRow {
  id: string;
  source_id: string;
  cluster_id: string;
  cluster_slug: string;
  ordinal: number;
  title: string;
  kind: string;
  period_start: string | null;
  period_end: string | null;
  removed: number;
  item_count: number | string;
  created_at: string;
  updated_at: string;
}

export function documentOf(r: DocumentRow): DocumentRecord {
  return {
    id: r.id,
    sourceId: r.source_id,
    clusterId: r.cluster_id,
    clusterSlug: r.cluster_slug,
    ordinal: Number(r.ordinal),
    title: r.title,
    kind: r.kind as DocumentKind,
    period: r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null,
    removed: Number(r.removed) === 1,
    itemCount: Number(r.item_count),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
