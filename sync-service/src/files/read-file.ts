// A roadmap, plan or protocol file (.xlsx, .csv, .txt, .docx, .odt) → the domain core's
// documents. Used by `inspect` and `import` (through read-worker.ts off the request thread);
// every failure is a FileReadError with a Russian message naming the file, and every reader
// works within ReadLimits.
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import {
  type Document,
  type Grid,
  type ReadOptions,
  readText,
  recognizeTables,
  splitLines,
} from '@cluster/shared';
import { decodeText } from './decode.ts';
import type { Block } from './document-blocks.ts';
import { documentsFromBlocks } from './document-tables.ts';
import { FileReadError } from './errors.ts';
import { DEFAULT_LIMITS, overLimit, type ReadLimits } from './limits.ts';
import { readCsvGrid } from './read-csv.ts';
import { readDocxBlocks } from './read-docx.ts';
import { readOdtBlocks } from './read-odt.ts';
import { readWorkbook, type SheetGrid } from './read-xlsx.ts';
import { textTableGrid } from './text-tables.ts';

/** A path, or an uploaded file's name and bytes. */
export type FileSource = string | { name: string; buffer: Uint8Array };

export type FileFormat = 'xlsx' | 'csv' | 'txt' | 'docx' | 'odt';

export interface ReadFileOptions extends ReadOptions {
  /** Only this sheet (xlsx). Without it every visible sheet is read. */
  sheet?: string;
  /** Title used when the table has none; defaults to the file name without extension. */
  title?: string;
  /** Bounds on what the file may make the reader build (default DEFAULT_LIMITS). */
  limits?: ReadLimits;
}

/** A document and the sheet it came from (absent for .txt and .csv). */
export type FileDocument = Document & { sheet?: string };

export interface FileGrids {
  format: FileFormat;
  /** Display name of the file (base name). */
  name: string;
  /** Every sheet's name in the workbook (for .csv: one sheet named after the file; .txt: none). */
  sheetNames: string[];
  /** The grids that were read: the chosen sheet, or all visible ones. Empty for .txt. */
  sheets: SheetGrid[];
  /** The decoded text of a .txt file. */
  text?: string;
  /** Paragraphs and tables of a .docx or .odt, in order. */
  blocks?: Block[];
}

export interface FileDocuments {
  format: FileFormat;
  name: string;
  sheetNames: string[];
  /** The grids the documents were read from (see FileGrids.sheets), so callers need not read twice. */
  sheets: SheetGrid[];
  documents: FileDocument[];
}

const FORMATS: Record<string, FileFormat> = {
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'txt',
  '.docx': 'docx',
  '.docm': 'docx',
  '.odt': 'odt',
};

export function formatOf(name: string): FileFormat {
  const ext = extname(name).toLowerCase();
  const format = FORMATS[ext];
  if (format) return format;
  const hint =
    ext === '.xls' || ext === '.ods'
      ? '; сохраните файл как .xlsx'
      : ext === '.doc' || ext === '.rtf'
        ? '; сохраните файл как .docx'
        : '';
  const what = ext ? `«${ext}»` : 'без расширения';
  throw new FileReadError(
    'unsupported',
    basename(name),
    `неподдерживаемый формат файла ${what}: ${basename(name)} (нужен .xlsx, .csv, .txt, .docx или .odt${hint})`,
  );
}

/** Reads the file into grids (xlsx, csv) or text (txt) without recognising anything. */
export async function readFileGrids(
  source: FileSource,
  opts: { sheet?: string; limits?: ReadLimits } = {},
): Promise<FileGrids> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const name = typeof source === 'string' ? source : source.name;
  const display = basename(name);
  // A mistyped path is «not found» before it is «no extension»: say what the user can fix first.
  if (typeof source === 'string') await checkIsFile(source);
  const format = formatOf(name);
  if (format !== 'xlsx' && opts.sheet !== undefined) {
    throw new FileReadError(
      'no_sheet',
      display,
      `в файле ${display} нет листов: выбрать лист можно только в книге .xlsx`,
    );
  }
  if (format === 'xlsx') {
    const { sheetNames, sheets } = await readXlsx(source, display, opts.sheet, limits);
    return { format, name: display, sheetNames, sheets };
  }
  if (format === 'docx' || format === 'odt') {
    const head = typeof source === 'string' ? await readBytes(source, 4) : source.buffer;
    const kind = format === 'docx' ? 'документ Word' : 'документ ODT';
    if (head.length === 0)
      throw new FileReadError('corrupt', display, `не удаётся прочитать ${kind} ${display}: файл пуст`);
    if (head[0] !== 0x50 || head[1] !== 0x4b)
      throw new FileReadError(
        'corrupt',
        display,
        `не удаётся прочитать ${kind} ${display}: это не файл .${format} (не zip-архив)${format === 'docx' ? '; если это старый .doc, сохраните его как .docx' : ''}`,
      );
    const input = typeof source === 'string' ? source : source.buffer;
    const blocks =
      format === 'docx'
        ? await readDocxBlocks(input, display, limits)
        : await readOdtBlocks(input, display, limits);
    return { format, name: display, sheetNames: [], sheets: [], blocks };
  }
  const bytes = typeof source === 'string' ? await readBytes(source, 0) : source.buffer;
  const { text } = decodeText(bytes);
  if (format === 'txt') {
    const lines = text.length > 0 ? countLines(text) : 0;
    if (lines > limits.rows) throw overLimit(display, 'rows', lines, undefined, limits);
    return { format, name: display, sheetNames: [], sheets: [], text };
  }
  const sheetName = display.replace(/\.[^.]+$/, '');
  let grid: Grid;
  try {
    grid = readCsvGrid(text, extname(name).toLowerCase() === '.tsv' ? '\t' : undefined, {
      limits,
      file: display,
      sheet: sheetName,
    });
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError('corrupt', display, `не удаётся прочитать CSV ${display}: ${csvProblem(error)}`, {
      cause: error,
    });
  }
  return { format, name: display, sheetNames: [sheetName], sheets: [{ sheetName, state: 'visible', grid }] };
}

/** Reads the file and recognises its tables (or the protocol's decisions). */
export async function readDocumentsFromFile(
  source: FileSource,
  opts: ReadFileOptions,
): Promise<FileDocuments> {
  const files = await readFileGrids(source, { sheet: opts.sheet, limits: opts.limits });
  const title = opts.title ?? files.name.replace(/\.[^.]+$/, '');
  const read = { today: opts.today, soonDays: opts.soonDays, period: opts.period, title };
  let documents: FileDocument[];
  if (files.format === 'txt') {
    documents = readTextFile(files.text ?? '', read);
  } else if (files.blocks) {
    documents = documentsFromBlocks(files.blocks, read);
  } else if (files.format === 'csv') {
    documents = recognizeTables(files.sheets[0].grid, read);
  } else {
    documents = files.sheets.flatMap((s) =>
      recognizeTables(s.grid, { ...read, sheetName: s.sheetName }).map((d) => ({ ...d, sheet: s.sheetName })),
    );
  }
  return {
    format: files.format,
    name: files.name,
    sheetNames: files.sheetNames,
    sheets: files.sheets,
    documents,
  };
}

/** A .txt: a framed text table (pipes, box drawing) when it holds one, else what the core reads. */
function readTextFile(text: string, read: ReadOptions & { title: string }): Document[] {
  const lines = splitLines(text);
  const table = textTableGrid(lines);
  if (table) {
    const docs = recognizeTables(table.grid, read);
    if (docs.length > 0) return docs.map((d) => toLines(d, table.lines));
  }
  return readText(text, read);
}

/** Rows of the framed grid → lines of the text (Item.row of a text file is its line). */
function toLines(doc: Document, lines: readonly number[]): Document {
  const line = (row: number) => lines[row - 1] ?? row;
  const out: Document = { ...doc, items: doc.items.map((i) => ({ ...i, row: line(i.row) })) };
  if (doc.unplaced) out.unplaced = doc.unplaced.map((u) => ({ ...u, row: line(u.row) }));
  if (doc.table)
    out.table = {
      ...doc.table,
      headerRow: line(doc.table.headerRow),
      firstRow: line(doc.table.firstRow),
      lastRow: line(doc.table.lastRow),
    };
  return out;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** csv-parse's complaint in Russian, with the line where it gave up. */
function csvProblem(error: unknown): string {
  const err = error as { code?: string; lines?: number; message?: string };
  const line = typeof err.lines === 'number' ? ` (строка ${err.lines})` : '';
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    const end = typeof err.lines === 'number' ? `: файл кончился на строке ${err.lines}` : '';
    return `кавычка открыта и не закрыта${end}`;
  }
  if (err.code === 'CSV_INVALID_CLOSING_QUOTE') return `лишний символ после закрывающей кавычки${line}`;
  return `${String(err.message ?? error).split('\n')[0]}${line}`;
}

/** Throws the reader's not_found error unless the path names a readable regular file. */
async function checkIsFile(path: string): Promise<void> {
  await readBytes(path, 1);
}

/** The file's bytes (`limit` > 0: only its first bytes), with Russian errors for the usual failures. */
async function readBytes(path: string, limit: number): Promise<Uint8Array> {
  const display = basename(path);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FileReadError('not_found', display, `это не файл: ${path}`);
    if (limit <= 0) return new Uint8Array(await readFile(path));
    const handle = await open(path, 'r');
    try {
      const head = new Uint8Array(Math.min(limit, info.size));
      await handle.read(head, 0, head.length, 0);
      return head;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new FileReadError('not_found', display, `файл не найден: ${path}`, { cause: error });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new FileReadError('not_found', display, `нет доступа к файлу: ${path}`, { cause: error });
    }
    throw new FileReadError('not_found', display, `не удаётся прочитать файл ${path}: ${String(error)}`, {
      cause: error,
    });
  }
}

/** The workbook's sheets (all listed; only the chosen or the visible ones parsed). */
async function readXlsx(
  source: FileSource,
  display: string,
  sheet: string | undefined,
  limits: ReadLimits,
): Promise<{ sheetNames: string[]; sheets: SheetGrid[] }> {
  const bytes = typeof source === 'string' ? await readBytes(source, 4) : source.buffer;
  const broken = (detail: string) =>
    new FileReadError('corrupt', display, `не удаётся прочитать книгу Excel ${display}: ${detail}`);
  if (bytes.length === 0) throw broken('файл пуст');
  // Every .xlsx is a zip archive; anything else (an .xls renamed, a CSV) fails fast and clearly.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw broken('это не файл .xlsx (не zip-архив)');
  const book = await readWorkbook(typeof source === 'string' ? source : source.buffer, {
    file: display,
    limits,
    pick: (all) => {
      if (sheet === undefined) return all.filter((s) => s.state === 'visible');
      const chosen = all.find((s) => s.sheetName === sheet);
      if (!chosen) {
        const list = all.map((s) => `«${s.sheetName}»`).join(', ');
        throw new FileReadError(
          'no_sheet',
          display,
          `в книге ${display} нет листа «${sheet}»; есть листы: ${list}`,
        );
      }
      return [chosen];
    },
  });
  // Every workbook Excel or LibreOffice writes has a sheet; a zip without one is something else.
  if (book.sheets.length === 0) throw broken('в архиве нет ни одного листа (это не книга Excel)');
  return { sheetNames: book.sheets.map((s) => s.sheetName), sheets: book.grids };
}
