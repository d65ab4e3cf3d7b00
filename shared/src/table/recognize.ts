// Grid → documents: finds each table's header, reads its rows into items, sections and unplaced rows.
import { type DeadlineContext, noDeadline, parseDeadline, parseDeadlineColumns } from '../deadline.ts';
import { executorsRawOf, splitExecutors } from '../executors.ts';
import { parseMark } from '../mark.ts';
import { unplacedReasons } from '../messages.ts';
import type { Cell, Deadline, Document, Grid, Item, Period, ReadOptions, UnplacedRow } from '../model.ts';
import { periodFromTitle } from '../period.ts';
import { cellText, oneLine, splitLines } from '../text.ts';
import { problemsOf, setState, validationContext } from '../validate.ts';
import {
  classifyHeader,
  isColumnNumbersRow,
  MAX_HEADER_CELL,
  readHeader,
  type TableHeader,
} from './header.ts';
import { isChildNumber, isSectionText, numberFromCell, numberInTitle, readNumber } from './sections.ts';
import { findTitle, isApproval, kindOf } from './title.ts';

export interface RecognizeOptions extends ReadOptions {
  /** Title known from outside (spreadsheet or file name); used when the grid has none. */
  title?: string;
  sheetName?: string;
}

type Row = readonly Cell[];
const EMPTY_ROW: Row = [];

/**
 * Every table found in the grid, in order. Item.row is the 1-based grid row. A grid without a
 * recognisable header row gives no documents.
 */
export function recognizeTables(grid: Grid, opts: RecognizeOptions): Document[] {
  const headers = findHeaders(grid);
  const docs: Document[] = [];
  let titleFrom = 0;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    const bodyEnd = i + 1 < headers.length ? headers[i + 1].row - 1 : grid.length;
    const title = titleOf(linesOf(grid, titleFrom, h.row - 1), opts);
    const period = periodOf(title, opts);
    const body = readBody(grid, h, h.row - 1 + h.rows, bodyEnd, opts, period, i + 1 < headers.length);
    titleFrom = body.tailFrom;
    docs.push(buildDocument(title, period, h, body, opts));
  }
  return docs;
}

/** One linear pass: a row is tried as a header only when it is not an item row of the current table. */
export function findHeaders(grid: Grid): TableHeader[] {
  const found: TableHeader[] = [];
  let current: TableHeader | null = null;
  let lastItem = -1;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? EMPTY_ROW;
    if (current && isItemRow(row, current)) {
      lastItem = r;
      continue;
    }
    const h = readHeader(grid, r);
    if (h) {
      // The same header again with no title above it is a page break's repeat: same table.
      const repeat =
        current !== null && signature(h) === signature(current) && !findTitle(linesOf(grid, lastItem + 1, r));
      if (!repeat) found.push(h);
      current = h;
      r += h.rows - 1;
    }
  }
  return found;
}

/** Columns and their wording: equal for a header repeated at a page break. */
export function signature(h: TableHeader): string {
  return h.columns.map((c) => `${c.column}:${c.role}:${c.header}`).join('|');
}

/** Cheap test that a row belongs to the current table: an item number, or a title too long for a header. */
function isItemRow(row: Row, h: TableHeader): boolean {
  const { number, title } = h.index;
  if (number >= 0 && numberFromCell(cellText(row[number]))) return true;
  if (title < 0) return false;
  // A header has a header word (or nothing) where this table has its titles.
  const t = cellText(row[title]);
  return t.length > MAX_HEADER_CELL || (t.trim() !== '' && classifyHeader(t) === null);
}

/**
 * Text lines above a table, one per row. An approval block set to the right of the title
 * («План …» in A1, «УТВЕРЖДАЮ» in E1 and under it) is left out from its column on.
 */
function linesOf(grid: Grid, from: number, to: number): string[] {
  let approvalFrom = Number.POSITIVE_INFINITY;
  for (let r = from; r < to; r++) {
    const row = grid[r] ?? EMPTY_ROW;
    for (let c = 1; c < row.length && c < approvalFrom; c++) {
      if (isApproval(cellText(row[c]).trim())) approvalFrom = c;
    }
  }
  const lines: string[] = [];
  for (let r = from; r < to; r++) {
    const row = grid[r] ?? EMPTY_ROW;
    const parts: string[] = [];
    for (let c = 0; c < row.length && c < approvalFrom; c++) {
      const t = cellText(row[c]).trim();
      if (t && !parts.includes(t)) parts.push(t);
    }
    lines.push(...splitLines(parts.join(' ')));
  }
  return lines;
}

interface Body {
  items: Item[];
  unplaced: UnplacedRow[];
  firstRow: number;
  lastRow: number;
  /** 0-based row where text meant for the next table's title starts. */
  tailFrom: number;
}

interface Section {
  text: string;
  row: number;
  /** Read as a heading by its wording or numbering, not only by standing alone. */
  confirmed: boolean;
  /** An item has been placed under it. */
  used: boolean;
  /** For a numbered heading («1. Организационная работа»): only its children belong to it. */
  number?: string;
}

/** What one body row is, decided from the row alone (and the number of the item before it). */
type RowClass =
  /** Not data: a blank row, a row of column numbers, a header repeated at a page break. */
  | { kind: 'skip'; rows: number }
  /** A heading by its wording, or a number whose children follow («1. Организационная работа»). */
  | { kind: 'section'; text: string; number?: string }
  /** A lone text in the number column or alone in the title column: a heading if items follow. */
  | { kind: 'lone'; text: string }
  /** Text with neither a number nor a title. */
  | { kind: 'unplaced'; text: string }
  | { kind: 'item'; number: string | null; numberRaw: string; title: string; cells: string[] };

interface BodyContext {
  grid: Grid;
  h: TableHeader;
  /** The header's signature, to tell its repeat at a page break. */
  sig: string;
  /** Rows [from, to) of the body. */
  to: number;
}

/** Classifies row r of the body (see RowClass). */
function classifyRow(c: BodyContext, r: number, previousNumber: string | null): RowClass {
  const { grid, h } = c;
  const idx = h.index;
  const row = grid[r] ?? EMPTY_ROW;
  const texts = rowTexts(row);
  if (texts.filled === 0) return { kind: 'skip', rows: 1 };
  const numberRaw = idx.number >= 0 ? (texts.cells[idx.number] ?? '') : '';
  let number: string | null = numberRaw ? readNumber(row[idx.number], numberRaw, previousNumber) : null;
  let title = idx.title >= 0 ? (texts.cells[idx.title] ?? '') : '';
  if (idx.number < 0 && title) {
    const split = numberInTitle(title);
    if (split) [number, title] = split;
  }
  const single = texts.single;

  // A header repeated at a page break, and the row of column numbers under it, are not data.
  if (numberRaw === '1' && texts.filled >= 3 && isColumnNumbersRow(row)) return { kind: 'skip', rows: 1 };
  if (!number && texts.filled >= 2 && !isItemRow(row, h)) {
    const again = readHeader(grid, r);
    if (again && signature(again) === c.sig) return { kind: 'skip', rows: again.rows };
  }
  if (!number) {
    const joined = texts.distinct.join(' ');
    if (!hasFieldValues(texts.cells, h, single) && isSectionText(joined))
      return { kind: 'section', text: joined };
    const inNumberCol = single !== null && idx.number >= 0 && texts.cells[idx.number] === single;
    const titleOnly = single !== null && idx.number >= 0 && title === single && texts.filled === 1;
    if (inNumberCol || titleOnly) return { kind: 'lone', text: single };
    if (!title) return { kind: 'unplaced', text: texts.distinct.join(' | ') };
  } else if (!number.includes('.') && title && onlyNumberAndTitle(texts, h)) {
    const next = nextNumber(grid, r + 1, c.to, idx.number);
    if (next && isChildNumber(number, next)) return { kind: 'section', text: `${number}. ${title}`, number };
  }
  return { kind: 'item', number, numberRaw, title, cells: texts.cells };
}

/** The body read so far: each classified row is folded into it by `takeRow`. */
interface BodyState {
  items: Item[];
  unplaced: UnplacedRow[];
  section: Section | null;
  previousNumber: string | null;
  /** 0-based last row that belongs to the table (an item or a heading). */
  lastUsed: number;
}

/**
 * A lone text with nothing under it is reported; a worded heading right above another heading
 * is a parent heading (the items take the nearest one) and is reported only at the table's end.
 */
function dropSection(b: BodyState, atEnd = false): void {
  const section = b.section;
  if (!section || section.used) return;
  if (!section.confirmed)
    b.unplaced.push({ row: section.row, text: section.text, reason: unplacedReasons.lonelyText });
  else if (atEnd)
    b.unplaced.push({ row: section.row, text: section.text, reason: unplacedReasons.emptySection });
}

/** Folds row r, classified as `cls`, into the body. */
function takeRow(
  b: BodyState,
  cls: RowClass,
  r: number,
  grid: Grid,
  h: TableHeader,
  extraKeys: (string | null)[],
  ctx: DeadlineContext,
): void {
  switch (cls.kind) {
    case 'skip':
      return;
    case 'section':
      dropSection(b);
      b.section = { text: cls.text, row: r + 1, confirmed: true, used: false, number: cls.number };
      b.lastUsed = r;
      return;
    case 'lone':
      dropSection(b);
      b.section = { text: cls.text, row: r + 1, confirmed: false, used: false };
      return;
    case 'unplaced':
      b.unplaced.push({ row: r + 1, text: cls.text, reason: unplacedReasons.noNumberNoTitle });
      return;
    case 'item': {
      const { number } = cls;
      if (b.section?.number && !(number && isChildNumber(b.section.number, number))) b.section = null;
      if (b.section) b.section.used = true;
      const row = grid[r] ?? EMPTY_ROW;
      b.items.push(
        readItem(
          row,
          cls.cells,
          r + 1,
          number ?? rawNumber(cls.numberRaw),
          cls.title,
          b.section?.text ?? '',
          h,
          extraKeys,
          ctx,
        ),
      );
      if (number) b.previousNumber = number;
      b.lastUsed = r;
    }
  }
}

/** The table's body: each row classified, then folded into items, headings and unplaced rows. */
function readBody(
  grid: Grid,
  h: TableHeader,
  from: number,
  to: number,
  opts: RecognizeOptions,
  period: Period | null,
  more: boolean,
): Body {
  const c: BodyContext = { grid, h, sig: signature(h), to };
  const extraKeys = extraKeysOf(h);
  const ctx = deadlineContext(opts, period);
  const b: BodyState = { items: [], unplaced: [], section: null, previousNumber: null, lastUsed: from - 1 };
  let r = from;
  // Skip a row of column numbers (1 | 2 | 3 …) right under the header.
  while (r < to && isBlank(grid[r])) r++;
  if (r < to && isColumnNumbersRow(grid[r] ?? EMPTY_ROW)) r++;
  while (r < to) {
    const cls = classifyRow(c, r, b.previousNumber);
    takeRow(b, cls, r, grid, h, extraKeys, ctx);
    r += cls.kind === 'skip' ? cls.rows : 1;
  }
  dropSection(b, true);
  // With another table below, trailing loose lines belong to its title block.
  const { items, lastUsed } = b;
  const tailFrom = more ? lastUsed + 1 : to;
  const kept = more ? b.unplaced.filter((u) => u.row <= lastUsed + 1) : b.unplaced;
  kept.sort((a, x) => a.row - x.row);
  return {
    items,
    unplaced: kept,
    firstRow: items.length ? items[0].row : from + 1,
    lastRow: items.length ? items[items.length - 1].row : from,
    tailFrom,
  };
}

function deadlineContext(opts: RecognizeOptions, period: Period | null): DeadlineContext {
  return period
    ? { period }
    : { period: null, defaultYear: Number(opts.today.slice(0, 4)), referenceDate: opts.today };
}

interface RowTexts {
  cells: string[];
  filled: number;
  /** The one text every filled cell holds (a merged row), or null. */
  single: string | null;
  /** Distinct texts in column order; joined only for the few rows that are not items. */
  distinct: string[];
}

function rowTexts(row: Row): RowTexts {
  const cells: string[] = new Array(row.length);
  let filled = 0;
  const distinct: string[] = [];
  for (let c = 0; c < row.length; c++) {
    const t = oneLine(cellText(row[c]));
    cells[c] = t;
    if (!t) continue;
    filled++;
    if (!distinct.includes(t)) distinct.push(t);
  }
  return { cells, filled, single: distinct.length === 1 ? distinct[0] : null, distinct };
}

function isBlank(row: Row | undefined): boolean {
  if (!row) return true;
  for (const cell of row) if (cellText(cell).trim()) return false;
  return true;
}

/** Any of executors/deadline/result/mark filled with text of its own (not a merged repeat). */
function hasFieldValues(cells: string[], h: TableHeader, single: string | null): boolean {
  const { executors, deadline, start, end, result, mark } = h.index;
  for (const c of [executors, deadline, start, end, result, mark]) {
    if (c >= 0 && cells[c] && cells[c] !== single) return true;
  }
  return false;
}

function onlyNumberAndTitle(texts: RowTexts, h: TableHeader): boolean {
  let n = 0;
  if (texts.cells[h.index.number]) n++;
  if (texts.cells[h.index.title]) n++;
  return texts.filled === n;
}

/** The item number of the next filled row (bounded look-ahead past blank rows). */
function nextNumber(grid: Grid, from: number, to: number, col: number): string | null {
  for (let r = from; r < to && r < from + 10; r++) {
    const row = grid[r] ?? EMPTY_ROW;
    if (isBlank(row)) continue;
    return numberFromCell(cellText(row[col]));
  }
  return null;
}

/** A number cell that is not an outline number («1а», «*») is still the item's number as written. */
function rawNumber(text: string): string {
  return text.replace(/\.$/, '');
}

/** Key in Item.extra for each column: its header for unknown columns, «Столбец N» for unnamed ones, null for known roles. */
function extraKeysOf(h: TableHeader): (string | null)[] {
  const width = h.columns.reduce((w, c) => Math.max(w, c.column), 0);
  const keys: (string | null)[] = [];
  for (let c = 0; c < width; c++) keys.push(`Столбец ${c + 1}`);
  for (const col of h.columns) keys[col.column - 1] = col.role === 'extra' ? col.header : null;
  return keys;
}

function readItem(
  row: Row,
  cells: string[],
  rowNo: number,
  number: string,
  title: string,
  task: string,
  h: TableHeader,
  extraKeys: (string | null)[],
  ctx: DeadlineContext,
): Item {
  const idx = h.index;
  const at = (c: number): Cell => (c >= 0 ? (row[c] ?? null) : null);
  const text = (c: number): string => (c >= 0 ? (cells[c] ?? '') : '');
  let deadline: Deadline;
  // A start column next to a plain deadline column («Дата начала» | «Срок»): the deadline is the end.
  const endCol = idx.end >= 0 ? idx.end : idx.deadline;
  if ((idx.start >= 0 || idx.end >= 0) && (text(idx.start) || text(endCol) || idx.deadline < 0)) {
    deadline = parseDeadlineColumns(at(idx.start), at(endCol), ctx);
  } else deadline = parseDeadline(at(idx.deadline), ctx);
  const rawExecutors = idx.executors >= 0 ? cellText(row[idx.executors]) : '';
  const executors = splitExecutors(rawExecutors);
  const item: Item = {
    row: rowNo,
    number,
    task,
    title,
    executors,
    deadline,
    result: text(idx.result),
    // The plan period gives «перенесено на май» its year, as it does to the deadline.
    mark: parseMark(at(idx.mark), ctx),
    state: 'unknown',
    problems: [],
  };
  const executorsRaw = executorsRawOf(rawExecutors, executors);
  if (executorsRaw !== undefined) item.executorsRaw = executorsRaw;
  const extra: Record<string, string> = {};
  let hasExtra = false;
  // Unknown and unnamed columns, and cells right of the header, are kept rather than lost.
  for (let c = 0; c < cells.length; c++) {
    if (!cells[c]) continue;
    const key = c < extraKeys.length ? extraKeys[c] : `Столбец ${c + 1}`;
    if (key === null) continue;
    extra[key] = cells[c];
    hasExtra = true;
  }
  if (hasExtra) item.extra = extra;
  return item;
}

function titleOf(lines: string[], opts: RecognizeOptions): string {
  return findTitle(lines) || oneLine(opts.title ?? '') || oneLine(opts.sheetName ?? '');
}

/** The user's period wins; else the one the title names. */
function periodOf(title: string, opts: RecognizeOptions): Period | null {
  return (
    opts.period ??
    periodFromTitle(title) ??
    (opts.title ? periodFromTitle(opts.title) : null) ??
    (opts.sheetName ? periodFromTitle(opts.sheetName) : null)
  );
}

function buildDocument(
  title: string,
  period: Period | null,
  h: TableHeader,
  body: Body,
  opts: RecognizeOptions,
): Document {
  const kind = kindOf(title, h.decisions, [opts.title, opts.sheetName]);
  if (!expectsDeadlines(kind))
    for (const item of body.items) if (isEmptyDeadline(item.deadline)) item.deadline = noDeadline();
  const items = finishItems(body.items, h, period, opts);
  const doc: Document = {
    title,
    kind,
    period,
    items,
    unplaced: body.unplaced,
    table: tableOf(h, body.firstRow, body.lastRow),
  };
  return doc;
}

/** Plans and roadmaps give every item a deadline; decisions may set none. */
export function expectsDeadlines(kind: Document['kind']): boolean {
  return kind !== 'protocol' && kind !== 'decisions_register';
}

function isEmptyDeadline(d: Deadline): boolean {
  return d.kind === 'unknown' && d.raw === '' && d.note === undefined;
}

function finishItems(items: Item[], h: TableHeader, period: Period | null, opts: RecognizeOptions): Item[] {
  const ctx = validationContext({ period, table: tableOf(h, 0, 0) });
  // The items are fresh: set problems and state in place rather than copying 10,000 objects twice.
  const problems = problemsOf(items, ctx);
  for (let i = 0; i < items.length; i++) items[i].problems = problems[i];
  return setState(items, { today: opts.today, soonDays: opts.soonDays, period });
}

function tableOf(h: TableHeader, firstRow: number, lastRow: number): NonNullable<Document['table']> {
  return { headerRow: h.row, headerRows: h.rows, firstRow, lastRow, columns: h.columns };
}
