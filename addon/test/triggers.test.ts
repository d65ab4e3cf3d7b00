// The daily run's trigger under Apps Script's rules: installable triggers belong to the editor who
// made them and to one document, and test deployments have none.
import { STATE_FILL } from '@cluster/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, PLAN, worldWith } from './helpers.ts';

beforeAll(ensureBuilt);

const FORM = {
  serviceUrl: '',
  cluster: 'smolensk-light',
  token: '',
  periodStart: '',
  periodEnd: '',
  soonDays: 14,
  autoDaily: true,
};

describe('the daily trigger', () => {
  it('in a test deployment: a clear message, and the box stays unticked', () => {
    const w = worldWith(PLAN, { deployment: 'test' });
    expect(() => w.call('saveSettings', FORM)).toThrow(
      /^Ежедневный запуск не включён: .*\nПодробности: .*test deployments/s,
    );
    expect(w.services.documentProperties.get('cluster.autoDaily')).toBeUndefined();
    expect(w.call<{ autoDaily: boolean }>('getSettings').autoDaily).toBe(false);
    expect(w.services.triggers).toEqual([]);
  });

  it("saving settings leaves this user's daily runs of other spreadsheets alone", () => {
    const w = worldWith(PLAN);
    const other = {
      id: 'other',
      handler: 'dailyRun',
      user: w.services.user,
      documentId: 'another-spreadsheet',
    };
    w.services.triggers.push({ ...other });
    w.call('saveSettings', FORM);
    w.call('saveSettings', { ...FORM, autoDaily: false });
    expect(w.services.triggers).toEqual([other]);
  });

  it("another editor switches the daily run off: the creator's trigger stops itself at its next run", () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('saveSettings', FORM); // the coordinator ticks the box
    const [mine] = w.services.triggers;
    w.services.user = 'deputy@example.ru'; // another editor unticks it; they cannot see the trigger
    w.call('saveSettings', { ...FORM, autoDaily: false });
    expect(w.services.triggers).toHaveLength(1);
    w.runTimeTrigger(mine.id);
    expect(w.services.triggers).toEqual([]);
    expect(sheet.rules).toEqual([]); // nothing highlighted
    expect(w.services.documentProperties.get('cluster.lastDailyRun')).toMatch(/выключен в настройках/);
  });

  it('two editors tick the box: only the newest trigger runs, the older one stops itself', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('saveSettings', FORM);
    const [first] = w.services.triggers;
    w.services.user = 'deputy@example.ru';
    w.call('saveSettings', FORM);
    const second = w.services.triggers.find((t) => t.user === 'deputy@example.ru');
    w.runTimeTrigger(first.id);
    expect(w.services.triggers.map((t) => t.id)).toEqual([second?.id]);
    expect(sheet.rules).toEqual([]);
    w.runTimeTrigger(second?.id ?? '');
    expect(w.background(sheet, 31, 2, '2019-01-15')).toBe(STATE_FILL.overdue);
  });

  it('a failure of the daily run is shown in the settings', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('saveSettings', FORM);
    w.model.sheets.splice(0, 1, w.model.addSheet('Другой')); // the chosen sheet deleted
    w.model.sheets.length = 1;
    w.model.activeSheetId = w.model.sheets[0].id;
    w.runTimeTrigger(w.services.triggers[0].id);
    expect(w.call<{ lastDailyRun: string }>('getSettings').lastDailyRun).toMatch(
      /ошибка: лист из настроек удалён/,
    );
  });
});
