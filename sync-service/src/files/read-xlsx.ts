// .xlsx → one grid per sheet, cells as the domain core expects them (see Cell in @cluster/shared):
// plain strings, numbers, booleans, Dates (UTC) or null. Row N of the sheet is grid[N-1].
import type { Cell, Grid } from '@cluster/shared';
import ExcelJS from 'exceljs';

export interface SheetGrid {
  sheetName: string;
  /** 'visible' | 'hidden' | 'veryHidden' as the workbook says. */
  state: string;
  grid: Grid;
}

/** Reads a workbook from a path or from its bytes. Throws what exceljs throws (see readDocumentsFromFile). */
export async function readWorkbookGrids(source: string | Uint8Array | ArrayBuffer): Promise<SheetGrid[]> {
  const workbook = new ExcelJS.Workbook();
  if (typeof source === 'string') await workbook.xlsx.readFile(source);
  else {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    // exceljs' typings want a Node Buffer; a view on the same memory avoids a copy.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  }
  return workbook.worksheets.map((ws) => ({
    sheetName: ws.name,
    state: ws.state ?? 'visible',
    grid: sheetGrid(ws),
  }));
}

/** The sheet as a rectangular grid, trailing empty rows and columns trimmed. */
export function sheetGrid(ws: ExcelJS.Worksheet): Grid {
  const grid: Cell[][] = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const value = cellValue(cell);
      if (value === null) return;
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = value;
    });
    if (cells.length === 0) return;
    grid[rowNumber - 1] = cells;
    if (cells.length > width) width = cells.length;
  });
  // Rectangular, like getValues(): pad in place rather than copying every row.
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    while (cells.length < width) cells.push(null);
    grid[r] = cells;
  }
  return grid;
}

/** One cell's plain value. Cells covered by a merge (not its top-left master) are null. */
export function cellValue(cell: ExcelJS.Cell): Cell {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  return plain(cell.value);
}

function plain(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return isBlank(value) ? null : value;
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('richText' in value) return nonBlank(value.richText.map((run) => run.text).join(''));
  if ('error' in value) return null;
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return typeof text === 'string' ? nonBlank(text) : plain(text as ExcelJS.CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return plain((value as { result?: ExcelJS.CellValue }).result);
  }
  return null;
}

function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

function nonBlank(text: string): string | null {
  return isBlank(text) ? null : text;
}
