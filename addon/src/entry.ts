// Every global Apps Script sees: menu callbacks, triggers and google.script.run targets. The build
// turns each export into a top-level `function name(){…}` wrapper.
import './jitless.ts';
import { postArchive } from './archive.ts';
import { applyMarkValidation, type CheckResult, collectProblems } from './check.ts';
import { CONTACTS_SHEET, putContacts, sheetContacts } from './contacts-sheet.ts';
import {
  activeSheet,
  alert,
  confirm,
  documentProperties,
  reportTriggerFailure,
  runAction,
  sheetById,
  sheetIn,
  showDialog,
  showSidebar,
  spreadsheet,
  technicalDetail,
  timeZoneOf,
  toast,
  todayIn,
  UserError,
  withDocumentLock,
} from './gas.ts';
import { adoptLegacyColumns } from './helper-columns.ts';
import { editMatters, highlightSheet, removeHighlight, summaryText } from './highlight.ts';
import { buildMenu } from './menu.ts';
import { type ImportResult, importDecisions } from './protocol-import.ts';
import { rowIdentity } from './row-identity.ts';
import {
  mergeSettings,
  readSettings,
  type SettingsInput,
  type SettingsView,
  settingsView,
  writeSettings,
} from './settings-store.ts';
import { contentHash, readState, readValidated, writeValidated } from './sheet-state.ts';
import { docEnv, readSheet, sheetValues, takeSnapshot } from './snapshot.ts';
import {
  buildPayload,
  checkConnection,
  postSync,
  requireSyncSettings,
  storeRowIds,
  syncSummaryText,
} from './sync.ts';
import { insertTemplate, type TemplateKind } from './templates.ts';
import { ensureDailyTrigger, removeDailyTriggers } from './triggers.ts';

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/**
 * Simple trigger: an edit that can change a colour (a deadline, mark or number of an item, or rows
 * outside the known items) re-highlights the sheet, so a row marked «Выполнено» turns green at once.
 * Any other edit costs one read: the sheet state in the document's properties. A failure is shown
 * as a toast (a simple trigger has no dialogs) and kept for the settings sidebar.
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const range = e?.range;
    if (!range) return;
    const sheet = range.getSheet();
    const props = documentProperties().getProperties();
    const state = readState(props, sheet.getSheetId());
    if (!state?.watch || !editMatters(state, range)) return;
    highlightSheet(sheet, readSettings(props), props);
  } catch (err) {
    reportTriggerFailure('Подсветка не обновилась после правки', err);
  }
}

export function highlightDeadlines(): void {
  runAction(() => {
    const props = documentProperties().getProperties();
    toast(summaryText(highlightSheet(activeSheet(), readSettings(props), props)));
  });
}

export function clearHighlight(): void {
  runAction(() => {
    const removed = withDocumentLock(() => removeHighlight(activeSheet()));
    toast(removed ? 'Подсветка снята.' : 'На этом листе нет подсветки.');
  });
}

/** «Проверить таблицу»: the problems are worked out here and sent with the sidebar (one trip). */
export function checkTable(): void {
  runAction(() => {
    let result: CheckResult | { error: string };
    try {
      result = checkSheet(activeSheet());
    } catch (e) {
      // A sheet without a table: the sidebar itself says why (a user error only; others alert).
      if (!(e instanceof UserError)) throw e;
      result = { error: e.message };
    }
    showSidebar('check', 'Проверка таблицы', result);
  });
}

/** google.script.run target of the check sidebar («Обновить»): problems of the active sheet. */
export function listProblems(): CheckResult {
  return checkSheet(activeSheet());
}

function checkSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): CheckResult {
  const props = documentProperties().getProperties();
  const settings = readSettings(props);
  const read = readSheet(sheet);
  const old = readState(props, read.sheetId);
  // A sheet this version has never touched (no state, no dropdown record, no marked column) may
  // hold an earlier version's helper columns: looked up once, before they are read as table data.
  const untouched =
    !old &&
    !readValidated(props, read.sheetId) &&
    read.helpers.due === undefined &&
    read.helpers.id === undefined;
  if (untouched) read.helpers = withDocumentLock(() => adoptLegacyColumns(sheet, read.values));
  const env = old?.sheetName
    ? { timeZone: old.timeZone, title: old.title, sheetName: old.sheetName }
    : docEnv(sheet);
  const snap = takeSnapshot(read, settings, env);
  const result = collectProblems(snap);
  // The mark dropdown is applied once per content: an unchanged sheet is not written again. Its
  // record is a property of its own, so the sheet state is not rewritten for it.
  const hash = contentHash(read.values, JSON.stringify([settings.period, settings.soonDays]), [
    read.helpers.due,
    read.helpers.id,
  ]);
  if (readValidated(props, read.sheetId) !== hash)
    withDocumentLock(() => {
      applyMarkValidation(snap);
      writeValidated(read.sheetId, hash);
    });
  return result;
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

/** Closes the sheet's plan: a final sync, then the service archives its document (archive.ts). */
export function archivePlan(): void {
  runAction(() => {
    const settings = readSettings();
    requireSyncSettings(settings);
    const sheet = activeSheet();
    const question =
      `Закрыть план листа «${sheet.getName()}»? Лист будет синхронизирован, а план уйдёт в архив: ` +
      'из текущих отчётов и списков сервиса, с сохранением истории.';
    if (!confirm(question)) return;
    alert(
      withDocumentLock(() => {
        const { snap, summary } = sendSheet(sheet, settings);
        return postArchive(settings, summary.documentId, snap.sheetName);
      }),
    );
  });
}

function syncSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): string {
  const settings = readSettings();
  requireSyncSettings(settings);
  if (sheet.getName() === CONTACTS_SHEET) return putContacts(settings, sheetContacts(sheetValues(sheet)));
  return withDocumentLock(() => {
    const { summary, identity } = sendSheet(sheet, settings);
    return syncSummaryText(summary, identity.duplicates);
  });
}

/** Sends the sheet to the service and stores the row ids it gave (under the caller's lock). */
function sendSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet, settings: ReturnType<typeof readSettings>) {
  const read = readSheet(sheet);
  // No marked id column yet: maybe an earlier version's, found by its metadata (once per sheet).
  if (read.helpers.id === undefined) read.helpers = adoptLegacyColumns(sheet, read.values);
  const snap = takeSnapshot(read, settings);
  const identity = rowIdentity(snap.values, snap.userColumns, snap.helpers.id);
  const summary = postSync(settings, buildPayload(snap, settings, identity));
  storeRowIds(snap, summary, identity);
  return { snap, summary, identity };
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

/** google.script.run target of «Проверить подключение»: the form's values (not saved) against the service. */
export function testConnection(input: SettingsInput): string {
  const next = mergeSettings(readSettings(), input, activeSheet().getSheetId());
  requireSyncSettings(next);
  return checkConnection(next);
}

/**
 * google.script.run target: validates, then (un)installs the daily trigger, then stores. The
 * trigger comes first: when Google refuses it (test deployments do), nothing is stored and the
 * box stays unticked.
 */
export function saveSettings(input: SettingsInput): SettingsView {
  const sheet = activeSheet();
  const ss = sheet.getParent();
  const sheetId = sheet.getSheetId();
  return withDocumentLock(() => {
    const old = readSettings();
    const next = mergeSettings(old, input, sheetId);
    if (next.autoDaily) next.dailyTrigger = ensureDailyTrigger(ss, old.dailyTrigger);
    else if (old.autoDaily || old.dailyTrigger) {
      removeDailyTriggers(ss);
      next.dailyTrigger = '';
    }
    writeSettings(next, ss.getId());
    return settingsView(next);
  });
}

/**
 * Time-driven trigger: highlight (and sync when configured) the sheet named in the settings. A
 * trigger that is not the one the settings name (the daily run was switched off, or another
 * editor's newer trigger replaced it) deletes itself and does nothing else.
 */
export function dailyRun(e?: { triggerUid?: string }): void {
  let report = '';
  try {
    const ss = spreadsheet();
    const props = documentProperties().getProperties();
    const settings = readSettings(props);
    const uid = e?.triggerUid ?? '';
    if (!settings.autoDaily || (uid && settings.dailyTrigger && uid !== settings.dailyTrigger)) {
      removeDailyTriggers(ss, uid || undefined);
      report = 'ежедневный запуск выключен в настройках — задание удалено';
    } else {
      const sheet = settings.sheetId === null ? null : sheetIn(ss, settings.sheetId);
      if (!sheet)
        throw new UserError('лист из настроек удалён: откройте нужный лист и сохраните «Настройки кластера»');
      highlightSheet(sheet, settings, props);
      report = 'подсветка обновлена';
      if (settings.serviceUrl && settings.cluster && settings.token) report += `; ${syncSheet(sheet)}`;
    }
  } catch (err) {
    report = `ошибка: ${err instanceof UserError ? err.message : technicalDetail(err)}`;
  }
  documentProperties().setProperty('cluster.lastDailyRun', `${new Date().toISOString()} ${report}`);
}
