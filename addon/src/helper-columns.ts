// The add-in's own hidden columns, after the user's data: 'due' holds each item row's effective due
// date for the highlighting rules, 'id' the stable row ids used by sync. Each is recognised by a
// marker text in its cell of row 1, which comes with the one read of the sheet's values (no
// separate metadata lookup), and moves with the column wherever the user drags it.

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
