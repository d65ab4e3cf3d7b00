// A roadmap, plan or protocol file (.xlsx, .csv, .txt) → the domain core's documents. Used by
// `inspect` and `import`; every failure is a FileReadError with a Russian message naming the file.
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type Document, type Grid, type ReadOptions, readText, recognizeTables } from '@cluster/shared';
import { decodeText } from './decode.ts';
import { FileReadError } from './errors.ts';
import { readCsvGrid } from './read-csv.ts';
import { readWorkbookGrids, type SheetGrid } from './read-xlsx.ts';

/** A path, or an uploaded file's name and bytes. */
export type FileSource = string | { name: string; buffer: Uint8Array };

export type FileFormat = 'xlsx' | 'csv' | 'txt';

export interface ReadFileOptions extends ReadOptions {
  /** Only this sheet (xlsx). Without it every visible sheet is read. */
  sheet?: string;
  /** Title used when the table has none; defaults to the file name without extension. */
  title?: string;
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
};

export function formatOf(name: string): FileFormat {
  const ext = extname(name).toLowerCase();
  const format = FORMATS[ext];
  if (format) return format;
  const hint = ext === '.xls' || ext === '.ods' ? '; сохраните файл как .xlsx' : '';
  const what = ext ? `«${ext}»` : 'без расширения';
  throw new FileReadError(
    'unsupported',
    basename(name),
    `неподдерживаемый формат файла ${what}: ${basename(name)} (нужен .xlsx, .csv или .txt${hint})`,
  );
}

/** Reads the file into grids (xlsx, csv) or text (txt) without recognising anything. */
export async function readFileGrids(source: FileSource, opts: { sheet?: string } = {}): Promise<FileGrids> {
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
    const all = await readWorkbook(source, display);
    const sheetNames = all.map((s) => s.sheetName);
    let sheets: SheetGrid[];
    if (opts.sheet !== undefined) {
      const chosen = all.find((s) => s.sheetName === opts.sheet);
      if (!chosen) {
        const list = sheetNames.map((s) => `«${s}»`).join(', ');
        throw new FileReadError(
          'no_sheet',
          display,
          `в книге ${display} нет листа «${opts.sheet}»; есть листы: ${list}`,
        );
      }
      sheets = [chosen];
    } else {
      sheets = all.filter((s) => s.state === 'visible');
    }
    return { format, name: display, sheetNames, sheets };
  }
  const bytes = typeof source === 'string' ? await readBytes(source, 0) : source.buffer;
  const { text } = decodeText(bytes);
  if (format === 'txt') return { format, name: display, sheetNames: [], sheets: [], text };
  const sheetName = display.replace(/\.[^.]+$/, '');
  let grid: Grid;
  try {
    grid = readCsvGrid(text, extname(name).toLowerCase() === '.tsv' ? '\t' : undefined);
  } catch (error) {
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
  const files = await readFileGrids(source, { sheet: opts.sheet });
  const title = opts.title ?? files.name.replace(/\.[^.]+$/, '');
  const read = { today: opts.today, soonDays: opts.soonDays, period: opts.period, title };
  let documents: FileDocument[];
  if (files.format === 'txt') {
    documents = readText(files.text ?? '', read);
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

/** A path is handed to exceljs' own readFile (the bytes are not read twice). */
async function readWorkbook(source: FileSource, display: string): Promise<SheetGrid[]> {
  const bytes = typeof source === 'string' ? await readBytes(source, 4) : source.buffer;
  const broken = (detail: string, cause?: unknown) =>
    new FileReadError(
      'corrupt',
      display,
      `не удаётся прочитать книгу Excel ${display}: ${detail}`,
      cause ? { cause } : undefined,
    );
  if (bytes.length === 0) throw broken('файл пуст');
  // Every .xlsx is a zip archive; anything else (an .xls renamed, a CSV) fails fast and clearly.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw broken('это не файл .xlsx (не zip-архив)');
  let sheets: SheetGrid[];
  try {
    sheets = await readWorkbookGrids(typeof source === 'string' ? source : source.buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw broken(`файл повреждён (${reason})`, error);
  }
  // Every workbook Excel or LibreOffice writes has a sheet; a zip without one is something else.
  if (sheets.length === 0) throw broken('в архиве нет ни одного листа (это не книга Excel)');
  return sheets;
}
