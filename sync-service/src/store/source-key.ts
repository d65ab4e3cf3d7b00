// What makes a source the same source: a sheet's ids (its name may change), a file's name.
import type { SourceRef } from './types.ts';

export function sourceKey(ref: SourceRef): string {
  return ref.kind === 'sheet' ? `sheet:${ref.spreadsheetId}:${ref.sheetId}` : `file:${ref.fileName}`;
}

/** A source as its row has it (enough for its key and its lock). */
export interface SourceKeyRow {
  id: string;
  cluster_id: string;
  kind: 'sheet' | 'file';
  spreadsheet_id: string | null;
  sheet_id: number | string | null;
  file_name: string | null;
}

/** The lock a sync of this source holds (see sync-session.ts). */
export function syncLockKey(r: SourceKeyRow): string {
  const ref: SourceRef =
    r.kind === 'sheet'
      ? { kind: 'sheet', spreadsheetId: r.spreadsheet_id ?? '', sheetId: Number(r.sheet_id), sheetName: '' }
      : { kind: 'file', fileName: r.file_name ?? '' };
  return `sync:${r.cluster_id}:${sourceKey(ref)}`;
}

export const SOURCE_KEY_SELECT =
  'SELECT id, cluster_id, kind, spreadsheet_id, sheet_id, file_name FROM sources';
