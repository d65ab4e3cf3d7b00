// The one thin adapter over Apps Script services the add-in uses: everything else is plain logic.
import { isoInTimeZone } from '@cluster/shared';

export const APP_TITLE = 'Кластер';

export function spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

export function activeSheet(): GoogleAppsScript.Spreadsheet.Sheet {
  return spreadsheet().getActiveSheet();
}

export function sheetById(id: number): GoogleAppsScript.Spreadsheet.Sheet | null {
  for (const s of spreadsheet().getSheets()) if (s.getSheetId() === id) return s;
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

export function showSidebar(file: string, title: string): void {
  ui().showSidebar(HtmlService.createHtmlOutputFromFile(file).setTitle(title));
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

/** The custom formula of a rule, or null for any other kind of rule. */
export function customFormulaOf(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): string | null {
  const condition = rule.getBooleanCondition();
  if (!condition || condition.getCriteriaType() !== SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA)
    return null;
  return String(condition.getCriteriaValues()[0] ?? '');
}

export type FetchResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;

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

/** Installs (or removes) the one daily time trigger of `handler`. */
export function setDailyTimeTrigger(handler: string, on: boolean, hour: number): void {
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === handler) ScriptApp.deleteTrigger(t);
  }
  if (on) ScriptApp.newTrigger(handler).timeBased().everyDays(1).atHour(hour).create();
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

/** An error whose message is meant for the user as it is. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Runs a menu action: a UserError becomes an alert; anything else is reported with its text. */
export function runAction(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    const message = e instanceof UserError ? e.message : `Не удалось выполнить действие: ${String(e)}`;
    alert(message);
  }
}
