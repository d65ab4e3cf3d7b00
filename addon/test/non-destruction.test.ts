// The user's sheet is theirs: highlight + clear leaves every colour, note, validation, rule, merge,
// width, hidden column and metadata of theirs byte for byte as it was (in the fake's model), also
// when they edit the layout in between; and the highlight stays right on later days by itself.
import { type ItemState, recognizeTables, STATE_FILL } from '@cluster/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SheetModel } from './fakes/model.ts';
import type { AddonWorld } from './fakes/world.ts';
import { ensureBuilt, localSettings, PLAN, ROADMAP, worldWith } from './helpers.ts';
import { modelJson } from './user-formatting.ts';

beforeAll(ensureBuilt);

const COLOURED: ItemState[] = ['overdue', 'due_soon', 'done', 'unknown'];

/** A coordinator's own formatting on the plan sample, much of it on the item rows highlight colours. */
function decoratePlan(w: AddonWorld, sheet: SheetModel): void {
  const cell = (r: number, c: number) => sheet.edit(r, c);
  cell(26, 1).background = '#C9DAF8'; // header
  cell(26, 2).fontWeight = 'bold';
  for (let c = 1; c <= 6; c++) cell(29, c).background = '#FFF2CC'; // an item row, all of it
  cell(30, 2).fontColor = '#CC0000';
  cell(31, 2).note = 'Соглашения с тремя работодателями — в папке «Договоры»';
  cell(36, 4).note = 'Уточнить сроки мониторинга';
  cell(33, 6).validation = {
    criteria: 'NUMBER_BETWEEN',
    args: [0, 100],
    allowInvalid: false,
    helpText: 'процент выполнения',
  };
  cell(37, 6).value = 'Выполнено';
  sheet.merges.push({ row: 21, column: 1, rows: 1, columns: 6 }, { row: 27, column: 1, rows: 1, columns: 6 });
  // The user's own rules: one custom formula over the same rows ours cover, one text rule.
  sheet.rules.push(
    {
      criteria: 'CUSTOM_FORMULA',
      values: ['=$F28="Выполнено"'],
      background: '#B6D7A8',
      fontColor: null,
      ranges: [{ row: 28, column: 1, rows: 30, columns: 6 }],
    },
    {
      criteria: 'TEXT_CONTAINS',
      values: ['мониторинг'],
      background: '#EAD1DC',
      fontColor: null,
      ranges: [{ row: 28, column: 2, rows: 30, columns: 1 }],
    },
  );
  sheet.columnWidths[2] = 420;
  sheet.columnWidths[4] = 150;
  sheet.frozenRows = 26;
  sheet.hiddenColumns.push(5);
  w.model.addMetadata('user.sheet', 'план 2018', { type: 'SHEET', sheetId: sheet.id });
  w.model.addMetadata('user.row', 'важно', { type: 'ROW', sheetId: sheet.id, row: 30 });
  w.model.addMetadata('user.column', 'сроки', { type: 'COLUMN', sheetId: sheet.id, column: 4 });
}

/** Every colour a viewer sees in the table's area on `today`. */
function rendered(w: AddonWorld, sheet: SheetModel, today: string): (string | null)[][] {
  const out: (string | null)[][] = [];
  for (let r = 20; r <= sheet.extent().rows; r++) {
    const row: (string | null)[] = [];
    for (let c = 1; c <= 6; c++) row.push(w.background(sheet, r, c, today));
    out.push(row);
  }
  return out;
}

/** Items the core reads from the sheet's first six user columns (the helper columns left out). */
function coreItems(sheet: SheetModel, today: string, columns: number[]) {
  const grid = [];
  for (let r = 1; r <= sheet.extent().rows; r++)
    grid.push(columns.map((c) => (sheet.value(r, c) === '' ? null : (sheet.value(r, c) as string))));
  return recognizeTables(grid, { today, sheetName: sheet.name }).flatMap((d) => d.items);
}

describe('non-destruction', () => {
  it("highlight on two days, highlight again, clear: the user's sheet is byte for byte as before", () => {
    const w = worldWith(PLAN, { now: '2018-10-01T09:00:00Z' });
    const sheet = w.model.activeSheet();
    decoratePlan(w, sheet);
    const before = modelJson(w);
    const seenBefore = rendered(w, sheet, '2018-10-01');

    w.call('highlightDeadlines');
    // While highlighted: the user's rules, notes, validation are all still there.
    expect(sheet.rules.filter((r) => r.values[0] === '=$F28="Выполнено"')).toHaveLength(1);
    expect(sheet.cell(31, 2)?.note).toMatch(/^Соглашения/);
    expect(sheet.cell(33, 6)?.validation?.criteria).toBe('NUMBER_BETWEEN');
    // A row in no coloured state shows the user's own fill.
    const items = coreItems(sheet, '2018-10-01', [1, 2, 3, 4, 5, 6]);
    const plain = items.find((i) => i.row === 29);
    if (plain && !COLOURED.includes(plain.state))
      expect(w.background(sheet, 29, 3, '2018-10-01')).toBe('#FFF2CC');

    w.setNow('2019-02-01T09:00:00Z');
    w.call('highlightDeadlines');
    expect(sheet.rules).toHaveLength(6);
    w.call('clearHighlight');
    expect(modelJson(w)).toBe(before);
    expect(rendered(w, sheet, '2018-10-01')).toEqual(seenBefore);
  });

  it('the user inserts a column and rows while highlighted: after clear, only their edits remain', () => {
    const edits = (w: AddonWorld, sheet: SheetModel): void => {
      sheet.insertColumnsAfter(2, 1, w.model.metadata);
      sheet.edit(26, 3).value = 'Куратор';
      sheet.edit(28, 3).value = 'Иванова А.А.';
      sheet.insertRowsBefore(20, 2, w.model.metadata);
      sheet.edit(20, 1).value = 'Согласовано с департаментом';
    };
    // World B: the same user, the same edits, no add-in.
    const b = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    decoratePlan(b, b.model.activeSheet());
    edits(b, b.model.activeSheet());

    const a = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = a.model.activeSheet();
    decoratePlan(a, sheet);
    a.call('highlightDeadlines');
    edits(a, sheet);
    // The rules moved with the rows and columns: colours are still each item's state.
    const items = coreItems(sheet, '2019-01-15', [1, 2, 4, 5, 6, 7]);
    expect(items.length).toBeGreaterThan(10);
    // Where one of the user's rules matches, it shows (it comes first); elsewhere the state colour.
    for (const item of items)
      if (COLOURED.includes(item.state))
        expect({ row: item.row, bg: a.background(sheet, item.row, 2, '2019-01-15') }).toEqual({
          row: item.row,
          bg: userRuleFill(a, sheet, item.row, 2, '2019-01-15') ?? STATE_FILL[item.state],
        });
    a.call('highlightDeadlines'); // a click after the edits re-reads the table
    a.call('clearHighlight');
    expect(modelJson(a)).toBe(modelJson(b));
  });
});

/** The fill of the user's own first matching rule at a cell, or null (the add-in's rules left out). */
function userRuleFill(
  w: AddonWorld,
  sheet: SheetModel,
  row: number,
  column: number,
  today: string,
): string | null {
  const all = sheet.rules;
  sheet.rules = all.filter((r) => !String(r.values[0] ?? '').includes('cluster:'));
  try {
    const fill = w.background(sheet, row, column, today);
    return fill === (sheet.cell(row, column)?.background ?? null) ? null : fill;
  } finally {
    sheet.rules = all;
  }
}

/** The rendered colour of each item row on `today` equals the core's state on that day. */
function expectRightOn(w: AddonWorld, sheet: SheetModel, today: string): Record<string, number> {
  const items = coreItems(sheet, today, [1, 2, 3, 4, 5, 6]);
  expect(items.length).toBeGreaterThanOrEqual(20);
  const states: Record<string, number> = {};
  for (const item of items) {
    const want = COLOURED.includes(item.state) ? STATE_FILL[item.state] : null;
    expect({ row: item.row, state: item.state, bg: w.background(sheet, item.row, 2, today) }).toEqual({
      row: item.row,
      state: item.state,
      bg: want,
    });
    states[item.state] = (states[item.state] ?? 0) + 1;
  }
  return states;
}

describe('the highlight stays right on later days without another click', () => {
  // Clicked once; the rules (TODAY() over the hidden due column) are then evaluated by the fake on
  // each later date and compared with the core's state on that date.
  it.each([
    '2021-02-01',
    '2021-03-15',
    '2021-04-30',
    '2021-06-01',
    '2021-09-10',
    '2021-12-31',
    '2022-01-01', // the monthly items («ежемесячно», rows 22 and 49) turn overdue after the plan year
    '2022-03-01',
  ])('roadmap clicked on 01.02.2021, seen on %s', (today) => {
    const w = worldWith(ROADMAP, { now: '2021-02-01T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('highlightDeadlines');
    const states = expectRightOn(w, sheet, today);
    if (today >= '2021-06-01') expect(states.overdue).toBeGreaterThan(5);
    if (today === '2021-12-31') expect(w.background(sheet, 22, 2, today)).toBeNull();
    if (today === '2022-01-01') expect(w.background(sheet, 22, 2, today)).toBe(STATE_FILL.overdue);
  });

  // Row 46 of the plan: «Апрель, октябрь 2018 г.», two dues.
  it.each(['2018-03-01', '2018-05-10', '2018-09-03', '2018-10-20', '2018-11-05', '2019-06-01'])(
    'plan clicked on 01.03.2018, seen on %s (an item with two dues included)',
    (today) => {
      const w = worldWith(PLAN, { now: '2018-03-01T09:00:00Z' });
      const sheet = w.model.activeSheet();
      w.call('highlightDeadlines');
      expectRightOn(w, sheet, today);
    },
  );

  it("an item's earlier due inside the soon-window: right on the click day, and the daily run moves on", () => {
    const w = worldWith(PLAN, { now: '2018-04-20T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('saveSettings', localSettings('14', true));
    w.call('highlightDeadlines');
    expect(w.background(sheet, 46, 2, '2018-04-20')).toBe(STATE_FILL.due_soon);
    expectRightOn(w, sheet, '2018-04-20');
    // After 30 April the next due is October: the trigger's run re-reads it, nothing is overdue.
    w.setNow('2018-05-02T03:00:00Z');
    w.call('dailyRun', { authMode: 'FULL' });
    expect(w.background(sheet, 46, 2, '2018-05-02')).toBeNull();
    expectRightOn(w, sheet, '2018-05-02');
  });
});
