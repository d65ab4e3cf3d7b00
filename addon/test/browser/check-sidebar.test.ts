// «Проверить таблицу» in real Chromium: the sidebar lists the problems of the sample roadmap in
// Russian; a click selects the problem's cell in the spreadsheet; «Проверить ещё раз» re-reads it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddonWorld } from '../fakes/world.ts';
import { ensureBuilt, ROADMAP, worldWith } from '../helpers.ts';
import { type GasPage, launchChromium, openLastSidebar } from './gas-page.ts';

let browser: Browser;
beforeAll(async () => {
  await ensureBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Listed {
  sheetId: number;
  items: number;
  problems: { row: number; column: number; code: string; message: string }[];
}

/** What the page was last given: the last listProblems answer, else the result sent with the page. */
function lastListed(gas: GasPage, w: AddonWorld): Listed {
  const call = gas.calls.filter((c) => c.name === 'listProblems').at(-1);
  if (call) {
    if (!call.ok) throw new Error(`listProblems failed: ${call.response}`);
    return (JSON.parse(call.response) as { value: Listed }).value;
  }
  const sent = /initialData\((.*)\)<\/script>$/.exec(w.ui.sidebars.at(-1)?.html ?? '');
  if (!sent) throw new Error('the sidebar came without its first result');
  return JSON.parse(sent[1]) as Listed;
}

/** The cell the user now sees selected, asked through SpreadsheetApp as the add-in would. */
function activeCell(w: AddonWorld): string {
  const app = (w.context as unknown as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp })
    .SpreadsheetApp;
  const range = app.getActiveSpreadsheet().getActiveRange();
  if (!range) throw new Error('no active range');
  return `${range.getSheet().getName()}!${range.getA1Notation()}`;
}

describe('check sidebar in Chromium', () => {
  it('lists every problem with its Russian message; a click selects its cell', async () => {
    const w = worldWith(ROADMAP, { now: '2021-06-01T09:00:00Z' });
    w.call('checkTable');
    const gas = await openLastSidebar(browser, w);
    const { page } = gas;
    const listed = lastListed(gas, w);
    expect(listed.items).toBeGreaterThan(20);
    expect(listed.problems.length).toBeGreaterThan(0);

    await expect
      .poll(() => page.locator('#status').textContent())
      .toBe(
        `Лист «План»: пунктов ${listed.items}, замечаний ${listed.problems.length}. ` +
          'Нажмите на замечание, чтобы перейти к ячейке.',
      );
    const items = page.locator('#problems li.problem');
    expect(await items.count()).toBe(listed.problems.length);
    // Each entry shows the server's message in the server's order; the problem code is not shown to
    // coordinators (it is for developers and the API).
    const shown = await items.evaluateAll((lis) =>
      lis.map((li) => ({ message: li.firstElementChild?.textContent, text: li.textContent })),
    );
    expect(shown.map((x) => x.message)).toEqual(listed.problems.map((p) => p.message));
    for (const [i, x] of shown.entries()) expect(x.text).not.toContain(listed.problems[i].code);
    expect(await page.locator('body').innerText()).not.toMatch(/deadline_outside_period|missing_result/);
    for (const s of shown.map((x) => ({ message: x.message })))
      expect(s.message).toMatch(/^Строка \d+, .*[а-яё]/);
    // Line 19 of the sample: «март 2020г.» in a 2021 roadmap, in the deadline column (D).
    const outside = items.filter({ hasText: '«март 2020г.» вне периода плана 01.01.2021–31.12.2021' });
    await expect.poll(() => outside.count()).toBe(1);
    await gas.screenshot('check-sidebar');

    // The user has wandered to another sheet and cell; the click brings them to the problem.
    const other = w.model.addSheet('Другой');
    w.model.activeSheetId = other.id;
    w.model.active = { row: 5, column: 5, rows: 1, columns: 1 };
    expect(activeCell(w)).toBe('Другой!E5');
    await outside.click();
    await gas.settle();
    expect(activeCell(w)).toBe('План!D19');
    expect(gas.calls.at(-1)).toMatchObject({ name: 'selectCell', args: [listed.sheetId, 19, 4], ok: true });

    // A problem in another column: a click lands on that column of that row.
    // (Line 24 of the sample has no result: column E.)
    const far = listed.problems.find((p) => p.code === 'missing_result');
    expect(far).toMatchObject({ row: 24, column: 5 });
    await items.nth(listed.problems.indexOf(far as Listed['problems'][number])).click();
    await gas.settle();
    expect(activeCell(w)).toBe('План!E24');

    // The coordinator fixes the deadline and checks again: that problem is gone, the rest stay.
    w.model.sheet(listed.sheetId).edit(19, 4).value = 'март 2021г.';
    await page.locator('#again').click();
    await gas.settle();
    const again = lastListed(gas, w);
    expect(again.problems.filter((p) => p.row === 19 && p.code === 'deadline_outside_period')).toEqual([]);
    expect(again.problems.length).toBe(listed.problems.length - 1);
    await expect.poll(() => outside.count()).toBe(0);
    expect(await items.count()).toBe(again.problems.length);

    expect(gas.blocked).toEqual([]);
    expect(gas.errors).toEqual([]);
    await page.context().close();
  });

  it('a sheet without a roadmap table: the sidebar shows the reason in red, in Russian', async () => {
    const w = worldWith(ROADMAP);
    const empty = w.model.addSheet('Заметки');
    empty.edit(1, 1).value = 'Список дел на неделю';
    w.model.activeSheetId = empty.id;
    w.call('checkTable');
    const gas = await openLastSidebar(browser, w);
    const status = gas.page.locator('#status');
    await expect.poll(() => status.getAttribute('class')).toBe('error');
    expect(await status.textContent()).toMatch(/^На листе «Заметки» не найдена таблица мероприятий\./);
    expect(await gas.page.locator('#problems li').count()).toBe(0);
    // The reason came with the page: no round trip was needed to show it.
    expect(gas.calls).toEqual([]);
    await gas.screenshot('check-sidebar-no-table');
    expect(gas.errors).toEqual([]);
    await gas.page.context().close();
  });
});
