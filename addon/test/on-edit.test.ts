// The onEdit simple trigger: a highlighted sheet recolours a row as soon as its mark or deadline is
// edited; other sheets are not written to; failures stay silent (no UI in a simple trigger).
import { STATE_FILL } from '@cluster/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, PLAN, worldWith } from './helpers.ts';
import { modelJson } from './user-formatting.ts';

beforeAll(ensureBuilt);

const TODAY = '2019-01-15';
const WRITE = /^(Range|Sheet|Spreadsheet)\.(set|insert|delete|hide|add)/;

function writes(log: Record<string, number>): number {
  return Object.entries(log)
    .filter(([m]) => WRITE.test(m))
    .reduce((n, [, c]) => n + c, 0);
}

describe('onEdit', () => {
  it('a mark typed in, then a deadline moved: the row recolours without a click', () => {
    const w = worldWith(PLAN, { now: `${TODAY}T09:00:00Z` });
    const sheet = w.model.activeSheet();
    w.call('highlightDeadlines');
    // Row 31 (1.4, «Сентябрь 2018») is overdue on 15.01.2019.
    expect(w.background(sheet, 31, 2, TODAY)).toBe(STATE_FILL.overdue);
    sheet.edit(31, 6).value = 'Выполнено';
    expect(w.background(sheet, 31, 2, TODAY)).toBe(STATE_FILL.overdue); // the rules alone cannot see it
    w.simpleTrigger('onEdit', { range: [31, 6] });
    expect(w.background(sheet, 31, 2, TODAY)).toBe(STATE_FILL.done);

    // Row 33 (1.6, «Ноябрь 2018») is overdue; moved to March 2019 it is not coloured, then to
    // 20.01.2019 it is due soon.
    expect(w.background(sheet, 33, 2, TODAY)).toBe(STATE_FILL.overdue);
    sheet.edit(33, 4).value = 'Март 2019';
    w.simpleTrigger('onEdit', { range: [33, 4] });
    expect(w.background(sheet, 33, 2, TODAY)).toBeNull();
    sheet.edit(33, 4).value = w.dateCell('2019-01-20');
    w.simpleTrigger('onEdit', { range: [33, 4] });
    expect(w.background(sheet, 33, 2, TODAY)).toBe(STATE_FILL.due_soon);
    expect(sheet.rules).toHaveLength(4);
    expect(w.ui.alerts).toEqual([]);
  });

  it('an edit that moves no due writes no helper cells', () => {
    const w = worldWith(PLAN, { now: `${TODAY}T09:00:00Z` });
    const sheet = w.model.activeSheet();
    w.call('highlightDeadlines'); // through the Sheets API: no Range.setValues
    const setValues = w.log.byMethod['Range.setValues'] ?? 0;
    sheet.edit(31, 5).value = 'Подписаны соглашения с тремя работодателями';
    w.simpleTrigger('onEdit', { range: [31, 5] });
    expect(w.log.byMethod['Range.setValues'] ?? 0).toBe(setValues);
    // The next edit that does move a due writes it.
    sheet.edit(31, 6).value = 'Выполнено';
    w.simpleTrigger('onEdit', { range: [31, 6] });
    expect(w.log.byMethod['Range.setValues']).toBe(setValues + 1);
  });

  it('a sheet that is not highlighted is only looked at, never written', () => {
    const w = worldWith(PLAN, { now: `${TODAY}T09:00:00Z` });
    const before = modelJson(w);
    w.simpleTrigger('onEdit', { range: [31, 6] });
    expect(writes(w.log.byMethod)).toBe(0);
    // One read: no sheet state (developer metadata on the sheet) says the sheet is not highlighted.
    expect(w.log.byMethod['DeveloperMetadataFinder.find']).toBe(1);
    expect(w.log.backend()).toBe(1);
    expect(modelJson(w)).toBe(before);
  });

  it('stays silent when the lock is held or the table is gone, and changes nothing', () => {
    const w = worldWith(PLAN, { now: `${TODAY}T09:00:00Z` });
    const sheet = w.model.activeSheet();
    w.call('highlightDeadlines');
    sheet.edit(31, 6).value = 'Выполнено';
    w.services.lockBusy = true;
    const before = modelJson(w);
    w.simpleTrigger('onEdit', { range: [31, 6] });
    expect(modelJson(w)).toBe(before);
    w.services.lockBusy = false;
    // The user cleared the header row: no table to read, nothing written, no dialog.
    for (let c = 1; c <= 6; c++) sheet.edit(26, c).value = '';
    const cleared = modelJson(w);
    w.simpleTrigger('onEdit', { range: [31, 6] });
    expect(modelJson(w)).toBe(cleared);
    expect(w.ui.alerts).toEqual([]);
    expect(w.services.lockHeld).toBe(false);
  });
});

describe('onEdit (SpreadsheetApp) and the menu (Sheets API) read the same sheet alike', () => {
  it('after a re-highlight by onEdit, a click finds everything in place and writes nothing', () => {
    const w = worldWith(PLAN, { now: `${TODAY}T09:00:00Z` });
    const sheet = w.model.activeSheet();
    sheet.edit(33, 4).value = w.dateCell('2019-01-20'); // a date cell: a serial to the API
    w.call('highlightDeadlines');
    expect(w.background(sheet, 33, 2, TODAY)).toBe(STATE_FILL.due_soon);
    sheet.edit(31, 6).value = 'Выполнено';
    w.simpleTrigger('onEdit', { range: [31, 6] });
    expect(w.background(sheet, 31, 2, TODAY)).toBe(STATE_FILL.done);
    w.log.reset();
    w.call('highlightDeadlines');
    // The state onEdit wrote (hash of the values as getSheetValues gives them, dates included)
    // is what the Sheets API read hashes to: nothing to write.
    expect(w.log.byKind.write).toBe(0);
    expect(w.log.backend()).toBe(2);
  });
});
