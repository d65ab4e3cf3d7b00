// Every global Apps Script sees: menu callbacks, triggers and google.script.run targets. The build
// turns each export into a top-level `function name(){…}` wrapper.
import './jitless.ts';
import { postArchive } from './archive.ts';
import { type CheckResult, collectProblems, markValidation } from './check.ts';
import { CONTACTS_SHEET, putContacts, sheetContacts } from './contacts-sheet.ts';
import {
  activeSheet,
  alert,
  applySheetWrite,
  applySheetWriteLimited,
  confirm,
  documentProperties,
  type MetaWrite,
  readDocMeta,
  readSheetView,
  readSheetViewLimited,
  reportTriggerFailure,
  runAction,
  type SheetView,
  type SheetWrite,
  sheetById,
  sheetIn,
  sheetMetaLimited,
  sheetValues,
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
import { adoptLegacyColumns, findHelperColumns } from './helper-columns.ts';
import { editMatters, leftByEarlierVersion, planClear, planHighlight, summaryText } from './highlight.ts';
import { buildMenu } from './menu.ts';
import { type ImportResult, importDecisions } from './protocol-import.ts';
import { rowIdentity } from './row-identity.ts';
import {
  mergeSettings,
  readSettings,
  SETTINGS_KEY,
  type Settings,
  type SettingsInput,
  type SettingsView,
  settingsCopy,
  settingsFromCopy,
  settingsView,
  writeSettings,
} from './settings-store.ts';
import { contentHash, readState, readValidated, STATE_KEY, writeValidated } from './sheet-state.ts';
import { envOf, readOf, readSheet, takeSnapshot } from './snapshot.ts';
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
 * Any other edit costs one read: the sheet state (developer metadata on the sheet). A simple trigger
 * runs in AuthMode.LIMITED, without advanced services: this path reads and writes through
 * SpreadsheetApp. A failure is shown as a toast (a simple trigger has no dialogs) and kept for the
 * settings sidebar.
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const range = e?.range;
    if (!range) return;
    const sheet = range.getSheet();
    const found = sheetMetaLimited(sheet, STATE_KEY);
    const state = found && readState(found.meta);
    if (!found || !state?.watch || !editMatters(state, range)) return;
    const view = readSheetViewLimited(sheet, state, found);
    const plan = planHighlight(sheet, view, readSettings());
    const write = plan.write;
    if (write) withDocumentLock(() => applySheetWriteLimited(sheet, view, write));
  } catch (err) {
    reportTriggerFailure('Подсветка не обновилась после правки', err);
  }
}

/** A sheet read for a menu action, with the settings it needs and their copy to write if it is missing. */
interface ActionRead {
  view: SheetView;
  settings: Settings;
  /** The settings' copy, when the read found none (or an outdated one): written with the action's changes. */
  copy: MetaWrite | null;
}

/**
 * One Sheets API read of the sheet. The settings come from their copy in it; only where there is
 * none are the document's properties read (given `props`, they are used and the copy checked).
 */
function readForAction(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  opts: { validations?: boolean } = {},
  props?: Record<string, string>,
): ActionRead {
  const view = readSheetView(sheet, opts);
  const raw = view.docMeta[SETTINGS_KEY]?.value;
  const fromCopy = props ? null : settingsFromCopy(raw);
  if (fromCopy) return { view, settings: fromCopy, copy: null };
  const settings = readSettings(props);
  const value = settingsCopy(settings);
  return { view, settings, copy: value === raw ? null : { key: SETTINGS_KEY, value, doc: true } };
}

/** Writes an action's changes (and the settings' copy) in one batchUpdate, under the document lock. */
function writeSheet(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  view: SheetView,
  write: SheetWrite | null,
  copy: MetaWrite | null,
): void {
  if (!write) return;
  const all = copy ? { ...write, meta: [...(write.meta ?? []), copy] } : write;
  withDocumentLock(() => applySheetWrite(sheet, view, all));
}

/**
 * An earlier version's helper columns (found by their metadata) converted before the sheet is used,
 * then the sheet read again; `when` says whether there may be any.
 */
function adoptedView(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  read: ActionRead,
  when: (view: SheetView) => boolean,
  opts: { validations?: boolean } = {},
): ActionRead {
  if (!when(read.view)) return read;
  const adopted = adoptLegacyColumns(sheet, read.view.values, withDocumentLock);
  return adopted.adopted ? { ...read, view: readSheetView(sheet, opts) } : read;
}

/** Highlights a sheet: one read, and one write where anything differs. */
function highlightSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet, props?: Record<string, string>) {
  const read = adoptedView(sheet, readForAction(sheet, {}, props), leftByEarlierVersion);
  const plan = planHighlight(sheet, read.view, read.settings);
  writeSheet(sheet, read.view, plan.write, read.copy);
  return plan.summary;
}

export function highlightDeadlines(): void {
  runAction(() => {
    toast(summaryText(highlightSheet(activeSheet())));
  });
}

export function clearHighlight(): void {
  runAction(() => {
    const sheet = activeSheet();
    // A rare click: the lock first, and every form of our columns (an earlier version's too).
    const removed = withDocumentLock(() => {
      let view = readSheetView(sheet);
      if (adoptLegacyColumns(sheet, view.values).adopted) view = readSheetView(sheet);
      const plan = planClear(view);
      applySheetWrite(sheet, view, plan.write);
      return plan.removed;
    });
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
  // A sheet this version has never touched (no state, no dropdown record, no marked column) may
  // hold an earlier version's helper columns: looked up once, before they are read as table data.
  const untouched = (view: SheetView): boolean => {
    const helpers = findHelperColumns(view.values);
    return (
      !readState(view.meta) &&
      !readValidated(view.meta) &&
      helpers.due === undefined &&
      helpers.id === undefined
    );
  };
  const opts = { validations: true };
  const { view, settings, copy } = adoptedView(sheet, readForAction(sheet, opts), untouched, opts);
  const read = readOf(sheet, view);
  const snap = takeSnapshot(read, settings, envOf(view));
  const result = collectProblems(snap);
  // The mark dropdown is applied once per content: an unchanged sheet is not written again.
  const hash = contentHash(read.values, JSON.stringify([settings.period, settings.soonDays]), [
    read.helpers.due,
    read.helpers.id,
  ]);
  if (readValidated(view.meta) !== hash) {
    const listValidation = markValidation(snap, view.validations ?? []);
    writeSheet(
      sheet,
      view,
      { ...(listValidation ? { listValidation } : {}), meta: [writeValidated(hash)] },
      copy,
    );
  }
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
    // The copy highlighting and checking read with the sheet (settings-store.ts SETTINGS_KEY).
    const doc = readDocMeta(sheet);
    const copy = settingsCopy(next);
    if (doc.docMeta[SETTINGS_KEY]?.value !== copy)
      applySheetWrite(sheet, doc, { meta: [{ key: SETTINGS_KEY, value: copy, doc: true }] });
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
      highlightSheet(sheet, props);
      report = 'подсветка обновлена';
      if (settings.serviceUrl && settings.cluster && settings.token) report += `; ${syncSheet(sheet)}`;
    }
  } catch (err) {
    report = `ошибка: ${err instanceof UserError ? err.message : technicalDetail(err)}`;
  }
  documentProperties().setProperty('cluster.lastDailyRun', `${new Date().toISOString()} ${report}`);
}
