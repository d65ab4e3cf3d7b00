// «Подсветить сроки» / «Снять подсветку» on the sample roadmap, run through the built Code.js.
import { type ItemState, STATE_FILL } from '@cluster/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SheetModel } from './fakes/model.ts';
import { renderedFormat } from './fakes/spreadsheet-app.ts';
import type { AddonWorld } from './fakes/world.ts';
import { coreDocuments, ensureBuilt, PLAN, ROADMAP, worldWith } from './helpers.ts';
import { decorate, modelJson } from './user-formatting.ts';

beforeAll(ensureBuilt);

const COLOURED: ItemState[] = ['overdue', 'due_soon', 'done', 'unknown'];

function checkColours(w: AddonWorld, sheet: SheetModel, today: string): Record<string, number> {
  const seen: Record<string, number> = {};
  for (const doc of coreDocuments(sheet, today)) {
    for (const item of doc.items) {
      const want = COLOURED.includes(item.state)
        ? STATE_FILL[item.state]
        : (sheet.cell(item.row, 2)?.background ?? null);
      expect({ row: item.row, state: item.state, bg: w.background(sheet, item.row, 2, today) }).toEqual({
        row: item.row,
        state: item.state,
        bg: want,
      });
      seen[item.state] = (seen[item.state] ?? 0) + 1;
    }
  }
  return seen;
}

describe('highlight', () => {
  it('colours every item row by the state the domain core gives it and reports counts', () => {
    const w = worldWith(ROADMAP, { now: '2021-06-01T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('highlightDeadlines');
    expect(w.ui.alerts).toEqual([]);
    const seen = checkColours(w, sheet, '2021-06-01');
    expect(seen.overdue).toBeGreaterThan(0);
    expect(w.ui.toasts.at(-1)?.message).toMatch(new RegExp(`просрочено: ${seen.overdue}\\b`));
    // Our rules plus one hidden helper column after the data, marked in its row 1.
    expect(sheet.rules).toHaveLength(4);
    expect(sheet.hiddenColumns).toEqual([sheet.extent().columns]);
    expect(sheet.value(1, sheet.hiddenColumns[0])).toBe('⟦cluster:due⟧');
    // No metadata on columns (the markers find them): only the sheet state and the settings' copy.
    expect(w.model.metadata.map((m) => [m.key, m.location.type])).toEqual([
      ['cluster.state', 'SHEET'],
      ['cluster.settings', 'SPREADSHEET'],
    ]);
  });

  it('stays right on later days without another click (TODAY() in the rules)', () => {
    const w = worldWith(ROADMAP, { now: '2021-03-01T07:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('highlightDeadlines');
    const before = checkColours(w, sheet, '2021-03-01');
    // A month and a half later, nobody clicks anything: the fake evaluates the same rules.
    const after = checkColours(w, sheet, '2021-04-15');
    expect(after.overdue).toBeGreaterThan(before.overdue ?? 0);
  });

  it('highlighting twice keeps one set of rules and one helper column', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('highlightDeadlines');
    w.call('highlightDeadlines');
    expect(sheet.rules).toHaveLength(4);
    expect(sheet.hiddenColumns).toHaveLength(1);
    checkColours(w, sheet, '2019-01-15');
  });

  it("never destroys the user's formatting: after highlight + clear the model is byte for byte the same", () => {
    const w = worldWith(ROADMAP, { now: '2021-06-01T09:00:00Z' });
    const sheet = w.model.activeSheet();
    decorate(w, sheet);
    const before = modelJson(w);
    w.call('highlightDeadlines');
    // While highlighted, the user's cells, notes, validation and rules are untouched.
    expect(sheet.cell(13, 1)?.background).toBe('#00FF00');
    expect(sheet.cell(14, 2)?.note).toBe('Уточнить у работодателя');
    expect(sheet.cell(15, 4)?.validation?.criteria).toBe('NUMBER_BETWEEN');
    expect(sheet.rules.filter((r) => r.criteria === 'TEXT_CONTAINS')).toHaveLength(1);
    expect(modelJson(w)).not.toBe(before);
    w.call('clearHighlight');
    expect(w.ui.toasts.at(-1)?.message).toBe('Подсветка снята.');
    expect(modelJson(w)).toBe(before);
    w.call('clearHighlight');
    expect(w.ui.toasts.at(-1)?.message).toBe('На этом листе нет подсветки.');
  });

  it('follows rows the user inserts above the table after highlighting', () => {
    const w = worldWith(ROADMAP, { now: '2021-06-01T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('highlightDeadlines');
    sheet.insertRowsBefore(5, 2, w.model.metadata);
    checkColours(w, sheet, '2021-06-01');
  });

  it('reads real date cells in the spreadsheet time zone', () => {
    const w = worldWith(ROADMAP, { now: '2021-06-01T09:00:00Z' });
    const sheet = w.model.activeSheet();
    // Row 18 is item 1.1; a real date one day before "today" makes it overdue, today makes it due soon.
    sheet.edit(18, 4).value = w.dateCell('2021-05-31');
    sheet.edit(19, 4).value = w.dateCell('2021-06-01');
    w.call('highlightDeadlines');
    expect(w.background(sheet, 18, 2, '2021-06-01')).toBe(STATE_FILL.overdue);
    expect(w.background(sheet, 19, 2, '2021-06-01')).toBe(STATE_FILL.due_soon);
  });

  it('says so when the sheet has no table, and when another editor holds the lock', () => {
    const w = worldWith(ROADMAP);
    w.model.addSheet('Пусто').edit(1, 1).value = 'Заметки';
    w.model.activeSheetId = w.model.sheets[1].id;
    w.call('highlightDeadlines');
    expect(w.ui.alerts.at(-1)?.message).toMatch(/На листе «Пусто» не найдена таблица мероприятий/);
    w.model.activeSheetId = w.model.sheets[0].id;
    w.services.lockBusy = true;
    w.call('highlightDeadlines');
    expect(w.ui.alerts.at(-1)?.message).toMatch(/другой пользователь/);
    expect(w.model.sheets[0].rules).toHaveLength(0);
  });
});

describe("the user's own conditional formats stay visible", () => {
  it('a rule of theirs over the coloured rows still shows its font, bold and fill where it matches', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = w.model.activeSheet();
    // Their rule: red bold text on every numbered row of the table.
    sheet.rules.push({
      criteria: 'CUSTOM_FORMULA',
      values: ['=$A28<>""'],
      background: null,
      fontColor: '#CC0000',
      bold: true,
      ranges: [{ row: 28, column: 1, rows: 13, columns: 6 }],
    });
    const today = '2019-01-15';
    const before = renderedFormat(w.model, sheet, 31, 2, today);
    w.call('highlightDeadlines');
    const after = renderedFormat(w.model, sheet, 31, 2, today);
    expect(after).toMatchObject({ fontColor: before.fontColor, bold: before.bold });
    expect(after.fontColor).toBe('#CC0000');
    // Where their rule does not match, the state colour shows (row 31 is overdue; row 26 is the header).
    expect(sheet.rules.at(-1)?.values[0]).toMatch(/cluster:/);
    expect(sheet.rules[0].values[0]).toBe('=$A28<>""');
  });
});

describe('two executions at once', () => {
  it('both read «not highlighted»: the second write is refused whole, no second helper column', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = w.model.activeSheet();
    // Another editor's click runs its whole highlight between this click's read and its write.
    let other = false;
    const record = w.log.record.bind(w.log);
    w.log.record = (service, method, kind, cells) => {
      record(service, method, kind, cells);
      if (method === 'SpreadsheetsCollection.getByDataFilter' && !other) {
        other = true;
        w.call('highlightDeadlines');
      }
    };
    w.call('highlightDeadlines');
    expect(other).toBe(true);
    expect(sheet.hiddenColumns).toHaveLength(1);
    expect(sheet.rules).toHaveLength(4);
    expect(w.model.metadata.filter((m) => m.key === 'cluster.state')).toHaveLength(1);
    // The late click says why nothing was written (its batch refused whole), in Russian.
    expect(w.ui.alerts.at(-1)?.message).toMatch(
      /^Лист только что изменил другой пользователь или задача, ничего не записано\. Повторите действие\.\nПодробности: .*already exists/,
    );
  });
});
