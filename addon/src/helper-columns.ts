// The add-in's own hidden columns, after the user's data: 'due' holds each item row's effective due
// date for the highlighting rules, 'id' the stable row ids used by sync. Each is recognised by a
// marker text in its cell of row 1, which comes with the one read of the sheet's values (no
// separate metadata lookup), and moves with the column wherever the user drags it. Versions
// before the markers found these columns by developer metadata instead (LEGACY_COLUMN_KEY): such
// a column is converted to the current form the first time it matters (adoptLegacyColumns).

export type HelperKind = 'due' | 'id';
export type HelperColumns = Partial<Record<HelperKind, number>>;

export const MARKER: Record<HelperKind, string> = { due: '⟦cluster:due⟧', id: '⟦cluster:id⟧' };

/** 1-based columns of the helper columns, found by their markers in the values read. */
export function findHelperColumns(values: readonly (readonly unknown[])[]): HelperColumns {
  const found: HelperColumns = {};
  // Row 1 first; a whole-sheet sort may have moved a marker further down.
  for (const row of values) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.charCodeAt(0) !== 0x27e6) continue;
      if (v === MARKER.due && found.due === undefined) found.due = c + 1;
      if (v === MARKER.id && found.id === undefined) found.id = c + 1;
    }
    if (found.due !== undefined && found.id !== undefined) break;
  }
  return found;
}

/** Developer-metadata key (value 'due' or 'id', on the column) of helper columns before the markers. */
export const LEGACY_COLUMN_KEY = 'cluster.column';

/**
 * Converts helper columns an earlier version left (found by LEGACY_COLUMN_KEY, no marker) to the
 * current form: the marker written in row 1 and the metadata removed. A legacy column of a kind
 * that already has a marked column is a stale leftover and is deleted. `values` (the sheet's read)
 * is updated to match; the helper columns found in it afterwards are returned. Costs a metadata
 * lookup, so callers run it only when a sign of an earlier version shows (see the callers). The
 * changes, only when there are any, are made inside `writing` (the caller's document lock).
 */
export function adoptLegacyColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  values: unknown[][],
  writing: <T>(fn: () => T) => T = (fn) => fn(),
): HelperColumns & { adopted: boolean } {
  const found = sheet.createDeveloperMetadataFinder().withKey(LEGACY_COLUMN_KEY).find();
  if (found.length === 0) return { ...findHelperColumns(values), adopted: false };
  return writing(() => convertLegacy(sheet, values, found));
}

function convertLegacy(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  values: unknown[][],
  found: GoogleAppsScript.Spreadsheet.DeveloperMetadata[],
): HelperColumns & { adopted: boolean } {
  const marked: HelperColumns & { adopted: boolean } = { ...findHelperColumns(values), adopted: true };
  const legacy: { kind: HelperKind; column: number }[] = [];
  for (const md of found) {
    const kind = md.getValue();
    const column = md.getLocation().getColumn()?.getColumn() ?? 0;
    md.remove();
    if ((kind === 'due' || kind === 'id') && column > 0) legacy.push({ kind, column });
  }
  const stale: number[] = [];
  for (const { kind, column } of legacy) {
    if (marked[kind] !== undefined) {
      if (marked[kind] !== column) stale.push(column);
      continue;
    }
    sheet.getRange(1, column).setValue(MARKER[kind]);
    if (!values[0]) values[0] = [];
    const top = values[0];
    while (top.length < column) top.push('');
    top[column - 1] = MARKER[kind];
    marked[kind] = column;
  }
  // Right to left, so the columns still to delete keep their numbers.
  for (const column of stale.sort((a, b) => b - a)) {
    sheet.deleteColumn(column);
    for (const row of values) row.splice(column - 1, 1);
  }
  return stale.length ? { ...findHelperColumns(values), adopted: true } : marked;
}

/** Inserts a hidden helper column after column `after`; returns its 1-based index. */
export function addHelperColumn(sheet: GoogleAppsScript.Spreadsheet.Sheet, after: number): number {
  sheet.insertColumnAfter(after);
  sheet.hideColumns(after + 1);
  return after + 1;
}

export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Writes one helper column from row 1 down in one call, its marker in row 1. Plain-text format
 * first where the cells hold text, so a value is never read as a date or formula.
 */
export function writeHelperColumn(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  column: number,
  kind: HelperKind,
  values: (string | number)[],
): void {
  const cells = values.map((v, i) => [i === 0 ? MARKER[kind] : v]);
  if (cells.length === 0) cells.push([MARKER[kind]]);
  const range = sheet.getRange(1, column, cells.length, 1);
  if (kind === 'id') range.setNumberFormat('@');
  range.setValues(cells);
}
