// Bounds on what one file may make the reader build, checked while streaming so that a hostile
// file (a cell at XFD1048576, a zip bomb, a sheet of a million repeated rows) is refused in
// seconds with bounded memory, never after the grid has been padded.
import { FileReadError } from './errors.ts';

export interface ReadLimits {
  /** Highest row a sheet or table may use (a value below it is refused, blank cells are ignored). */
  rows: number;
  /** Highest column a sheet or table may use. */
  columns: number;
  /** Cells holding a value, over the whole file. */
  cells: number;
  /** Rows × columns of one sheet's grid once its used range is known. */
  gridCells: number;
  /** Unpacked bytes of all zip members read, together. */
  unpackedBytes: number;
  /** Unpacked bytes of one zip member. */
  memberBytes: number;
  /** Unpacked / packed size of one member (zip bombs compress by thousands). */
  compressionRatio: number;
  /** Characters of one cell's text. */
  cellChars: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  rows: 300_000,
  columns: 1_000,
  cells: 5_000_000,
  gridCells: 12_000_000,
  unpackedBytes: 512 * 1024 * 1024,
  memberBytes: 384 * 1024 * 1024,
  compressionRatio: 250,
  cellChars: 100_000,
};

export function limitsWith(overrides: Partial<ReadLimits> | undefined): ReadLimits {
  return overrides ? { ...DEFAULT_LIMITS, ...overrides } : DEFAULT_LIMITS;
}

const MB = 1024 * 1024;

/** «в 1,5 МБ» / «в 300 000» — the limit as a reader of the message understands it. */
function amount(n: number, bytes: boolean): string {
  if (bytes) return `${(n / MB).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;
  return n.toLocaleString('ru-RU');
}

/** The error for a file over one of the limits, naming the limit and where (sheet, member). */
export function overLimit(
  file: string,
  limit: keyof ReadLimits,
  value: number,
  where: string | undefined,
  limits: ReadLimits,
): FileReadError {
  const max = limits[limit];
  const place = where ? ` (${where})` : '';
  const what: Record<keyof ReadLimits, string> = {
    rows: `строк больше допустимого: строка ${amount(value, false)} при пределе ${amount(max, false)}`,
    columns: `столбцов больше допустимого: столбец ${amount(value, false)} при пределе ${amount(max, false)}`,
    cells: `заполненных ячеек больше допустимого: больше ${amount(max, false)}`,
    gridCells: `таблица слишком велика: ${amount(value, false)} ячеек при пределе ${amount(max, false)}`,
    unpackedBytes: `в распакованном виде файл больше допустимого: больше ${amount(max, true)}`,
    memberBytes: `часть архива в распакованном виде больше допустимого: ${amount(value, true)} при пределе ${amount(max, true)}`,
    compressionRatio: `часть архива сжата подозрительно сильно (в ${amount(Math.round(value), false)} раз при пределе ${amount(max, false)}): похоже на zip-бомбу`,
    cellChars: `в ячейке больше ${amount(max, false)} символов`,
  };
  return new FileReadError('too_large', file, `файл ${file} не принят${place}: ${what[limit]}`, { limit });
}
