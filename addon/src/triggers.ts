// The daily run (highlight + sync) as an installable time trigger. Add-ons may run such triggers at
// most once an hour; once a day is what is needed. Requires the script.scriptapp scope.
// An installable trigger belongs to the editor who created it and to this document: another editor
// can neither see nor delete it. So the document's properties name the one trigger that should run
// (`cluster.dailyTrigger`); any other dailyRun trigger — an editor's older one, or one left after
// the daily run was switched off by someone else — deletes itself when it fires.
import { technicalDetail, UserError } from './gas.ts';

export const DAILY_HANDLER = 'dailyRun';
export const DAILY_TRIGGER_KEY = 'cluster.dailyTrigger';

function myDailyTriggers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  // getUserTriggers(document), not getProjectTriggers(): the latter lists this user's triggers of
  // every document the add-on runs in, and deleting those would stop other spreadsheets' runs.
  return ScriptApp.getUserTriggers(ss).filter((t) => t.getHandlerFunction() === DAILY_HANDLER);
}

/**
 * Makes sure this user has the daily trigger named `current` (creating it if not); returns the id
 * to store. Throws a UserError, changing nothing, when Google refuses (test deployments do).
 */
export function ensureDailyTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, current: string): string {
  const mine = myDailyTriggers(ss);
  if (current && mine.some((t) => t.getUniqueId() === current)) return current;
  let created: GoogleAppsScript.Script.Trigger;
  try {
    created = ScriptApp.newTrigger(DAILY_HANDLER).timeBased().everyDays(1).atHour(6).create();
  } catch (e) {
    throw new UserError(
      'Ежедневный запуск не включён: Google не разрешил создать задание по расписанию. В тестовом ' +
        'развёртывании дополнения такие задания не работают — установите дополнение из Marketplace ' +
        'или используйте шаблон таблицы со встроенным скриптом.',
      technicalDetail(e),
    );
  }
  for (const t of mine) ScriptApp.deleteTrigger(t);
  return created.getUniqueId();
}

/** Deletes this user's daily triggers in this document (other editors' ones stop themselves). */
export function removeDailyTriggers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, only?: string): void {
  for (const t of myDailyTriggers(ss)) if (!only || t.getUniqueId() === only) ScriptApp.deleteTrigger(t);
}
