// «Настройки кластера»: stored in document properties, token never read back in full, the daily trigger.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROADMAP, worldWith } from './helpers.ts';

beforeAll(ensureBuilt);

const FORM = {
  serviceUrl: 'https://cluster.example.ru/',
  cluster: 'tomsk-build',
  token: 'cst_secret_token_1234abcd',
  periodStart: '2021-01-01',
  periodEnd: '2021-12-31',
  soonDays: '10',
  autoDaily: false,
};

describe('settings', () => {
  it('opens the sidebar; saves to document properties; shows only the token hint', () => {
    const w = worldWith(ROADMAP);
    w.call('showSettings');
    expect(w.ui.sidebars[0]).toMatchObject({ title: 'Настройки кластера', file: 'settings' });
    expect(w.call('getSettings')).toMatchObject({
      serviceUrl: '',
      cluster: '',
      tokenHint: '',
      soonDays: 14,
      autoDaily: false,
    });
    const view = w.call('saveSettings', FORM);
    expect(view).toEqual({
      serviceUrl: 'https://cluster.example.ru',
      cluster: 'tomsk-build',
      tokenHint: '••••abcd',
      periodStart: '2021-01-01',
      periodEnd: '2021-12-31',
      soonDays: 10,
      autoDaily: false,
      lastDailyRun: '',
      lastTriggerError: '',
    });
    expect(JSON.stringify(w.call('getSettings'))).not.toContain('secret');
    expect(w.services.documentProperties.get('cluster.token')).toBe(FORM.token);
    // An empty token field keeps the stored token.
    w.call('saveSettings', { ...FORM, token: '', cluster: 'tomsk-build-2' });
    expect(w.services.documentProperties.get('cluster.token')).toBe(FORM.token);
    expect(w.services.documentProperties.get('cluster.slug')).toBe('tomsk-build-2');
    // Slugs are lower-case on the service: a capital typed in the form is lowered.
    expect(w.call('saveSettings', { ...FORM, token: '', cluster: ' Tomsk-Build ' })).toMatchObject({
      cluster: 'tomsk-build',
    });
  });

  it.each([
    [{ serviceUrl: 'cluster.example.ru' }, /Адрес сервиса/],
    [{ cluster: 'Томск стройка' }, /Кластер:/],
    [{ cluster: 'tomsk_build' }, /Кластер: латинские буквы, цифры и дефис/],
    [{ periodEnd: '' }, /обе даты/],
    [{ periodStart: '2022-01-01' }, /начало позже окончания/],
    [{ soonDays: '-1' }, /от 0 до 365/],
  ])('rejects %o with a message naming the field', (patch, message) => {
    const w = worldWith(ROADMAP);
    expect(() => w.call('saveSettings', { ...FORM, ...patch })).toThrow(message);
    expect(w.services.documentProperties.size).toBe(0);
  });

  it('the period and soon-window change what highlight colours', () => {
    const w = worldWith(ROADMAP, { now: '2021-03-20T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('saveSettings', { ...FORM, soonDays: '0', periodStart: '2020-01-01', periodEnd: '2021-12-31' });
    w.call('highlightDeadlines');
    expect(sheet.rules.find((r) => String(r.values[0]).includes('due_soon'))?.values[0]).toContain(
      '-TODAY()<=0',
    );
    // With the user's period 2020–2021, «март 2020г.» (row 19) is no longer outside the period.
    const r = w.call<{ problems: { row: number; code: string }[] }>('listProblems');
    expect(r.problems.filter((p) => p.row === 19 && p.code === 'deadline_outside_period')).toEqual([]);
  });

  it('daily run on: one time trigger at most daily; off removes it; the run highlights the chosen sheet', () => {
    const w = worldWith(ROADMAP, { now: '2021-06-01T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('saveSettings', { ...FORM, serviceUrl: '', autoDaily: true });
    expect(w.services.triggers).toEqual([
      {
        id: expect.any(String),
        handler: 'dailyRun',
        everyDays: 1,
        atHour: 6,
        user: 'coordinator@example.ru',
        documentId: w.model.id,
      },
    ]);
    w.call('saveSettings', { ...FORM, serviceUrl: '', autoDaily: true });
    expect(w.services.triggers).toHaveLength(1);
    // The trigger fires while another sheet is active: it works on the sheet chosen in the settings.
    w.model.activeSheetId = w.model.addSheet('Другой').id;
    w.runTimeTrigger(w.services.triggers[0].id);
    expect(sheet.rules).toHaveLength(4);
    expect(w.services.documentProperties.get('cluster.lastDailyRun')).toMatch(/подсветка обновлена$/);
    w.model.activeSheetId = sheet.id;
    w.call('saveSettings', { ...FORM, autoDaily: false });
    expect(w.services.triggers).toEqual([]);
  });
});
