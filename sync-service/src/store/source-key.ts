// What makes a source the same source: a sheet's ids (its name may change), a file's name.
import type { SourceRef } from './types.ts';

export function sourceKey(ref: SourceRef): string {
  return ref.kind === 'sheet' ? `sheet:${ref.spreadsheetId}:${ref.sheetId}` : `file:${ref.fileName}`;
}
