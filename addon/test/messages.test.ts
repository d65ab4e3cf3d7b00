// Messages a coordinator reads: Russian, no English exception prefixes; technical detail on its
// own «Подробности:» line; a refused permission is not reported as an unreachable service.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, PLAN, worldWith } from './helpers.ts';

beforeAll(ensureBuilt);

const FORM = {
  serviceUrl: 'https://cluster.example.ru',
  cluster: 'smolensk-light',
  token: 'cst_token_0001',
  periodStart: '',
  periodEnd: '',
  soonDays: 14,
  autoDaily: false,
};

describe('messages', () => {
  it('a refused external-request permission says so, with the multi-account hint', () => {
    const w = worldWith(PLAN);
    w.call('saveSettings', FORM);
    w.services.fetchDenied = true;
    w.call('syncNow');
    const message = w.ui.alerts.at(-1)?.message ?? '';
    expect(message).toMatch(/^Нет разрешения обращаться к сервису https:\/\/cluster\.example\.ru\./);
    expect(message).toMatch(/несколько аккаунтов Google/);
    expect(message).not.toMatch(/недоступен/);
    expect(message).toMatch(/\nПодробности: You do not have permission/);
    expect(message).not.toMatch(/Exception:|Error:/);
  });

  it('an unexpected failure: a Russian sentence, the detail on its own line without prefixes', () => {
    const w = worldWith(PLAN);
    w.model.sheets.length = 0; // the active sheet is gone: SpreadsheetApp itself throws
    w.call('highlightDeadlines');
    const message = w.ui.alerts.at(-1)?.message ?? '';
    expect(message).toMatch(/^Не удалось выполнить действие\.\nПодробности: /);
    expect(message).not.toMatch(/Exception:|Error:/);
  });
});
