// The cost model (fakes/calls.ts): backend round trips of a use do not grow with the sheet, an
// unchanged sheet writes nothing, and an edit that cannot change a colour costs one read.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, localSettings, PLAN, worldWith } from './helpers.ts';

beforeAll(ensureBuilt);

const WRITE = /\.(set|insert|delete|hide|add|batchUpdate)/;

/**
 * Budgets of one use (highlight + check) in backend round trips, asserted exactly so a regression
 * fails (the targets: ≤ 10, ≤ 5, ≤ 2). Each menu action reads the sheet with ONE Sheets API
 * call (values, rules, validations, the add-in's metadata with the sheet state and the settings'
 * copy, title and time zone) and writes with ONE batchUpdate under the document lock (tryLock, no
 * releaseLock), then shows its toast or sidebar:
 * - first: highlight 5 (read, the document's properties — no settings' copy yet —, tryLock,
 *   batchUpdate, toast) + check 4 (read, tryLock, batchUpdate, sidebar) = 9;
 * - repeat: 2 + 2 (read, toast | read, sidebar): nothing written;
 * - onEdit of a cell no colour depends on: the sheet state (one metadata lookup; LIMITED mode has
 *   no advanced services).
 */
const BUDGET = { first: 9, repeat: 4, edit: 1 };

describe('backend calls', () => {
  it('one use stays within its budget of backend round trips: first, repeated, after an edit', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = w.model.activeSheet();
    sheet.maxColumns = sheet.extent().columns; // no spare column: the helper column is inserted
    const use = (): number => {
      w.log.reset();
      w.call('highlightDeadlines');
      w.call('checkTable');
      return w.log.backend();
    };
    expect(use()).toBe(BUDGET.first);
    expect(w.log.byMethod['SpreadsheetsCollection.batchUpdate']).toBe(2);
    expect(w.log.byMethod['Lock.releaseLock']).toBeUndefined();
    expect(use()).toBe(BUDGET.repeat);
    expect(w.log.byKind.write).toBe(0);
    sheet.edit(31, 3).value = 'Другой исполнитель';
    w.log.reset();
    w.simpleTrigger('onEdit', { range: [31, 3] });
    expect(w.log.backend()).toBe(BUDGET.edit);
  });

  it('once the settings are saved (their copy with the sheet), a first use reads no properties', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('saveSettings', localSettings('10', false));
    w.log.reset();
    w.call('highlightDeadlines');
    w.call('checkTable');
    expect(w.log.byMethod['Properties.getProperties']).toBeUndefined();
    expect(w.log.backend()).toBe(BUDGET.first - 1);
    // The copy carries what was saved: «скоро срок» 10 days in the rules.
    expect(w.model.activeSheet().rules.at(-1)?.values[0]).toMatch(/<=10,/);
  });

  it('the sheet is read in one round trip (the Sheets API, with a fields mask)', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.call('listProblems');
    w.log.reset();
    w.call('listProblems');
    expect(w.log.byMethod['SpreadsheetsCollection.getByDataFilter']).toBe(1);
    expect(w.log.byMethod['Sheet.getSheetValues']).toBeUndefined();
    expect(w.log.backend()).toBe(1);
  });

  it('an empty sheet: one read, and the sidebar says there is no table', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.model.activeSheetId = w.model.addSheet('Пустой').id;
    w.call('checkTable');
    expect(w.log.byMethod['SpreadsheetsCollection.getByDataFilter']).toBe(1);
    expect(w.ui.sidebars.at(-1)?.html).toMatch(/не найдена таблица/);
  });

  it('a repeated highlight + check on an unchanged sheet writes nothing and reads once per action', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.call('checkTable');
    const first = w.log.backend();
    w.log.reset();
    w.call('highlightDeadlines');
    w.call('checkTable');
    expect(Object.keys(w.log.byMethod).filter((m) => WRITE.test(m) && !m.startsWith('HtmlOutput'))).toEqual(
      [],
    );
    expect(w.log.byMethod['SpreadsheetsCollection.getByDataFilter']).toBe(2);
    expect(w.log.byMethod['Lock.tryLock']).toBeUndefined();
    expect(w.log.backend()).toBeLessThan(first);
    expect(w.log.backend()).toBe(BUDGET.repeat);
  });

  it('onEdit of a column that holds no deadline, mark or number: one read, nothing else', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.log.reset();
    w.model.activeSheet().edit(31, 3).value = 'Другой исполнитель';
    w.simpleTrigger('onEdit', { range: [31, 3] });
    expect(w.log.backend()).toBe(1);
    expect(w.log.byMethod['DeveloperMetadataFinder.find']).toBe(1);
  });

  it('onEdit of a mark re-highlights within the simple trigger budget, through SpreadsheetApp', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.log.reset();
    w.model.activeSheet().edit(31, 6).value = 'Выполнено';
    w.simpleTrigger('onEdit', { range: [31, 6] });
    expect(w.log.byMethod['Range.setValues']).toBe(1);
    expect(w.log.byMethod['Sheet.setConditionalFormatRules']).toBeUndefined(); // identical rules kept
    expect(w.log.count('Sheets')).toBe(0); // no advanced services in AuthMode.LIMITED
    expect(w.log.elapsedMs).toBeGreaterThan(0);
    expect(w.log.elapsedMs).toBeLessThan(30_000);
  });
});
