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
  const ui = SpreadsheetApp.getUi();
  ui.alert(APP_TITLE, message, ui.ButtonSet.OK);
}

export function showSidebar(file: string, title: string): void {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile(file).setTitle(title));
}

export function showDialog(file: string, title: string, width: number, height: number): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setWidth(width).setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(html, title);
}

export function documentProperties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
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
