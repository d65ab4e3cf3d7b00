// The one thin adapter over Apps Script services the add-in uses: everything else is plain logic.
import { isoInTimeZone } from '@cluster/shared';

export const APP_TITLE = 'Кластер';

export const SPREADSHEET_ID_KEY = 'cluster.spreadsheetId';

/**
 * The add-in's document. A time-driven trigger is not promised an active spreadsheet, so there the
 * document is opened explicitly by the id saved with the settings (spreadsheets.currentonly allows
 * opening the document the add-on is installed in).
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

/** Runs `fn` holding the document lock, so two editors clicking at once do not interleave writes. */
export function withDocumentLock<T>(fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(20_000)) {
    throw new UserError('Таблицу сейчас изменяет другой пользователь или задача. Повторите через минуту.');
  }
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
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
