// The one thin adapter over Apps Script services the add-in uses: everything else is plain logic.
import { isoInTimeZone, minuteInTimeZone } from '@cluster/shared';

export const APP_TITLE = 'Кластер';

export const SPREADSHEET_ID_KEY = 'cluster.spreadsheetId';

/**
 * The add-in's document. A time-driven trigger is not promised an active spreadsheet, so there the
 * document is opened explicitly by the id saved with the settings (the add-in opens no other).
 */
export function spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  const id = documentProperties().getProperty(SPREADSHEET_ID_KEY);
  if (!id) throw new UserError('не удалось открыть таблицу: сохраните «Настройки кластера» ещё раз');
  return SpreadsheetApp.openById(id);
}

export function activeSheet(): GoogleAppsScript.Spreadsheet.Sheet {
  return SpreadsheetApp.getActiveSheet();
}

export function sheetById(id: number): GoogleAppsScript.Spreadsheet.Sheet | null {
  return sheetIn(spreadsheet(), id);
}

export function sheetIn(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  id: number,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  for (const s of ss.getSheets()) if (s.getSheetId() === id) return s;
  return null;
}

/** Today (YYYY-MM-DD) in the spreadsheet's time zone. */
export function todayIn(timeZone: string): string {
  return isoInTimeZone(new Date(), timeZone);
}

export function timeZoneOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return ss.getSpreadsheetTimeZone() || 'Europe/Moscow';
}

export function toast(message: string, seconds = 6): void {
  spreadsheet().toast(message, APP_TITLE, seconds);
}

/** Asks a yes/no question; true only for «Да». */
export function confirm(message: string): boolean {
  const u = ui();
  return isEnum(u.alert(APP_TITLE, message, u.ButtonSet.YES_NO), 'YES');
}

export function alert(message: string): void {
  const u = ui();
  u.alert(APP_TITLE, message, u.ButtonSet.OK);
}

/**
 * Shows a sidebar; `data` is sent with the page (as `initialData(…)` at its end), which saves the
 * page a google.script.run round trip at start. `<` is escaped so sheet text cannot close the script.
 */
export function showSidebar(file: string, title: string, data?: unknown): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setTitle(title);
  if (data !== undefined)
    html.append(`<script>initialData(${JSON.stringify(data).replace(/</g, '\\u003c')})</script>`);
  ui().showSidebar(html);
}

export function showDialog(file: string, title: string, width: number, height: number): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setWidth(width).setHeight(height);
  ui().showModalDialog(html, title);
}

export function documentProperties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

export function ui(): GoogleAppsScript.Base.Ui {
  return SpreadsheetApp.getUi();
}

/** The user's locale, '' where Apps Script cannot tell (AuthMode.NONE may refuse it). */
export function userLocale(): string {
  try {
    return Session.getActiveUserLocale();
  } catch {
    return '';
  }
}

/** A dropdown of `choices` that still accepts other text (a mark may say more than the list). */
export function listValidation(
  choices: readonly string[],
  helpText?: string,
): GoogleAppsScript.Spreadsheet.DataValidation {
  const builder = SpreadsheetApp.newDataValidation()
    .requireValueInList([...choices], true)
    .setAllowInvalid(true);
  return (helpText ? builder.setHelpText(helpText) : builder).build();
}

/** A conditional-format rule painting `range` with `fill` where `formula` holds. */
export function formulaRule(
  formula: string,
  fill: string,
  range: GoogleAppsScript.Spreadsheet.Range,
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
  return SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground(fill)
    .setRanges([range])
    .build();
}

/**
 * Whether an enum value is `member`. Apps Script's enum values are opaque objects; whether the one a
 * getter returns is the very object of `SpreadsheetApp.BooleanCriteria…` is not documented, so
 * they are compared by their string form (the member's name), never with ===.
 */
export function isEnum(value: unknown, member: string): boolean {
  return value !== null && value !== undefined && String(value) === member;
}

/** The custom formula of a rule, or null for any other kind of rule. */
export function customFormulaOf(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): string | null {
  const condition = rule.getBooleanCondition();
  if (!condition || !isEnum(condition.getCriteriaType(), 'CUSTOM_FORMULA')) return null;
  return String(condition.getCriteriaValues()[0] ?? '');
}

export type FetchResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;

/** GETs with the token; HTTP errors come back as responses, only network failures throw. */
export function getJson(url: string, token: string): FetchResponse {
  return UrlFetchApp.fetch(url, {
    method: 'get',
    headers: { Authorization: `Bearer ${token}` },
    muteHttpExceptions: true,
    followRedirects: true,
  });
}

/** POSTs JSON; HTTP errors come back as responses, only network failures throw. */
export function postJson(url: string, token: string, body: string): FetchResponse {
  return UrlFetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    headers: { Authorization: `Bearer ${token}` },
    payload: body,
    muteHttpExceptions: true,
    followRedirects: true,
  });
}

/** A JSON request of another method (the contacts sheet is a PUT). */
export function sendJson(method: 'put' | 'post', url: string, token: string, body: string): FetchResponse {
  return UrlFetchApp.fetch(url, {
    method,
    contentType: 'application/json',
    headers: { Authorization: `Bearer ${token}` },
    payload: body,
    muteHttpExceptions: true,
    followRedirects: true,
  });
}

/**
 * Runs `fn` holding the document lock, so two executions do not interleave writes. Taken only just
 * before writing; never released: a lock ends with its execution, and releaseLock would be one
 * more round trip. (tryLock again in the same execution returns at once: the lock is its own.)
 */
export function withDocumentLock<T>(fn: () => T): T {
  if (!LockService.getDocumentLock().tryLock(20_000)) {
    throw new UserError('Таблицу сейчас изменяет другой пользователь или задача. Повторите через минуту.');
  }
  return fn();
}

export const TRIGGER_ERROR_KEY = 'cluster.lastTriggerError';

/**
 * A trigger has no dialog: its failure is shown as a toast where possible and kept in the
 * document's properties, where the settings sidebar shows it.
 */
export function reportTriggerFailure(what: string, e: unknown): void {
  const detail = e instanceof UserError ? e.message : String(e);
  try {
    documentProperties().setProperty(TRIGGER_ERROR_KEY, `${new Date().toISOString()} ${what}: ${detail}`);
  } catch {
    // properties unavailable in this mode: the toast below is all we can do
  }
  try {
    spreadsheet().toast(`${what}. Нажмите «Подсветить сроки».`, APP_TITLE, 10);
  } catch {
    // no UI in this context
  }
}

/** An error whose message is meant for the user as it is. */
export class UserError extends Error {
  /** Technical detail (an exception's text), shown on its own «Подробности:» line. */
  readonly detail: string;
  constructor(message: string, detail = '') {
    super(detail ? `${message}\nПодробности: ${detail}` : message);
    this.name = 'UserError';
    this.detail = detail;
  }
}

/** An exception's text without Apps Script's English prefixes («Exception: », «Error: »). */
export function technicalDetail(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const text = m.replace(/^(\s*(Exception|Error|TypeError|ReferenceError|Исключение):\s*)+/i, '').trim();
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

/** Runs a menu action: a UserError becomes an alert; anything else is reported with its text. */
export function runAction(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    const message =
      e instanceof UserError
        ? e.message
        : `Не удалось выполнить действие.\nПодробности: ${technicalDetail(e)}`;
    alert(message);
  }
}

// ---- The sheet in one read, the changes in one write --------------------------------------------
// Every SpreadsheetApp call is a round trip to Google's servers (≈ 0.1 s each). The add-in's menu
// actions therefore read a sheet with ONE call of the Sheets API (advanced service `Sheets`:
// values, rules, validations, the add-in's metadata, the document's title and time zone) and write
// with ONE batchUpdate. Simple triggers (onEdit) run in AuthMode.LIMITED, where advanced services
// are not available: they read and write the same shapes through SpreadsheetApp (…Limited below).

/** A block of cells, 1-based. */
export interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** A conditional-format rule as the add-in needs it: its custom formula (null: another kind) and ranges. */
export interface RuleView {
  formula: string | null;
  ranges: Box[];
}

/** One developer-metadata entry of the add-in (its id, to update or delete it). */
export interface MetaView {
  id: number;
  value: string;
}

export interface SheetView {
  sheetId: number;
  sheetName: string;
  title: string;
  timeZone: string;
  /** Values as SpreadsheetApp's getValues gives them (dates as Date), row r is values[r-1], all rows as wide. */
  values: unknown[][];
  rules: RuleView[];
  /** The add-in's developer metadata on the sheet, by key. */
  meta: Record<string, MetaView>;
  /** The add-in's developer metadata on the spreadsheet, by key ({} where not read). */
  docMeta: Record<string, MetaView>;
  /** Whether each cell of `values` has a data validation (null where not read). */
  validations: boolean[][] | null;
  /** SpreadsheetApp path: the objects read, written back as they are. */
  native?: {
    rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[];
    meta: Record<string, GoogleAppsScript.Spreadsheet.DeveloperMetadata>;
  };
}

/** One developer-metadata entry to write: a value, or null to delete it. */
export interface MetaWrite {
  key: string;
  value: string | null;
  /** On the spreadsheet rather than the sheet. */
  doc?: boolean;
}

/** Everything one action changes on a sheet, applied in this order in one batchUpdate. */
export interface SheetWrite {
  /** A hidden column inserted after this 1-based column (0: before the first). */
  insertHiddenColumnAfter?: number;
  /** One column's cells from row 1 down; text stays text, numbers stay numbers. */
  column?: { column: number; values: (string | number)[] };
  /** Rules to delete, by their index in the list as read. */
  deleteRules?: number[];
  /** Custom-formula rules to append after the remaining ones. */
  addRules?: { formula: string; fill: string; range: Box }[];
  /** A dropdown (other text allowed) on these blocks. */
  listValidation?: { ranges: Box[]; choices: readonly string[]; helpText: string };
  /** Columns to delete (1-based, as read). */
  deleteColumns?: number[];
  meta?: MetaWrite[];
}

/** The Sheets advanced service; a UserError if the manifest does not enable it. */
function sheetsApi(): GoogleAppsScript.Sheets {
  if (typeof Sheets === 'undefined' || !Sheets)
    throw new UserError('Не включена служба Google Sheets API: переустановите дополнение.');
  return Sheets;
}

/** The document id, with no round trip for the active document. */
function documentId(sheet: GoogleAppsScript.Spreadsheet.Sheet): string {
  return sheet.getParent().getId();
}

const META_FIELDS = 'metadataId,metadataKey,metadataValue';

/**
 * The sheet in one Sheets API call. The `fields` mask names every field read below and nothing
 * else (the fakes fail a test that reads a field it did not ask for).
 */
export function readSheetView(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  opts: { validations?: boolean } = {},
): SheetView {
  const sheetId = sheet.getSheetId();
  const cell = `effectiveValue,effectiveFormat/numberFormat/type${opts.validations ? ',dataValidation/condition/type' : ''}`;
  const fields =
    `properties(title,timeZone),developerMetadata(${META_FIELDS}),` +
    `sheets(properties(sheetId,title),conditionalFormats(ranges,booleanRule/condition),` +
    `developerMetadata(${META_FIELDS}),data(startRow,startColumn,rowData/values(${cell})))`;
  const got = sheetsApi().Spreadsheets.getByDataFilter(
    { dataFilters: [{ gridRange: { sheetId } }] },
    documentId(sheet),
    { fields },
  );
  const timeZone = got.properties?.timeZone || 'Europe/Moscow';
  const s = (got.sheets ?? []).find((x) => (x.properties?.sheetId ?? 0) === sheetId);
  if (!s) throw new UserError('Лист не найден: возможно, он удалён.');
  const grid = s.data?.[0];
  const top = grid?.startRow ?? 0;
  const left = grid?.startColumn ?? 0;
  // As wide and as long as the last row and column holding a value (getSheetValues(1, 1, -1, -1)):
  // one pass reading each cell once, then every row cut or padded to that width. Indexed loops:
  // tens of thousands of cells (and in the tests the answer comes from another realm, where for-of
  // leaves V8's fast path for arrays).
  const values: unknown[][] = [];
  const validations: boolean[][] = [];
  let height = 0;
  let width = 0;
  for (let i = 0; i < top; i++) {
    values.push([]);
    validations.push([]);
  }
  const rowData = grid?.rowData ?? [];
  for (let i = 0; i < rowData.length; i++) {
    const cells = rowData[i].values ?? [];
    const line: unknown[] = [];
    const checks: boolean[] = [];
    for (let j = 0; j < left; j++) {
      line.push('');
      checks.push(false);
    }
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j];
      if (c.effectiveValue) {
        line.push(cellValue(c, timeZone));
        if (line.length > width) width = line.length;
        height = values.length + 1;
      } else line.push('');
      if (opts.validations) checks.push(Boolean(c.dataValidation?.condition?.type));
    }
    values.push(line);
    validations.push(checks);
  }
  values.length = height;
  validations.length = height;
  for (let i = 0; i < height; i++) {
    const line = values[i];
    const checks = validations[i];
    if (line.length > width) line.length = width;
    if (checks.length > width) checks.length = width;
    while (line.length < width) line.push('');
    while (opts.validations && checks.length < width) checks.push(false);
  }
  return {
    sheetId,
    sheetName: s.properties?.title ?? '',
    title: got.properties?.title ?? '',
    timeZone,
    values,
    rules: (s.conditionalFormats ?? []).map((r) => ({
      formula:
        r.booleanRule?.condition?.type === 'CUSTOM_FORMULA'
          ? String(r.booleanRule.condition.values?.[0]?.userEnteredValue ?? '')
          : null,
      ranges: (r.ranges ?? []).map(boxOfGrid),
    })),
    meta: metaByKey(s.developerMetadata),
    docMeta: metaByKey(got.developerMetadata),
    validations: opts.validations ? validations : null,
  };
}

/** The add-in's keys only (the user's own metadata is never touched). */
function metaByKey(
  list: GoogleAppsScript.Sheets.Schema.DeveloperMetadata[] | undefined,
): Record<string, MetaView> {
  const out: Record<string, MetaView> = {};
  for (const m of list ?? [])
    if (m.metadataKey?.indexOf('cluster.') === 0 && m.metadataId !== undefined)
      out[m.metadataKey] = { id: m.metadataId, value: m.metadataValue ?? '' };
  return out;
}

/** A cell's value as getValues would give it: a DATE/DATE_TIME serial becomes a Date in the document's zone. */
function cellValue(c: GoogleAppsScript.Sheets.Schema.CellData, timeZone: string): unknown {
  const v = c.effectiveValue;
  if (!v) return '';
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.numberValue !== undefined) {
    const type = c.effectiveFormat?.numberFormat?.type;
    return type === 'DATE' || type === 'DATE_TIME' ? dateOfSerial(v.numberValue, timeZone) : v.numberValue;
  }
  if (v.boolValue !== undefined) return v.boolValue;
  return v.errorValue ? `#${String(v.errorValue.type ?? 'ERROR')}` : '';
}

const serialDates = new Map<string, number>();

/** The instant of a serial (days since 30.12.1899, local time of day as its fraction) in `timeZone`. */
export function dateOfSerial(serial: number, timeZone: string): Date {
  const key = `${serial}@${timeZone}`;
  let ms = serialDates.get(key);
  if (ms === undefined) {
    const local = Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000);
    const first = local - zoneOffsetMs(local, timeZone);
    ms = local - zoneOffsetMs(first, timeZone);
    serialDates.set(key, ms); // a plan repeats its dates: two zone look-ups per distinct one
  }
  return new Date(ms);
}

/** Offset of the zone's wall clock from UTC at instant `ms` (whole minutes, as every zone's is). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const t = minuteInTimeZone(new Date(ms), timeZone);
  const wall = Date.UTC(
    +t.slice(0, 4),
    +t.slice(5, 7) - 1,
    +t.slice(8, 10),
    +t.slice(11, 13),
    +t.slice(14, 16),
  );
  return wall - Math.floor(ms / 60_000) * 60_000;
}

/** GridRange (0-based, end exclusive; JSON leaves 0 out) → Box. */
function boxOfGrid(g: GoogleAppsScript.Sheets.Schema.GridRange): Box {
  const row = g.startRowIndex ?? 0;
  const column = g.startColumnIndex ?? 0;
  return {
    row: row + 1,
    column: column + 1,
    rows: (g.endRowIndex ?? row + 1) - row,
    columns: (g.endColumnIndex ?? column + 1) - column,
  };
}

function gridOf(sheetId: number, b: Box): GoogleAppsScript.Sheets.Schema.GridRange {
  return {
    sheetId,
    startRowIndex: b.row - 1,
    endRowIndex: b.row - 1 + b.rows,
    startColumnIndex: b.column - 1,
    endColumnIndex: b.column - 1 + b.columns,
  };
}

function rgb(hex: string): GoogleAppsScript.Sheets.Schema.Color {
  const n = (i: number): number => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { red: n(1), green: n(3), blue: n(5) };
}

/**
 * A fixed metadata id per key and place. Creating an id that exists fails the whole batchUpdate:
 * two executions that both read "no state yet" cannot both insert a helper column — the second
 * batch is refused and nothing of it applied.
 */
function metadataIdOf(key: string, place: string): number {
  let h = 0x811c9dc5;
  const text = `${key}@${place}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 2_000_000_000) + 1_000_000;
}

/** The spreadsheet's own developer metadata of the add-in (one call), as a view to write against. */
export function readDocMeta(sheet: GoogleAppsScript.Spreadsheet.Sheet): SheetView {
  const got = sheetsApi().Spreadsheets.get(documentId(sheet), {
    fields: `developerMetadata(${META_FIELDS})`,
  });
  return {
    sheetId: sheet.getSheetId(),
    sheetName: '',
    title: '',
    timeZone: '',
    values: [],
    rules: [],
    meta: {},
    docMeta: metaByKey(got.developerMetadata),
    validations: null,
  };
}

/** Applies `w` in one batchUpdate (nothing when it is empty). */
export function applySheetWrite(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  view: SheetView,
  w: SheetWrite,
): void {
  const sheetId = view.sheetId;
  const requests: GoogleAppsScript.Sheets.Schema.Request[] = [];
  const columns = (start: number, end: number): GoogleAppsScript.Sheets.Schema.DimensionRange => ({
    sheetId,
    dimension: 'COLUMNS',
    startIndex: start,
    endIndex: end,
  });
  if (w.insertHiddenColumnAfter !== undefined) {
    const at = w.insertHiddenColumnAfter;
    requests.push(
      { insertDimension: { range: columns(at, at + 1), inheritFromBefore: at > 0 } },
      {
        updateDimensionProperties: {
          range: columns(at, at + 1),
          properties: { hiddenByUser: true },
          fields: 'hiddenByUser',
        },
      },
    );
  }
  if (w.column)
    requests.push({
      updateCells: {
        start: { sheetId, rowIndex: 0, columnIndex: w.column.column - 1 },
        // stringValue is stored as the text it is (never read as a date, number or formula).
        rows: w.column.values.map((v) => ({
          values: [{ userEnteredValue: typeof v === 'number' ? { numberValue: v } : { stringValue: v } }],
        })),
        fields: 'userEnteredValue',
      },
    });
  const deleted = [...(w.deleteRules ?? [])].sort((a, b) => b - a);
  for (const index of deleted) requests.push({ deleteConditionalFormatRule: { sheetId, index } });
  const kept = view.rules.length - deleted.length;
  (w.addRules ?? []).forEach((r, i) => {
    requests.push({
      addConditionalFormatRule: {
        index: kept + i,
        rule: {
          ranges: [gridOf(sheetId, r.range)],
          booleanRule: {
            condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: r.formula }] },
            format: { backgroundColorStyle: { rgbColor: rgb(r.fill) } },
          },
        },
      },
    });
  });
  const v = w.listValidation;
  if (v)
    for (const range of v.ranges)
      requests.push({
        setDataValidation: {
          range: gridOf(sheetId, range),
          rule: {
            condition: { type: 'ONE_OF_LIST', values: v.choices.map((c) => ({ userEnteredValue: c })) },
            strict: false,
            showCustomUi: true,
            inputMessage: v.helpText,
          },
        },
      });
  for (const c of [...(w.deleteColumns ?? [])].sort((a, b) => b - a))
    requests.push({ deleteDimension: { range: columns(c - 1, c) } });
  for (const m of w.meta ?? []) {
    const current = (m.doc ? view.docMeta : view.meta)[m.key];
    const lookup = current ? { developerMetadataLookup: { metadataId: current.id } } : null;
    if (m.value === null) {
      if (lookup) requests.push({ deleteDeveloperMetadata: { dataFilter: lookup } });
    } else if (lookup)
      requests.push({
        updateDeveloperMetadata: {
          dataFilters: [lookup],
          developerMetadata: { metadataValue: m.value },
          fields: 'metadataValue',
        },
      });
    else
      requests.push({
        createDeveloperMetadata: {
          developerMetadata: {
            metadataId: metadataIdOf(m.key, m.doc ? 'document' : String(sheetId)),
            metadataKey: m.key,
            metadataValue: m.value,
            location: m.doc ? { spreadsheet: true } : { sheetId },
            visibility: 'DOCUMENT',
          },
        },
      });
  }
  if (!requests.length) return;
  try {
    sheetsApi().Spreadsheets.batchUpdate({ requests }, documentId(sheet));
  } catch (e) {
    // Refused whole: if an entry this batch was to create now exists, another execution wrote
    // the same thing since our read (metadataIdOf) — say so; otherwise the error as it is.
    const created = requests.map((r) => r.createDeveloperMetadata?.developerMetadata?.metadataId);
    if (created.some((id) => id !== undefined && metadataExists(sheet, id)))
      throw new UserError(
        'Лист только что изменил другой пользователь или задача, ничего не записано. Повторите действие.',
        technicalDetail(e),
      );
    throw e;
  }
}

/** Whether the spreadsheet has a developer-metadata entry with this id (one call, on a failure only). */
function metadataExists(sheet: GoogleAppsScript.Spreadsheet.Sheet, metadataId: number): boolean {
  const got = sheetsApi().Spreadsheets.get(documentId(sheet), {
    fields: 'developerMetadata/metadataId,sheets/developerMetadata/metadataId',
  });
  const ids = (got.developerMetadata ?? []).concat(
    ...(got.sheets ?? []).map((x) => x.developerMetadata ?? []),
  );
  return ids.some((m) => m.metadataId === metadataId);
}

// ---- The same through SpreadsheetApp, for AuthMode.LIMITED (onEdit) ----------------------------

/** The add-in's metadata entry `key` on a sheet (one round trip: finder builders are local), or null. */
export function sheetMetaLimited(sheet: GoogleAppsScript.Spreadsheet.Sheet, key: string): LimitedMeta | null {
  const found = sheet.createDeveloperMetadataFinder().withKey(key).find()[0];
  return found
    ? { meta: { [key]: { id: found.getId(), value: found.getValue() ?? '' } }, native: { [key]: found } }
    : null;
}

/** Metadata entries read through SpreadsheetApp: their values, and the objects to write them with. */
export interface LimitedMeta {
  meta: Record<string, MetaView>;
  native: Record<string, GoogleAppsScript.Spreadsheet.DeveloperMetadata>;
}

/**
 * The sheet through SpreadsheetApp: values and rules (two calls); the names and time zone as the
 * sheet state last recorded them (`env`), the metadata entries the caller already found.
 */
export function readSheetViewLimited(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  env: { timeZone: string; title: string; sheetName: string },
  found: LimitedMeta,
): SheetView {
  const rules = sheet.getConditionalFormatRules();
  return {
    sheetId: sheet.getSheetId(),
    sheetName: env.sheetName,
    title: env.title,
    timeZone: env.timeZone,
    values: sheetValues(sheet),
    rules: rules.map((r) => ({
      formula: customFormulaOf(r),
      ranges: r.getRanges().map((g) => ({
        row: g.getRow(),
        column: g.getColumn(),
        rows: g.getNumRows(),
        columns: g.getNumColumns(),
      })),
    })),
    meta: found.meta,
    docMeta: {},
    validations: null,
    native: { rules, meta: found.native },
  };
}

/**
 * All values up to the last row and column with data, in one round trip: getSheetValues with −1
 * («the very last row or column that has data», Apps Script's reference) instead of getDataRange
 * then getValues. An empty sheet (or a runtime that refuses −1) falls back to the two calls.
 */
export function sheetValues(sheet: GoogleAppsScript.Spreadsheet.Sheet): unknown[][] {
  try {
    const values = sheet.getSheetValues(1, 1, -1, -1) as unknown[][];
    if (Array.isArray(values) && values.length > 0) return values;
  } catch {
    // below
  }
  return sheet.getDataRange().getValues() as unknown[][];
}

/** `w` through SpreadsheetApp: the parts a re-highlight writes (a column, the rules, the sheet's metadata). */
export function applySheetWriteLimited(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  view: SheetView,
  w: SheetWrite,
): void {
  if (w.listValidation || w.deleteColumns?.length || !view.native)
    throw new Error('applySheetWriteLimited: not a write of the SpreadsheetApp path');
  if (w.insertHiddenColumnAfter !== undefined) {
    sheet.insertColumnAfter(w.insertHiddenColumnAfter);
    sheet.hideColumns(w.insertHiddenColumnAfter + 1);
  }
  if (w.column) {
    const cells = w.column.values.map((v) => [v]);
    sheet.getRange(1, w.column.column, cells.length, 1).setValues(cells);
  }
  if (w.deleteRules?.length || w.addRules?.length) {
    const gone = new Set(w.deleteRules ?? []);
    const kept = view.native.rules.filter((_, i) => !gone.has(i));
    const added = (w.addRules ?? []).map((r) =>
      formulaRule(
        r.formula,
        r.fill,
        sheet.getRange(r.range.row, r.range.column, r.range.rows, r.range.columns),
      ),
    );
    sheet.setConditionalFormatRules(kept.concat(added));
  }
  for (const m of w.meta ?? []) {
    if (m.doc) continue; // the settings' copy is the menu actions' (Sheets API) business
    const current = view.native.meta[m.key];
    if (m.value === null) current?.remove();
    else if (current) current.setValue(m.value);
    else sheet.addDeveloperMetadata(m.key, m.value);
  }
}
