// The add-in's own hidden columns at the right edge of a sheet, found by developer metadata on the
// column (so they are found again wherever the user moves them): 'due' holds each item row's
// effective due date for the highlighting rules, 'id' holds the stable row ids used by sync.
// Insert, move and sort carry these cells with their rows, so row identity survives them.

export const COLUMN_KEY = 'cluster.column';
export type HelperKind = 'due' | 'id';
export type HelperColumns = Partial<Record<HelperKind, number>>;

/** 1-based columns of the add-in's helper columns on `sheet`. */
export function findHelperColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet): HelperColumns {
  const found: HelperColumns = {};
  for (const md of sheet.createDeveloperMetadataFinder().withKey(COLUMN_KEY).find()) {
    const kind = md.getValue();
    const column = md.getLocation().getColumn();
    if ((kind === 'due' || kind === 'id') && column) found[kind] = column.getColumn();
  }
  return found;
}

/** Adds a hidden helper column after the last column of the sheet; returns its 1-based index. */
export function addHelperColumn(sheet: GoogleAppsScript.Spreadsheet.Sheet, kind: HelperKind): number {
  const after = sheet.getMaxColumns();
  sheet.insertColumnAfter(after);
  const column = after + 1;
  const letter = columnLetter(column);
  sheet.getRange(`${letter}:${letter}`).addDeveloperMetadata(COLUMN_KEY, kind);
  sheet.hideColumns(column);
  return column;
}

export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Writes one helper column from row 1 down to `values.length` in one call. */
export function writeHelperColumn(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  column: number,
  values: (string | number)[],
): void {
  if (values.length === 0) return;
  sheet.getRange(1, column, values.length, 1).setValues(values.map((v) => [v]));
}
