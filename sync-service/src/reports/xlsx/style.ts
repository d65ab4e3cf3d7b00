// Cell styles, sheet setup and value helpers shared by the report's sheets.
import { HEADER_FILL, STATE_FILL, type TallyKey } from '@cluster/shared';
import type ExcelJS from 'exceljs';
import { headerWidth, textLines } from './text-lines.ts';

export const DATE_FORMAT = 'DD.MM.YYYY';
export const DATE_TIME_FORMAT = 'DD.MM.YYYY HH:MM';
/** Excel keeps at most this many characters in a cell. */
const MAX_CELL_TEXT = 32_767;

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
export const solidFill = (hex: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: argb(hex) },
});

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFB7B7B7' } };
const borders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Every styled cell names its font: a cell whose font has no name prints in LibreOffice's default,
 * a serif. Calibri 11 is Excel's default and what the row-height estimate is measured with; where
 * it is missing, LibreOffice takes Carlito (same metrics) or a sans-serif.
 */
export const FONT_NAME = 'Calibri';
export const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
  name: FONT_NAME,
  size: 11,
  ...extra,
});
const PLAIN_FONT = font();
const BOLD_FONT = font({ bold: true });

export const HEADER: Partial<ExcelJS.Style> = {
  font: BOLD_FONT,
  fill: solidFill(HEADER_FILL),
  alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
  border: borders,
};
/** A list's group heading (a document) and sub-heading (its section), merged over the table. */
export const GROUP: Partial<ExcelJS.Style> = {
  font: font({ bold: true, size: 12 }),
  fill: solidFill('#E7EEF7'),
  alignment: { wrapText: true, vertical: 'middle' },
  border: borders,
};
export const SECTION: Partial<ExcelJS.Style> = {
  font: font({ bold: true, italic: true }),
  alignment: { wrapText: true, vertical: 'top' },
  border: borders,
};
export const TEXT: Partial<ExcelJS.Style> = {
  font: PLAIN_FONT,
  alignment: { wrapText: true, vertical: 'top' },
  border: borders,
};
export const DATE: Partial<ExcelJS.Style> = {
  font: PLAIN_FONT,
  numFmt: DATE_FORMAT,
  alignment: { vertical: 'top', horizontal: 'center' },
  border: borders,
};
export const DATE_TIME: Partial<ExcelJS.Style> = {
  font: PLAIN_FONT,
  numFmt: DATE_TIME_FORMAT,
  alignment: { vertical: 'top', horizontal: 'center' },
  border: borders,
};
export const INTEGER: Partial<ExcelJS.Style> = {
  font: PLAIN_FONT,
  numFmt: '0',
  alignment: { vertical: 'top' },
  border: borders,
};
/** A КИД's change, in percentage points (signed). */
export const KID_CHANGE: Partial<ExcelJS.Style> = {
  ...INTEGER,
  numFmt: '+0.0" п.п.";−0.0" п.п.";0.0" п.п."',
};

export const PERCENT: Partial<ExcelJS.Style> = {
  font: PLAIN_FONT,
  numFmt: '0%',
  alignment: { vertical: 'top' },
  border: borders,
};

const stateStyles = new Map<TallyKey, Partial<ExcelJS.Style>>();
/** The state cell's style: the add-in's colour for that state. */
export function stateStyle(state: TallyKey): Partial<ExcelJS.Style> {
  let style = stateStyles.get(state);
  if (!style) {
    style = { ...TEXT, fill: solidFill(STATE_FILL[state]) };
    stateStyles.set(state, style);
  }
  return style;
}

/** A bold cell (totals rows), in the style of its column otherwise. */
export function bold(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  return { ...style, font: BOLD_FONT };
}

/** ISO date → a Date at UTC midnight (exceljs writes it as the serial of that day); null stays empty. */
export function dateValue(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  return new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)));
}

/**
 * User text as a cell value. exceljs writes every JS string as a string cell (never a formula:
 * `=1+1` stays the text «=1+1»), so the only care needed is Excel's length limit.
 */
export function text(value: string | null | undefined): string {
  if (!value) return '';
  return value.length > MAX_CELL_TEXT ? `${value.slice(0, MAX_CELL_TEXT - 1)}…` : value;
}

/**
 * A text with line breaks as an inline rich-text cell (`<is>`): exceljs writes a plain string as a
 * formula-string cell (`t="str"`), whose line breaks LibreOffice prints as nothing, while an inline
 * string keeps them (wrapText then shows each line). Other values stay as they are.
 */
export function lines<T>(value: T): T | ExcelJS.CellRichTextValue {
  return typeof value === 'string' && value.includes('\n') ? { richText: [{ text: value }] } : value;
}

export interface Column {
  header: string;
  width: number;
  style: Partial<ExcelJS.Style>;
}

export interface SheetSetup {
  /** Row of the column headers (1 unless a title block sits above). */
  headerRow: number;
  /** Footer's left part, e.g. «Сводный отчёт на 01.11.2021». */
  footer: string;
  /** Keep the rows above the header in view (default); off for a sheet that reads as a page. */
  frozen?: boolean;
}

/** Frozen header, landscape A4 fitted to the page width, repeated header row, page numbers. */
export function sheetOptions(setup: SheetSetup): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views:
      setup.frozen === false
        ? [{ state: 'normal', activeCell: 'A1' }]
        : [{ state: 'frozen', ySplit: setup.headerRow, xSplit: 0, activeCell: `A${setup.headerRow + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${setup.headerRow}:${setup.headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.3 },
    },
    headerFooter: {
      oddFooter: `&L${setup.footer.replace(/&/g, '&&')}&CСтраница &P из &N&R&A`,
    },
  };
}

/** Columns widened where a header's longest word would not fit on a line in bold. */
export function fitHeaders(columns: readonly Column[]): Column[] {
  return columns.map((c) => ({ ...c, width: headerWidth(c.header, c.width) }));
}

/** Sets column widths (see fitHeaders) and writes the header row. */
export function writeHeader(sheet: ExcelJS.Worksheet, columns: readonly Column[], headerRow: number): void {
  const fitted = fitHeaders(columns);
  sheet.columns = fitted.map((c) => ({ width: c.width }));
  const row = sheet.getRow(headerRow);
  fitted.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.value = c.header;
    cell.style = HEADER;
  });
  const height = wrappedHeight(
    fitted.map((c) => c.header),
    fitted,
    true,
  );
  row.height = Math.max(30, height ?? 0);
  row.commit();
}

/** Column letter of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Points per wrapped line (Calibri 11 in Excel needs ~14.3, DejaVu Sans in LibreOffice ~12.9), plus a margin. */
const LINE_HEIGHT = 14;
const ROW_MARGIN = 2;
const MAX_ROW_HEIGHT = 409;

/**
 * Row height for wrapped text: neither Excel nor LibreOffice grows a row to fit its text when
 * opening a file, so the height is estimated from the cell that takes the most lines.
 */
export function wrappedHeight(
  values: readonly unknown[],
  columns: readonly Column[],
  bold = false,
): number | undefined {
  // Texts repeat down a column (a document's title on each of its items): the last one is kept.
  let last = lastLines.get(columns);
  if (!last) {
    last = { texts: [], lines: [] };
    lastLines.set(columns, last);
  }
  let lines = 1;
  for (let i = 0; i < columns.length; i++) {
    const v = values[i];
    if (typeof v !== 'string' || v === '') continue;
    let n: number;
    if (bold) n = textLines(v, columns[i].width, true);
    else if (last.texts[i] === v) n = last.lines[i];
    else {
      n = textLines(v, columns[i].width);
      last.texts[i] = v;
      last.lines[i] = n;
    }
    if (n > lines) lines = n;
  }
  return lines > 1 ? Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_MARGIN) : undefined;
}

/** Height of a row holding `text` in `width` (a heading over merged columns); undefined for one line. */
export function textHeight(text: string, width: number, bold = false): number | undefined {
  const lines = textLines(text, width, bold);
  return lines > 1 ? Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_MARGIN) : undefined;
}

const lastLines = new WeakMap<readonly Column[], { texts: string[]; lines: number[] }>();

/**
 * The style of every row (cells carry their own). exceljs gives each new row a fresh `{}`, which
 * misses its style cache and costs a style lookup by XML per row; one shared object hits it.
 */
const ROW_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/**
 * Adds a row with each cell in its column's style, and a height that fits its wrapped text.
 * The style objects are shared on purpose: exceljs caches a style's id by object identity, so
 * sharing spares it rebuilding the style's XML for every cell (column styles would be copied).
 */
export function addStyledRow(
  sheet: ExcelJS.Worksheet,
  values: readonly unknown[],
  columns: readonly Column[],
): ExcelJS.Row {
  const row = sheet.addRow(values.map(lines));
  // exceljs keeps the row's style and cells in untyped fields; a cell the values made is styled
  // directly (getCell would check its address again).
  const internals = row as unknown as { style: Partial<ExcelJS.Style>; _cells: (ExcelJS.Cell | undefined)[] };
  internals.style = ROW_STYLE;
  const cells = internals._cells;
  for (let i = 0; i < columns.length; i++) (cells[i] ?? row.getCell(i + 1)).style = columns[i].style;
  const height = wrappedHeight(values, columns);
  if (height) row.height = height;
  return row;
}

/** An empty sheet says so in one line instead of printing a table's header alone. */
/** A sheet with nothing to list: its one line, no header (a header over no rows prints a page of nothing). */
export function addEmptySheet(
  workbook: Pick<ExcelJS.Workbook, 'addWorksheet'>,
  name: string,
  footer: string,
  note: string,
): void {
  const sheet = workbook.addWorksheet(name, sheetOptions({ headerRow: 1, footer, frozen: false }));
  sheet.columns = [{ width: 100 }];
  writeEmptyNote(sheet, note);
  sheet.commit();
}

export function writeEmptyNote(sheet: ExcelJS.Worksheet, note: string): void {
  const row = sheet.getRow(1);
  row.getCell(1).value = note;
  row.getCell(1).style = { font: font({ italic: true }), alignment: { vertical: 'top' } };
  row.commit();
}
