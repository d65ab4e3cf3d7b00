// The daily run (highlight + sync) as an installable time trigger. Add-ons may run such triggers at
// most once an hour; once a day is what is needed. Requires the script.scriptapp scope.
export const DAILY_HANDLER = 'dailyRun';

export function setDailyTrigger(on: boolean): void {
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === DAILY_HANDLER) ScriptApp.deleteTrigger(t);
  }
  if (on) ScriptApp.newTrigger(DAILY_HANDLER).timeBased().everyDays(1).atHour(6).create();
}
