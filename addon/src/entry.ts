// Every global Apps Script sees: menu callbacks, triggers and google.script.run targets. The build
// turns each export into a top-level `function name(){…}` wrapper.
import './jitless.ts';
import { applyMarkValidation, type CheckResult, collectProblems } from './check.ts';
import { CONTACTS_SHEET, putContacts, sheetContacts } from './contacts-sheet.ts';
import {
  activeSheet,
  alert,
  documentProperties,
  runAction,
  sheetById,
  showDialog,
  showSidebar,
  spreadsheet,
  timeZoneOf,
  toast,
  todayIn,
  UserError,
  withDocumentLock,
} from './gas.ts';
import { findHelperColumns } from './helper-columns.ts';
import { applyHighlight, removeHighlight, summaryText } from './highlight.ts';
import { buildMenu } from './menu.ts';
import { type ImportResult, importDecisions } from './protocol-import.ts';
import {
  mergeSettings,
  readSettings,
  type SettingsInput,
  type SettingsView,
  settingsView,
  writeSettings,
} from './settings-store.ts';
import { takeSnapshot } from './snapshot.ts';
import { buildPayload, postSync, requireSyncSettings, storeRowIds, syncSummaryText } from './sync.ts';
import { insertTemplate, type TemplateKind } from './templates.ts';
import { setDailyTrigger } from './triggers.ts';

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/**
 * Simple trigger: an edit on a highlighted sheet re-reads it, so a row marked «Выполнено» or a
 * deadline moved turns the right colour at once, not at the next click or daily run. Sheets the
 * add-in has not highlighted are left alone after one metadata lookup.
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const sheet = e?.range ? e.range.getSheet() : activeSheet();
    if (!findHelperColumns(sheet).due) return;
    const settings = readSettings();
    withDocumentLock(() => applyHighlight(takeSnapshot(sheet, settings), settings));
  } catch {
    // A simple trigger has nowhere to show a message; the next click reports any problem.
  }
}

export function highlightDeadlines(): void {
  runAction(() => {
    const settings = readSettings();
    const summary = withDocumentLock(() => applyHighlight(takeSnapshot(activeSheet(), settings), settings));
    toast(summaryText(summary));
  });
}

export function clearHighlight(): void {
  runAction(() => {
    const removed = withDocumentLock(() => removeHighlight(activeSheet()));
    toast(removed ? 'Подсветка снята.' : 'На этом листе нет подсветки.');
  });
}

export function checkTable(): void {
  runAction(() => showSidebar('check', 'Проверка таблицы'));
}

/** google.script.run target of the check sidebar: problems of the active sheet. */
export function listProblems(): CheckResult {
  const settings = readSettings();
  return withDocumentLock(() => {
    const snap = takeSnapshot(activeSheet(), settings);
    const result = collectProblems(snap);
    applyMarkValidation(snap);
    return result;
  });
}

/** google.script.run target: selects a problem's cell. */
export function selectCell(sheetId: number, row: number, column: number): void {
  const sheet = sheetById(sheetId);
  if (!sheet) throw new Error('Лист не найден: возможно, он удалён.');
  sheet.activate();
  sheet.getRange(row, column).activate();
}

export function syncNow(): void {
  runAction(() => alert(syncSheet(activeSheet())));
}

function syncSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): string {
  const settings = readSettings();
  requireSyncSettings(settings);
  if (sheet.getName() === CONTACTS_SHEET)
    return putContacts(settings, sheetContacts(sheet.getDataRange().getValues()));
  return withDocumentLock(() => {
    const snap = takeSnapshot(sheet, settings);
    const summary = postSync(settings, buildPayload(snap, settings));
    storeRowIds(snap, summary);
    return syncSummaryText(summary);
  });
}

function insertTemplateAction(kind: TemplateKind): void {
  runAction(() => {
    const ss = spreadsheet();
    withDocumentLock(() => insertTemplate(ss, kind, Number(todayIn(timeZoneOf(ss)).slice(0, 4))));
    toast('Шаблон вставлен на новый лист.');
  });
}

export function insertRoadmapTemplate(): void {
  insertTemplateAction('roadmap');
}

export function insertWorkPlanTemplate(): void {
  insertTemplateAction('work_plan');
}

export function insertDecisionsTemplate(): void {
  insertTemplateAction('decisions');
}

export function showProtocolDialog(): void {
  runAction(() => showDialog('protocol', 'Решения из протокола', 640, 520));
}

/** google.script.run target of the protocol dialog. */
export function importProtocol(text: string): ImportResult {
  const ss = spreadsheet();
  const settings = readSettings();
  const today = todayIn(timeZoneOf(ss));
  return withDocumentLock(() => importDecisions(ss, text, today, settings));
}

export function showSettings(): void {
  runAction(() => showSidebar('settings', 'Настройки кластера'));
}

/** google.script.run target of the settings sidebar. */
export function getSettings(): SettingsView {
  return settingsView(readSettings());
}

/** google.script.run target: validates, stores, (un)installs the daily trigger; returns the new view. */
export function saveSettings(input: SettingsInput): SettingsView {
  const sheetId = activeSheet().getSheetId();
  // Properties and the trigger list change together: under the lock, two saves do not interleave.
  return withDocumentLock(() => {
    const old = readSettings();
    const next = mergeSettings(old, input, sheetId);
    writeSettings(next);
    if (next.autoDaily !== old.autoDaily || next.autoDaily) setDailyTrigger(next.autoDaily);
    return settingsView(next);
  });
}

/** Time-driven trigger: highlight (and sync when configured) the sheet named in the settings. */
export function dailyRun(): void {
  const settings = readSettings();
  const sheet = settings.sheetId === null ? null : sheetById(settings.sheetId);
  const props = documentProperties();
  let report = '';
  try {
    if (!sheet)
      throw new UserError('лист из настроек удалён: откройте нужный лист и сохраните «Настройки кластера»');
    withDocumentLock(() => applyHighlight(takeSnapshot(sheet, settings), settings));
    report = 'подсветка обновлена';
    if (settings.serviceUrl && settings.cluster && settings.token) report += `; ${syncSheet(sheet)}`;
  } catch (e) {
    report = `ошибка: ${e instanceof UserError ? e.message : String(e)}`;
  }
  props.setProperty('cluster.lastDailyRun', `${new Date().toISOString()} ${report}`);
}
