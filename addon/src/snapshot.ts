// One read of a sheet: its values (one getValues), the user's columns (the add-in's hidden helper
// columns left out), Date cells normalised to the calendar day in the spreadsheet's time zone, and
// the tables the domain core recognises in it.
import {
  type Cell,
  type Document,
  type Grid,
  isoInTimeZone,
  type Period,
  recognizeTables,
} from '@cluster/shared';
import { type SheetView, sheetValues, timeZoneOf, todayIn, UserError } from './gas.ts';
import { findHelperColumns, type HelperColumns } from './helper-columns.ts';
import type { Settings } from './settings-store.ts';

export interface Snapshot {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  sheetName: string;
  timeZone: string;
  today: string;
  /** Raw values, sheet row r is values[r-1]; all columns up to the last one with data. */
  values: unknown[][];
  /** 1-based sheet column of each grid column (helper columns skipped). */
  userColumns: number[];
  helpers: HelperColumns;
  /** User columns only, dates as UTC-midnight Dates of their calendar day; row r is grid[r-1]. */
  grid: Grid;
  documents: Document[];
}

/** The one read of a sheet: its values (helper columns found by their markers in them). */
export interface SheetRead {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  sheetId: number;
  values: unknown[][];
  helpers: HelperColumns;
}

export function readSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): SheetRead {
  const values = sheetValues(sheet);
  return { sheet, sheetId: sheet.getSheetId(), values, helpers: findHelperColumns(values) };
}

/** The read of a sheet from its view (gas.ts readSheetView…): the values and the helper columns in them. */
export function readOf(sheet: GoogleAppsScript.Spreadsheet.Sheet, view: SheetView): SheetRead {
  return { sheet, sheetId: view.sheetId, values: view.values, helpers: findHelperColumns(view.values) };
}

/** The names and time zone a view came with. */
export function envOf(view: SheetView): DocEnv {
  return { timeZone: view.timeZone, title: view.title, sheetName: view.sheetName };
}

/** The spreadsheet's time zone and title (each one call; callers keep them in the sheet state). */
export interface DocEnv {
  timeZone: string;
  title: string;
  sheetName: string;
}

export function docEnv(sheet: GoogleAppsScript.Spreadsheet.Sheet): DocEnv {
  const ss = sheet.getParent();
  return { timeZone: timeZoneOf(ss), title: ss.getName(), sheetName: sheet.getName() };
}

export function takeSnapshot(
  read: SheetRead,
  settings: Settings,
  env: DocEnv = docEnv(read.sheet),
): Snapshot {
  const { sheet, values, helpers } = read;
  const ss = sheet.getParent();
  const timeZone = env.timeZone;
  const today = todayIn(timeZone);
  const skip = new Set<number>([helpers.due ?? -1, helpers.id ?? -1]);
  // The data range reaches the helper columns; the user's columns end at the last one holding
  // anything, so empty columns in between are neither sent nor coloured.
  let width = 0;
  for (const row of values)
    for (let c = row.length; c > width; c--)
      if (!skip.has(c) && row[c - 1] !== '' && row[c - 1] !== null && row[c - 1] !== undefined) {
        width = c;
        break;
      }
  const userColumns: number[] = [];
  for (let c = 1; c <= width; c++) if (!skip.has(c)) userColumns.push(c);
  const grid: Grid = values.map((row) => userColumns.map((c) => toCell(row[c - 1], timeZone)));
  const period: Period | null = settings.period;
  const documents = recognizeTables(grid, {
    today,
    soonDays: settings.soonDays,
    period,
    title: env.title,
    sheetName: env.sheetName,
  });
  return {
    ss,
    sheet,
    sheetName: env.sheetName,
    timeZone,
    today,
    values,
    userColumns,
    helpers,
    grid,
    documents,
  };
}

/** Documents that have items; a user error naming the sheet when there are none. */
export function tablesWithItems(snap: Snapshot): Document[] {
  const docs = snap.documents.filter((d) => d.items.length > 0);
  if (docs.length === 0) {
    throw new UserError(
      `На листе «${snap.sheetName}» не найдена таблица мероприятий. Нужна строка заголовка ` +
        '(например: «№ п/п», «Наименование мероприятия», «Исполнитель», «Срок», «Результат») и пункты под ней.',
    );
  }
  return docs;
}

function toCell(value: unknown, timeZone: string): Cell {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return new Date(`${isoInTimeZone(value, timeZone)}T00:00:00Z`);
  }
  if (value === '' || value === undefined) return null;
  return value as Cell;
}

/** A cell as the sync contract wants it: a real date is its ISO day in the spreadsheet's zone. */
export function syncCell(value: unknown, timeZone: string): string | number | boolean | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoInTimeZone(value, timeZone);
  if (value === '' || value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}
