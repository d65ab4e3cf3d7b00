// Stored forms shared by the tables: cells as stored, folded search text, document rows read back.
import { type Cell, type DocumentKind, foldText } from '@cluster/shared';
import type { DocumentRecord } from './types.ts';

export type StoredCell = string | number | boolean | null;

/** A cell as stored: a Date becomes its ISO date (as the add-in sends it). */
export function storedCell(cell: Cell | undefined): StoredCell {
  if (cell === undefined) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  return cell;
}

/** `%text%` for LIKE, with the pattern characters escaped (use `ESCAPE '\'`). */
export function likePattern(text: string): string {
  return `%${foldText(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
  archived_at: string | null;
  last_sync_at: string | null;
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
    archivedAt: r.archived_at ?? null,
    lastSyncAt: r.last_sync_at ?? null,
  };
}
