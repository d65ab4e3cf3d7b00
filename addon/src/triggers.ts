// The daily run (highlight + sync) as an installable time trigger. Add-ons may run such triggers at
// most once an hour; once a day is what is needed. Requires the script.scriptapp scope.
import { setDailyTimeTrigger } from './gas.ts';

export const DAILY_HANDLER = 'dailyRun';

export function setDailyTrigger(on: boolean): void {
  setDailyTimeTrigger(DAILY_HANDLER, on, 6);
}
