// Sheets an earlier version of the add-in highlighted (helper columns found by developer metadata,
// no row-1 marker, its rules before the user's): «Снять подсветку» and a new highlight recognise
// them by the rules' N("cluster:…") marker and convert or remove what that version left.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SheetModel } from './fakes/model.ts';
import type { AddonWorld } from './fakes/world.ts';
import { ensureBuilt, PLAN, ROADMAP, worldWith } from './helpers.ts';
import { asEarlierVersionLeftIt, helperColumns, LEGACY_KEY } from './legacy-sheet.ts';
import { decorate, modelJson } from './user-formatting.ts';

beforeAll(ensureBuilt);

const ours = (sheet: SheetModel) => sheet.rules.filter((r) => String(r.values[0]).includes('N("cluster:'));

function fills(w: AddonWorld, sheet: SheetModel, today: string): (string | null)[] {
  const out: (string | null)[] = [];
  for (let r = 1; r <= sheet.extent().rows; r++) out.push(w.background(sheet, r, 2, today));
  return out;
}

/** A decorated sample highlighted by an earlier version; `before` is the user's sheet before it. */
function leftHighlighted(file: string, now: string) {
  const w = worldWith(file, { now });
  const sheet = w.model.activeSheet();
  decorate(w, sheet);
  const before = modelJson(w);
  w.call('highlightDeadlines');
  const seen = fills(w, sheet, now.slice(0, 10));
  asEarlierVersionLeftIt(w, sheet);
  return { w, sheet, before, seen };
}

describe('a sheet an earlier version highlighted', () => {
  it('«Снять подсветку» removes its rules and its helper column: the user’s sheet is as before', () => {
    const { w, sheet, before } = leftHighlighted(ROADMAP, '2021-06-01T09:00:00Z');
    expect(String(sheet.rules[0].values[0])).toMatch(/N\("cluster:/); // that version put its rules first
    expect(helperColumns(w, sheet, 'due')).toHaveLength(1);
    w.call('clearHighlight');
    expect(w.ui.toasts.at(-1)?.message).toBe('Подсветка снята.');
    expect(modelJson(w)).toBe(before);
  });

  it('a new highlight takes over its helper column: one column, four rules after the user’s, same colours', () => {
    const { w, sheet, before, seen } = leftHighlighted(PLAN, '2019-01-15T09:00:00Z');
    const columns = sheet.maxColumns;
    w.call('highlightDeadlines');
    expect(w.ui.alerts).toEqual([]);
    expect(sheet.maxColumns).toBe(columns); // no second helper column
    expect(helperColumns(w, sheet, 'due')).toHaveLength(1);
    expect(w.model.metadata.filter((m) => m.key === LEGACY_KEY)).toEqual([]);
    expect(ours(sheet)).toHaveLength(4);
    expect(String(sheet.rules.at(-1)?.values[0])).toMatch(/N\("cluster:/); // now after the user's
    expect(fills(w, sheet, '2019-01-15')).toEqual(seen);
    w.call('clearHighlight');
    expect(modelJson(w)).toBe(before);
  });

  it('a leftover helper column beside a marked one is removed, and the check reads the same table', () => {
    const w = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    const sheet = w.model.activeSheet();
    w.call('checkTable'); // also puts the mark dropdown, which stays
    const problems = w.ui.sidebars.at(-1)?.html;
    const before = modelJson(w);
    w.call('highlightDeadlines');
    // What the version before this fix left when it highlighted an earlier version's sheet again:
    // the old helper column (metadata, no marker) beside its own marked one.
    const marked = helperColumns(w, sheet, 'due')[0];
    sheet.insertColumnsAfter(marked, 1, w.model.metadata);
    for (let r = 2; r <= sheet.extent().rows; r++) sheet.edit(r, marked + 1).value = sheet.value(r, marked);
    sheet.hiddenColumns.push(marked + 1);
    w.model.addMetadata(LEGACY_KEY, 'due', { type: 'COLUMN', sheetId: sheet.id, column: marked + 1 });
    expect(helperColumns(w, sheet, 'due')).toHaveLength(2);
    w.call('clearHighlight');
    expect(helperColumns(w, sheet, 'due')).toEqual([]);
    expect(modelJson(w)).toBe(before);
    w.call('checkTable');
    expect(w.ui.sidebars.at(-1)?.html).toBe(problems);
  });

  it('«Проверить таблицу» alone does not read an earlier version’s helper column as table data', () => {
    const fresh = worldWith(PLAN, { now: '2019-01-15T09:00:00Z' });
    fresh.call('checkTable');
    const { w, sheet } = leftHighlighted(PLAN, '2019-01-15T09:00:00Z');
    w.call('checkTable');
    expect(w.ui.sidebars.at(-1)?.html).toBe(fresh.ui.sidebars.at(-1)?.html);
    expect(helperColumns(w, sheet, 'due')).toHaveLength(1);
    expect(w.model.metadata.filter((m) => m.key === LEGACY_KEY)).toEqual([]);
    // Once: the next check looks nothing up.
    w.log.reset();
    w.call('checkTable');
    expect(w.log.byMethod['Sheet.createDeveloperMetadataFinder']).toBeUndefined();
  });
});
