import { shiftFormula } from './formula.ts';

// The in-memory spreadsheet behind the SpreadsheetApp fake: plain data, so tests can compare the
// user's formatting byte for byte (JSON) before and after an action.

export interface ValidationSpec {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface CellData {
  value: unknown;
  background: string | null;
  fontColor: string | null;
  note: string;
  validation: ValidationSpec | null;
  fontWeight: string | null;
  fontSize: number | null;
  wrap: boolean | null;
  verticalAlignment: string | null;
  /** Number format; '@' is plain text (what is typed or set stays text). */
  numberFormat: string | null;
  /** A formula the cell holds (set by typing or setValues text starting with '='). */
  formula: string | null;
}

export interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface RuleSpec {
  criteria: string;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold?: boolean | null;
  italic?: boolean | null;
  strikethrough?: boolean | null;
  underline?: boolean | null;
  ranges: Box[];
}

export type MetadataLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheetId: number }
  | { type: 'COLUMN'; sheetId: number; column: number }
  | { type: 'ROW'; sheetId: number; row: number };

export interface MetadataSpec {
  id: number;
  key: string;
  value: string | null;
  location: MetadataLocation;
}

export const emptyCell = (): CellData => ({
  value: '',
  background: null,
  fontColor: null,
  note: '',
  validation: null,
  fontWeight: null,
  fontSize: null,
  wrap: null,
  verticalAlignment: null,
  numberFormat: null,
  formula: null,
});

export class SheetModel {
  name: string;
  readonly id: number;
  maxRows: number;
  maxColumns: number;
  /** rows[r-1][c-1]; missing entries are empty cells. */
  rows: (CellData | undefined)[][] = [];
  merges: Box[] = [];
  rules: RuleSpec[] = [];
  frozenRows = 0;
  columnWidths: Record<number, number> = {};
  hiddenColumns: number[] = [];

  constructor(name: string, id: number, maxRows = 1000, maxColumns = 26) {
    this.name = name;
    this.id = id;
    this.maxRows = maxRows;
    this.maxColumns = maxColumns;
  }

  cell(row: number, column: number): CellData | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  edit(row: number, column: number): CellData {
    if (row > this.maxRows || column > this.maxColumns || row < 1 || column < 1)
      throw new Error(
        `Exception: Range (${row},${column}) is outside the sheet «${this.name}» (${this.maxRows}×${this.maxColumns})`,
      );
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    let c = r[column - 1];
    if (!c) {
      c = emptyCell();
      r[column - 1] = c;
    }
    return c;
  }

  value(row: number, column: number): unknown {
    return this.cell(row, column)?.value ?? '';
  }

  /** Last row and column holding a value (as Sheets' getLastRow/getLastColumn). */
  extent(): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        if (row[c] && row[c]?.value !== '' && row[c]?.value !== null) {
          if (r + 1 > rows) rows = r + 1;
          if (c + 1 > columns) columns = c + 1;
        }
      }
    }
    return { rows, columns };
  }

  insertColumnsAfter(after: number, n: number, meta: MetadataSpec[]): void {
    for (const row of this.rows)
      if (row && row.length > after) row.splice(after, 0, ...new Array<undefined>(n));
    this.maxColumns += n;
    const shift = (b: Box): void => {
      if (b.column > after) b.column += n;
      else if (b.column + b.columns - 1 > after) b.columns += n;
    };
    for (const m of this.merges) shift(m);
    for (const r of this.rules) for (const b of r.ranges) shift(b);
    this.shiftRuleFormulas((c, r) => [c > after ? c + n : c, r]);
    this.hiddenColumns = this.hiddenColumns.map((c) => (c > after ? c + n : c));
    for (const m of meta)
      if (m.location.type === 'COLUMN' && m.location.sheetId === this.id && m.location.column > after)
        m.location.column += n;
  }

  deleteColumns(column: number, n: number, meta: MetadataSpec[]): MetadataSpec[] {
    for (const row of this.rows) if (row && row.length >= column) row.splice(column - 1, n);
    this.maxColumns -= n;
    const last = column + n - 1;
    const shift = (b: Box): boolean => {
      const end = b.column + b.columns - 1;
      if (b.column > last) b.column -= n;
      else if (end >= column) {
        const cut = Math.min(end, last) - Math.max(b.column, column) + 1;
        b.columns -= cut;
        if (b.column > column) b.column = column;
      }
      return b.columns > 0;
    };
    this.merges = this.merges.filter(shift);
    for (const r of this.rules) r.ranges = r.ranges.filter(shift);
    this.rules = this.rules.filter((r) => r.ranges.length > 0);
    this.shiftRuleFormulas((c, r) => [c > last ? c - n : c, r]);
    this.hiddenColumns = this.hiddenColumns
      .filter((c) => c < column || c > last)
      .map((c) => (c > last ? c - n : c));
    const widths: Record<number, number> = {};
    for (const [k, w] of Object.entries(this.columnWidths)) {
      const c = Number(k);
      if (c < column) widths[c] = w;
      else if (c > last) widths[c - n] = w;
    }
    this.columnWidths = widths;
    return meta.filter((m) => {
      if (m.location.type !== 'COLUMN' || m.location.sheetId !== this.id) return true;
      if (m.location.column >= column && m.location.column <= last) return false;
      if (m.location.column > last) m.location.column -= n;
      return true;
    });
  }

  /** A user inserting `n` empty rows before `before` (rules and merges below move down). */
  insertRowsBefore(before: number, n: number, meta: MetadataSpec[]): void {
    this.rows.splice(
      before - 1,
      0,
      ...new Array<(CellData | undefined)[]>(n).fill(undefined as never).map(() => []),
    );
    this.maxRows += n;
    const shift = (b: Box): void => {
      if (b.row >= before) b.row += n;
      else if (b.row + b.rows - 1 >= before) b.rows += n;
    };
    for (const m of this.merges) shift(m);
    for (const r of this.rules) for (const b of r.ranges) shift(b);
    this.shiftRuleFormulas((c, r) => [c, r >= before ? r + n : r]);
    for (const m of meta)
      if (m.location.type === 'ROW' && m.location.sheetId === this.id && m.location.row >= before)
        m.location.row += n;
  }

  private shiftRuleFormulas(fn: (column: number, row: number) => [number, number]): void {
    for (const r of this.rules)
      if (r.criteria === 'CUSTOM_FORMULA') r.values = [shiftFormula(String(r.values[0]), fn)];
  }

  /** «Сортировать диапазон» on a selection: only the cells inside `box` move, by `column` (1-based in the sheet). */
  sortRange(box: Box, column: number, ascending = true): void {
    const rows: (CellData | undefined)[][] = [];
    for (let r = box.row; r < box.row + box.rows; r++) {
      const cells: (CellData | undefined)[] = [];
      for (let c = box.column; c < box.column + box.columns; c++) cells.push(this.cell(r, c));
      rows.push(cells);
    }
    const key = (cells: (CellData | undefined)[]): unknown => cells[column - box.column]?.value ?? '';
    const order = rows
      .map((cells, i) => ({ cells, i }))
      .sort((a, b) => compareCells(key(a.cells), key(b.cells), ascending) || a.i - b.i);
    order.forEach(({ cells }, k) => {
      for (let c = 0; c < box.columns; c++) this.put(box.row + k, box.column + c, cells[c]);
    });
  }

  /** A filter over `box` (header in its first row) sorted by `column`: rows move inside the filter's columns only. */
  filterSort(box: Box, column: number, ascending = true): void {
    this.sortRange(
      { row: box.row + 1, column: box.column, rows: box.rows - 1, columns: box.columns },
      column,
      ascending,
    );
  }

  /** Cut `from` and paste at (row, column): the cells move, the source is left empty. */
  cutPaste(from: Box, row: number, column: number): void {
    const moved: (CellData | undefined)[][] = [];
    for (let r = 0; r < from.rows; r++) {
      moved.push([]);
      for (let c = 0; c < from.columns; c++) {
        moved[r].push(this.cell(from.row + r, from.column + c));
        this.put(from.row + r, from.column + c, undefined);
      }
    }
    moved.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        this.put(row + r, column + c, cell);
      });
    });
  }

  /** A row copied (all of it, hidden columns too) and pasted into a new row inserted below it. */
  duplicateRow(row: number, meta: MetadataSpec[]): void {
    this.insertRowsBefore(row + 1, 1, meta);
    const source = this.rows[row - 1] ?? [];
    this.rows[row] = source.map((c) => (c ? structuredClone(c) : undefined));
  }

  private put(row: number, column: number, cell: CellData | undefined): void {
    this.rows[row - 1] ??= [];
    this.rows[row - 1][column - 1] = cell;
  }

  /** A user dragging row `from` to sit before row `to` (1-based, as in the sheet before the move). */
  moveRow(from: number, to: number): void {
    const [row] = this.rows.splice(from - 1, 1);
    const target = to > from ? to - 2 : to - 1;
    this.rows.splice(target, 0, row ?? []);
  }
}

export class SpreadsheetModel {
  id = '1FakeSpreadsheetId';
  name: string;
  timeZone: string;
  /** The spreadsheet's locale: how typed text (and setValues text) is read as numbers and dates. */
  locale = 'ru_RU';
  sheets: SheetModel[] = [];
  activeSheetId = 0;
  active: Box = { row: 1, column: 1, rows: 1, columns: 1 };
  metadata: MetadataSpec[] = [];
  private nextSheetId = 0;
  private nextMetaId = 1;

  constructor(name = 'Таблица кластера', timeZone = 'Europe/Moscow') {
    this.name = name;
    this.timeZone = timeZone;
  }

  addSheet(name: string, at?: number): SheetModel {
    if (this.sheets.some((s) => s.name === name))
      throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
    const s = new SheetModel(name, this.nextSheetId);
    this.nextSheetId += 1 + (Math.floor(this.nextSheetId * 7919) % 1000);
    if (at === undefined) this.sheets.push(s);
    else this.sheets.splice(at, 0, s);
    if (this.sheets.length === 1) this.activeSheetId = s.id;
    return s;
  }

  sheet(id: number): SheetModel {
    const s = this.sheets.find((x) => x.id === id);
    if (!s) throw new Error(`Exception: sheet ${id} no longer exists`);
    return s;
  }

  activeSheet(): SheetModel {
    return this.sheet(this.activeSheetId);
  }

  /** «Создать копию» of a sheet: cells, rules, merges and its developer metadata copied to a new sheet after it. */
  duplicateSheet(id: number): SheetModel {
    const from = this.sheet(id);
    const copy = this.addSheet(`Копия ${from.name}`, this.sheets.indexOf(from) + 1);
    copy.maxRows = from.maxRows;
    copy.maxColumns = from.maxColumns;
    copy.rows = structuredClone(from.rows);
    copy.merges = structuredClone(from.merges);
    copy.rules = structuredClone(from.rules);
    copy.frozenRows = from.frozenRows;
    copy.columnWidths = { ...from.columnWidths };
    copy.hiddenColumns = [...from.hiddenColumns];
    for (const m of [...this.metadata])
      if (m.location.type !== 'SPREADSHEET' && m.location.sheetId === id)
        this.addMetadata(m.key, m.value, { ...m.location, sheetId: copy.id });
    return copy;
  }

  addMetadata(key: string, value: string | null, location: MetadataLocation): MetadataSpec {
    const m = { id: this.nextMetaId++, key, value, location };
    this.metadata.push(m);
    return m;
  }
}

/** A date cell as Sheets holds it: midnight of that calendar day in the spreadsheet's zone. */
export function dateCell(iso: string, timeZone: string): Date {
  const utc = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  const offset = zoneOffsetMs(new Date(utc), timeZone);
  return new Date(utc - offset);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock (year … second, 24 h) of instant `d` in `timeZone`, as Intl parts. */
export function wallClockParts(d: Date, timeZone: string): Intl.DateTimeFormatPart[] {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  return format.formatToParts(d);
}

/** Offset of `timeZone` from UTC at instant `d`, in ms. */
export function zoneOffsetMs(d: Date, timeZone: string): number {
  const parts = wallClockParts(d, timeZone);
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(d.getTime() / 1000) * 1000;
}

/** Sheets' sort order: numbers and dates before text, text case-insensitively, empty cells last. */
function compareCells(a: unknown, b: unknown, ascending: boolean): number {
  const rank = (v: unknown): number =>
    v === '' || v === null || v === undefined ? 2 : typeof v === 'string' ? 1 : 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) === 2) return 0;
  const time = (v: unknown): unknown =>
    Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).getTime() : v;
  const x = time(a);
  const y = time(b);
  const d =
    typeof x === 'string' || typeof y === 'string'
      ? String(x).localeCompare(String(y), 'ru', { sensitivity: 'base', numeric: true })
      : Number(x) - Number(y);
  return ascending ? d : -d;
}
