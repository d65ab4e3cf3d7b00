// .xlsx → one grid per sheet, cells as the domain core expects them (see Cell in @cluster/shared):
// plain strings, numbers, booleans, Dates (UTC) or null. Row N of the sheet is grid[N-1].
// Streamed: the sheet XML goes through a SAX parser straight into the grid, so memory grows with
// the cells that hold values, and every limit (rows, columns, cells) is checked as cells arrive.
// The used range comes from those cells, never from <dimension> or the largest address.
import type { Cell, Grid } from '@cluster/shared';
import type { SaxesTagPlain } from 'saxes';
import { DEFAULT_LIMITS, overLimit, type ReadLimits } from './limits.ts';
import { isDateFormat } from './number-formats.ts';
import { parseMember, parseText } from './xml.ts';
import { ZipArchive } from './zip.ts';

export interface SheetGrid {
  sheetName: string;
  /** 'visible' | 'hidden' | 'veryHidden' as the workbook says. */
  state: string;
  grid: Grid;
}

export interface SheetInfo {
  sheetName: string;
  state: string;
  /** The member holding the sheet's XML. */
  part: string;
}

export interface WorkbookReadOptions {
  /** Display name used in messages. */
  file?: string;
  limits?: ReadLimits;
  /** Which sheets to read (default: all); the others are listed but not parsed. */
  pick?: (sheets: SheetInfo[]) => SheetInfo[];
}

export interface Workbook {
  sheets: SheetInfo[];
  grids: SheetGrid[];
}

/** Reads a workbook from a path or from its bytes; every failure is a FileReadError. */
export async function readWorkbook(
  source: string | Uint8Array | ArrayBuffer,
  opts: WorkbookReadOptions = {},
): Promise<Workbook> {
  const file = opts.file ?? (typeof source === 'string' ? source : 'книга');
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const bytes = typeof source === 'string' || source instanceof Uint8Array ? source : new Uint8Array(source);
  const zip = await ZipArchive.open(bytes, file, limits, 'книгу Excel');
  try {
    const book = await readBookParts(zip);
    const chosen = opts.pick ? opts.pick(book.sheets) : book.sheets;
    const counter = { cells: 0 };
    const grids: SheetGrid[] = [];
    for (const sheet of chosen) {
      const grid = await readSheet(zip, sheet, book, limits, counter);
      grids.push({ sheetName: sheet.sheetName, state: sheet.state, grid });
    }
    return { sheets: book.sheets, grids };
  } finally {
    zip.close();
  }
}

/** Every sheet of the workbook as a grid (the older entry point; tests and tools use it). */
export async function readWorkbookGrids(source: string | Uint8Array | ArrayBuffer): Promise<SheetGrid[]> {
  return (await readWorkbook(source)).grids;
}

interface BookParts {
  sheets: SheetInfo[];
  strings: string[];
  /** Per style index (the cell's `s`): whether its number format shows a date. */
  dateStyles: boolean[];
  date1904: boolean;
}

async function readBookParts(zip: ZipArchive): Promise<BookParts> {
  const workbookPart = (await officeDocument(zip)) ?? 'xl/workbook.xml';
  if (!zip.has(workbookPart)) throw zip.broken('в архиве нет книги (xl/workbook.xml): это не книга Excel');
  const base = workbookPart.replace(/[^/]*$/, '');
  const rels = await relationships(zip, `${base}_rels/${workbookPart.slice(base.length)}.rels`, base);
  const sheets: SheetInfo[] = [];
  let date1904 = false;
  await parseMember(zip, workbookPart, {
    open(tag) {
      if (tag.name === 'sheet') {
        const a = tag.attributes;
        const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
        const target = id ? rels.byId.get(id) : undefined;
        if (target) sheets.push({ sheetName: a.name ?? '', state: a.state ?? 'visible', part: target });
      } else if (tag.name === 'workbookPr') {
        const v = tag.attributes.date1904;
        date1904 = v === '1' || v === 'true';
      }
    },
  });
  const strings = rels.sharedStrings ? await sharedStrings(zip, rels.sharedStrings) : [];
  const dateStyles = rels.styles ? await styles(zip, rels.styles) : [];
  return { sheets, strings, dateStyles, date1904 };
}

async function officeDocument(zip: ZipArchive): Promise<string | undefined> {
  if (!zip.has('_rels/.rels')) return undefined;
  const rels = await relationships(zip, '_rels/.rels', '');
  return rels.officeDocument;
}

interface Rels {
  byId: Map<string, string>;
  officeDocument?: string;
  sharedStrings?: string;
  styles?: string;
}

async function relationships(zip: ZipArchive, part: string, base: string): Promise<Rels> {
  const rels: Rels = { byId: new Map() };
  if (!zip.has(part)) return rels;
  await parseText(
    await zip.text(part),
    {
      open(tag) {
        if (tag.name !== 'Relationship') return;
        const { Id, Target, Type = '' } = tag.attributes;
        if (!Target || tag.attributes.TargetMode === 'External') return;
        const target = resolvePart(base, Target);
        if (Id) rels.byId.set(Id, target);
        if (Type.endsWith('/officeDocument')) rels.officeDocument = target;
        else if (Type.endsWith('/sharedStrings')) rels.sharedStrings = target;
        else if (Type.endsWith('/styles')) rels.styles = target;
      },
    },
    zip.file,
  );
  return rels;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `${base}${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The shared strings table; phonetic runs (rPh) are not part of the text. */
async function sharedStrings(zip: ZipArchive, part: string): Promise<string[]> {
  if (!zip.has(part)) return [];
  const strings: string[] = [];
  let current = '';
  let inT = false;
  let phonetic = 0;
  await parseMember(zip, part, {
    open(tag) {
      switch (tag.name) {
        case 'si':
          current = '';
          break;
        case 't':
          inT = !tag.isSelfClosing;
          break;
        case 'rPh':
          if (!tag.isSelfClosing) phonetic++;
          break;
      }
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(current);
    },
    text(text) {
      if (inT && phonetic === 0) current += text;
    },
  });
  return strings;
}

/** For each cell style (cellXfs index), whether its number format is a date or time. */
async function styles(zip: ZipArchive, part: string): Promise<boolean[]> {
  if (!zip.has(part)) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await parseMember(zip, part, {
    open(tag) {
      if (tag.name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
      else if (tag.name === 'cellXfs') inCellXfs = !tag.isSelfClosing;
      else if (tag.name === 'xf' && inCellXfs) xfs.push(Number(tag.attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => isDateFormat(id, custom.get(id)));
}

const DAY_MS = 86_400_000;
/** Serial day 0 of the 1900 system is 1899-12-30 (Excel's leap-year bug included). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** Column letters of a cell reference ("AB12" → 28); 0 when there are none. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  return Number(ref.slice(i));
}

async function readSheet(
  zip: ZipArchive,
  sheet: SheetInfo,
  book: BookParts,
  limits: ReadLimits,
  counter: { cells: number },
): Promise<Grid> {
  const where = `лист «${sheet.sheetName}»`;
  if (!zip.has(sheet.part)) throw zip.broken(`нет листа «${sheet.sheetName}» (${sheet.part})`);
  const rows: Cell[][] = [];
  const merges: string[] = [];
  let width = 0;
  let rowNumber = 0;
  let col = 0;
  // The cell being read.
  let type = '';
  let style = 0;
  let text = '';
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let valueText: string | null = null;
  let inlineText = '';
  const epoch = book.date1904 ? EPOCH_1904 : EPOCH_1900;

  const place = (value: Cell) => {
    if (value === null) return;
    if (rowNumber > limits.rows) throw overLimit(zip.file, 'rows', rowNumber, where, limits);
    if (col > limits.columns) throw overLimit(zip.file, 'columns', col, where, limits);
    if (++counter.cells > limits.cells) throw overLimit(zip.file, 'cells', counter.cells, where, limits);
    let row = rows[rowNumber - 1];
    if (row === undefined) {
      row = [];
      rows[rowNumber - 1] = row;
    }
    while (row.length < col - 1) row.push(null);
    row[col - 1] = value;
    if (col > width) width = col;
  };

  const value = (): Cell => {
    switch (type) {
      case 's': {
        const s = valueText === null ? undefined : book.strings[Number(valueText)];
        return s === undefined ? null : nonBlank(s);
      }
      case 'inlineStr':
        return nonBlank(inlineText);
      case 'str':
        return valueText === null ? null : nonBlank(valueText);
      case 'b':
        return valueText === null ? null : valueText.trim() === '1' || valueText.trim() === 'true';
      case 'e':
        return null;
      case 'd': {
        if (valueText === null) return null;
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(valueText) ? valueText : `${valueText}Z`);
        return Number.isNaN(d.getTime()) ? null : d;
      }
      default: {
        if (valueText === null || valueText.trim() === '') return null;
        const n = Number(valueText);
        if (!Number.isFinite(n)) return nonBlank(valueText);
        if (book.dateStyles[style]) return new Date(epoch + Math.round(n * DAY_MS));
        return n;
      }
    }
  };

  try {
    await parseMember(zip, sheet.part, {
      open(tag: SaxesTagPlain) {
        switch (tag.name) {
          case 'row': {
            const r = tag.attributes.r;
            rowNumber = r ? Number(r) : rowNumber + 1;
            col = 0;
            break;
          }
          case 'c': {
            const a = tag.attributes;
            const ref = a.r;
            col = ref ? columnOf(ref) : col + 1;
            if (ref && rowNumber === 0) rowNumber = rowOf(ref);
            type = a.t ?? 'n';
            style = a.s ? Number(a.s) : 0;
            valueText = null;
            inlineText = '';
            if (tag.isSelfClosing) capture = null;
            break;
          }
          case 'v':
            capture = 'v';
            text = '';
            break;
          case 'is':
            inInline = true;
            break;
          case 't':
            if (inInline) {
              capture = 't';
              text = '';
            }
            break;
          case 'mergeCell':
            if (tag.attributes.ref) merges.push(tag.attributes.ref);
            break;
        }
      },
      close(name) {
        switch (name) {
          case 'v':
            valueText = text;
            capture = null;
            break;
          case 't':
            if (capture === 't') inlineText += text;
            capture = null;
            break;
          case 'is':
            inInline = false;
            break;
          case 'c':
            place(value());
            break;
        }
      },
      text(t) {
        if (capture !== null) {
          text += t;
          if (text.length > limits.cellChars)
            throw overLimit(zip.file, 'cellChars', text.length, where, limits);
        }
      },
    });
  } catch (error) {
    throw zip.wrap(error, sheet.part);
  }
  return toGrid(rows, width, merges, zip.file, where, limits);
}

/** Rectangular, like getValues(); cells covered by a merge (not its top-left master) are null. */
function toGrid(
  rows: Cell[][],
  width: number,
  merges: readonly string[],
  file: string,
  where: string,
  limits: ReadLimits,
): Grid {
  const height = rows.length;
  if (height * width > limits.gridCells) throw overLimit(file, 'gridCells', height * width, where, limits);
  for (const ref of merges) {
    const [from, to = from] = ref.split(':');
    const r1 = rowOf(from);
    const c1 = columnOf(from);
    const r2 = Math.min(rowOf(to), height);
    const c2 = Math.min(columnOf(to), width);
    for (let r = r1; r <= r2; r++) {
      const row = rows[r - 1];
      if (!row) continue;
      for (let c = c1; c <= c2 && c <= row.length; c++) if (r !== r1 || c !== c1) row[c - 1] = null;
    }
  }
  const grid: Grid = new Array(height);
  for (let r = 0; r < height; r++) {
    const row = rows[r] ?? [];
    while (row.length < width) row.push(null);
    grid[r] = row;
  }
  // A merge may have emptied the last rows or columns: trim as the reader always did.
  return trim(grid);
}

function trim(grid: Grid): Grid {
  let height = grid.length;
  while (height > 0 && grid[height - 1].every((c) => c === null)) height--;
  let width = 0;
  for (let r = 0; r < height; r++) {
    const row = grid[r];
    for (let c = row.length - 1; c >= width; c--) {
      if (row[c] !== null) {
        width = c + 1;
        break;
      }
    }
  }
  if (height === grid.length && (height === 0 || grid[0].length === width)) return grid;
  const out: Grid = new Array(height);
  for (let r = 0; r < height; r++) out[r] = grid[r].length === width ? grid[r] : grid[r].slice(0, width);
  return out;
}

function nonBlank(text: string): string | null {
  return text.trim().length === 0 ? null : text;
}
