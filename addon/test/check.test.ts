// «Проверить таблицу»: the sidebar's data (listProblems), a click selecting the cell, the mark dropdown.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, PLAN, ROADMAP, worldWith } from './helpers.ts';

beforeAll(ensureBuilt);

interface CheckResult {
  sheetId: number;
  sheetName: string;
  items: number;
  problems: { row: number; column: number; code: string; message: string }[];
  markColumn: number | null;
}

describe('check', () => {
  it('opens the check sidebar', () => {
    const w = worldWith(ROADMAP);
    w.call('checkTable');
    expect(w.ui.sidebars).toHaveLength(1);
    expect(w.ui.sidebars[0]).toMatchObject({ title: 'Проверка таблицы', file: 'check' });
    expect(w.ui.sidebars[0].html).toContain('listProblems');
  });

  it('lists every problem on its sheet cell, with the Russian message (sample 004: a 2020 date in a 2021 plan)', () => {
    const w = worldWith(ROADMAP, { now: '2021-06-01T09:00:00Z' });
    const r = w.call<CheckResult>('listProblems');
    expect(r.sheetName).toBe('План');
    expect(r.items).toBeGreaterThan(20);
    const outside = r.problems.find((p) => p.code === 'deadline_outside_period');
    // Line 19 of the sample: «1.2. … март 2020г.» in the deadline column (D).
    expect(outside).toMatchObject({ row: 19, column: 4 });
    expect(outside?.message).toMatch(
      /^Строка 19, «Срок исполнения»: «март 2020г\.» вне периода плана 01\.01\.2021–31\.12\.2021$/,
    );
    for (const p of r.problems) expect(p.message).toMatch(/^Строка \d+/);
    // No mark column in this roadmap: nothing to put a dropdown on.
    expect(r.markColumn).toBeNull();
    // A click in the sidebar selects that cell.
    w.model.activeSheetId = w.model.addSheet('Другой').id;
    w.call('selectCell', r.sheetId, outside?.row, outside?.column);
    expect(w.model.activeSheetId).toBe(r.sheetId);
    expect(w.model.active).toEqual({ row: 19, column: 4, rows: 1, columns: 1 });
  });

  it("puts the mark dropdown on the mark column, keeping cells that have the user's own validation", () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = w.model.activeSheet();
    const own = { criteria: 'NUMBER_BETWEEN', args: [0, 100], allowInvalid: false, helpText: 'процент' };
    sheet.edit(29, 6).validation = { ...own };
    const r = w.call<CheckResult>('listProblems');
    expect(r.markColumn).toBe(6);
    expect(sheet.cell(28, 6)?.validation).toMatchObject({
      criteria: 'VALUE_IN_LIST',
      args: [['Выполнено', 'Выполнено частично', 'В работе', 'Не выполнено', 'Перенесено', 'Отменено'], true],
      allowInvalid: true,
    });
    expect(sheet.cell(29, 6)?.validation).toEqual(own);
    // Only the table's rows: nothing above the first item.
    expect(sheet.cell(26, 6)?.validation ?? null).toBeNull();
  });

  it('the dropdown choices read back as the statuses they name', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = w.model.activeSheet();
    sheet.edit(28, 6).value = 'Выполнено';
    sheet.edit(31, 6).value = 'Отменено';
    w.call('highlightDeadlines');
    expect(w.background(sheet, 28, 2, '2019-01-15')).toBe('#D9EAD3');
    expect(w.background(sheet, 31, 2, '2019-01-15')).toBe('#D9EAD3');
  });
});
