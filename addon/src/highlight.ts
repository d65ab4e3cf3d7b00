// Highlighting without touching the user's formatting: item rows get conditional-format rules over
// the hidden 'due' helper column (effective due date as a serial, or 'done' / 'unknown'). The rules
// compare with TODAY(), so a row turns "due soon" and then "overdue" on later days by itself.
// Our rules are the ones whose formula carries the marker N("cluster:…"), which is 0 and so
// changes nothing; clearing removes exactly those and deletes the helper column. Plain logic: the
// sheet comes in as one read (gas.ts SheetView), the changes go out as one write (SheetWrite).

import {
  type Document,
  daysBetween,
  emptyTally,
  type Item,
  isoToSerial,
  isRecurring,
  movedDue,
  type Period,
  recurringEnd,
  STATE_FILL,
  STATE_LABEL_RU,
  type TallyKey,
  tallyKeyOf,
} from '@cluster/shared';
import { type Box, type RuleView, type SheetView, type SheetWrite, todayIn } from './gas.ts';
import { columnLetter, findHelperColumns, MARKER } from './helper-columns.ts';
import type { Settings } from './settings-store.ts';
import { contentHash, readState, type SheetState, writeState } from './sheet-state.ts';
import { envOf, readOf, type Snapshot, tablesWithItems, takeSnapshot } from './snapshot.ts';

export const RULE_MARKER = 'cluster:';

type Colored = 'overdue' | 'due_soon' | 'done' | 'unknown';

/**
 * The helper cell of an item: what the rules read, chosen so that TODAY() in the rules gives the
 * core's state on later days too (shared/src/state.ts):
 * - a serial D: overdue once D < today, due soon within the soon-window before D;
 * - a negative serial −E: a recurring item, ongoing (uncoloured) through E, overdue after it;
 * - 'done' / 'unknown' / '' (ongoing for good): fixed.
 * A deadline with several dues is written as its last due, unless today is in the soon-window of
 * the current one; its intermediate dues are then caught by the daily run (or the next click).
 */
export function helperValue(
  item: Item,
  period: Period | null,
  today: string,
  soonDays: number,
): string | number {
  if (item.state === 'done') return 'done';
  if (item.state === 'unknown') return 'unknown';
  const d = item.deadline;
  const moved = movedDue(item.mark);
  if (!moved && isRecurring(d)) {
    const end = recurringEnd(d, period);
    return end ? -isoToSerial(end) : '';
  }
  if (item.state === 'ongoing') return '';
  const due = item.effectiveDue ?? d.due;
  if (!due) return '';
  if (!moved && d.kind === 'multiple' && d.dues && d.dues.length > 0) {
    const last = d.dues[d.dues.length - 1];
    return isoToSerial(due < last && daysBetween(today, due) > soonDays ? last : due);
  }
  return isoToSerial(due);
}

/** Formula of each coloured state for a range whose first row is `row`; first match wins. */
export function ruleFormulas(helperColumn: number, row: number, soonDays: number): [Colored, string][] {
  const ref = `$${columnLetter(helperColumn)}${row}`;
  const tag = (s: Colored): string => `N("${RULE_MARKER}${s}")=0`;
  return [
    ['done', `=AND(${ref}="done",${tag('done')})`],
    ['unknown', `=AND(${ref}="unknown",${tag('unknown')})`],
    ['overdue', `=AND(ISNUMBER(${ref}),IF(${ref}<0,-${ref},${ref})<TODAY(),${tag('overdue')})`],
    ['due_soon', `=AND(ISNUMBER(${ref}),${ref}>0,${ref}-TODAY()<=${soonDays},${tag('due_soon')})`],
  ];
}

export function isOwnRule(rule: RuleView): boolean {
  return rule.formula !== null && rule.formula.indexOf(`N("${RULE_MARKER}`) >= 0;
}

export interface HighlightSummary {
  /** By state, decisions with no deadline apart («без срока»). */
  counts: Record<TallyKey, number>;
  items: number;
}

/** What a highlight shows, and what it must write for it (null: the sheet is as it should be). */
export interface HighlightPlan {
  summary: HighlightSummary;
  write: SheetWrite | null;
}

/**
 * Plans the highlight of a sheet from its one read (`view`): when its values, the settings and
 * today are what the sheet state recorded and our rules are in place, nothing is written.
 * Otherwise the helper column (only where it differs), the rules (only where they differ) and the
 * state are written in one write. The add-in's rules go AFTER the user's: Sheets shows only the
 * first matching rule per cell, so a user's rule keeps showing wherever it matches, and the state
 * colours show everywhere else.
 */
export function planHighlight(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  view: SheetView,
  settings: Settings,
): HighlightPlan {
  const read = readOf(sheet, view);
  const old = readState(view.meta);
  const env = envOf(view);
  const hash = contentHash(
    read.values,
    JSON.stringify([
      settings.period,
      settings.soonDays,
      todayIn(env.timeZone),
      env.timeZone,
      env.title,
      env.sheetName,
    ]),
    [read.helpers.due, read.helpers.id],
  );
  if (old?.watch && old.hash === hash && rulesSignature(view.rules) === old.rules)
    return { summary: { counts: { ...emptyTally(), ...old.counts }, items: old.items }, write: null };
  const snap = takeSnapshot(read, settings, env);
  const docs = tablesWithItems(snap);
  const lastRow = Math.max(snap.values.length, ...docs.map((d) => d.table?.lastRow ?? 0));
  const column: (string | number)[] = new Array(lastRow).fill('');
  const counts = emptyTally();
  for (const doc of docs) {
    for (const item of doc.items) {
      column[item.row - 1] = helperValue(item, doc.period ?? settings.period, snap.today, settings.soonDays);
      counts[tallyKeyOf(item.state, item.deadline)]++;
    }
  }
  const summary = { counts, items: docs.reduce((n, d) => n + d.items.length, 0) };
  const { first, last } = rowSpan(docs);
  const width = snap.userColumns.length ? snap.userColumns[snap.userColumns.length - 1] : 1;
  const write: SheetWrite = {};
  const stored = snap.helpers.due;
  const dueColumn = stored ?? Math.max(width, read.values[0]?.length ?? 0) + 1;
  if (stored === undefined) write.insertHiddenColumnAfter = dueColumn - 1;
  // An edit that changes no item's due (onEdit runs on every edit) writes no helper cell.
  const same =
    stored !== undefined &&
    String(snap.values[0]?.[stored - 1]) === MARKER.due &&
    column.every((v, i) => i === 0 || String(v) === String(snap.values[i]?.[stored - 1] ?? '')) &&
    snap.values.slice(column.length).every((row) => String(row[stored - 1] ?? '') === '');
  if (!same) write.column = { column: dueColumn, values: column.map((v, i) => (i === 0 ? MARKER.due : v)) };
  const range = {
    row: first,
    column: 1,
    rows: last - first + 1,
    columns: Math.max(1, Math.min(width, dueColumn - 1)),
  };
  const ours = ruleFormulas(dueColumn, first, settings.soonDays).map(([state, formula]) => ({
    formula,
    fill: STATE_FILL[state],
    range,
  }));
  const next = view.rules
    .filter((r) => !isOwnRule(r))
    .concat(ours.map((r) => ({ formula: r.formula, ranges: [r.range] })));
  const signature = rulesSignature(next);
  if (signature !== rulesSignature(view.rules)) {
    write.deleteRules = ownRuleIndexes(view.rules);
    write.addRules = ours;
  }
  write.meta = [
    writeState({
      ...old,
      hash,
      ...env,
      counts,
      items: summary.items,
      rules: signature,
      watch: { first, last, columns: watchedColumns(snap, docs) },
    }),
  ];
  return { summary, write };
}

function ownRuleIndexes(rules: RuleView[]): number[] {
  const out: number[] = [];
  rules.forEach((r, i) => {
    if (isOwnRule(r)) out.push(i);
  });
  return out;
}

/** Our rules as text (formula and ranges of each, in order), to skip rewriting identical rules. */
function rulesSignature(rules: RuleView[]): string {
  const ours: string[] = [];
  rules.forEach((r, i) => {
    if (isOwnRule(r)) ours.push(`${i}:${r.formula}@${r.ranges.map(a1).join(',')}`);
  });
  return `${rules.length}|${ours.join('|')}`;
}

function a1(b: Box): string {
  const tl = `${columnLetter(b.column)}${b.row}`;
  return b.rows === 1 && b.columns === 1
    ? tl
    : `${tl}:${columnLetter(b.column + b.columns - 1)}${b.row + b.rows - 1}`;
}

/** Sheet columns whose edits can change an item's colour: its deadline (or start/end), mark, number. */
function watchedColumns(snap: Snapshot, docs: Document[]): number[] {
  const out = new Set<number>();
  for (const d of docs)
    for (const c of d.table?.columns ?? [])
      if (['deadline', 'start', 'end', 'mark', 'number'].indexOf(c.role) >= 0)
        out.add(snap.userColumns[c.column - 1] ?? c.column);
  return [...out].sort((a, b) => a - b);
}

/** Whether an edit of `range` can change a colour, judged by the sheet state alone (no reads). */
export function editMatters(state: SheetState, range: GoogleAppsScript.Spreadsheet.Range): boolean {
  const w = state.watch;
  if (!w) return false;
  const top = range.getRow();
  const bottom = top + range.getNumRows() - 1;
  const left = range.getColumn();
  const right = left + range.getNumColumns() - 1;
  if (bottom < w.first || top > w.last) return true; // above or below the items: maybe a new item or header
  return w.columns.some((c) => c >= left && c <= right);
}

/**
 * Our rules (every version's carry the N("cluster:…") marker) with no marked helper column: an
 * earlier version highlighted this sheet, and its helper columns are found by their metadata.
 */
export function leftByEarlierVersion(view: SheetView): boolean {
  return findHelperColumns(view.values).due === undefined && view.rules.some(isOwnRule);
}

/**
 * Removes our rules (any version's), the helper column and the sheet state; the user's rules stay
 * as they were (and so do the mark dropdown with its record, and the settings' copy). `view` is
 * read after an earlier version's columns were adopted (adoptLegacyColumns).
 */
export function planClear(view: SheetView): { removed: boolean; write: SheetWrite } {
  const own = ownRuleIndexes(view.rules);
  const due = findHelperColumns(view.values).due;
  return {
    removed: own.length > 0 || due !== undefined,
    write: {
      deleteRules: own,
      deleteColumns: due ? [due] : [],
      meta: [writeState(null)],
    },
  };
}

function rowSpan(docs: Document[]): { first: number; last: number } {
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const d of docs) {
    first = Math.min(first, d.items[0].row);
    last = Math.max(last, d.items[d.items.length - 1].row);
  }
  return { first, last };
}

export function summaryText(s: HighlightSummary): string {
  const shown: TallyKey[] = ['overdue', 'due_soon', 'done', 'unknown'];
  if (s.counts.no_deadline > 0) shown.push('no_deadline');
  const parts = shown.map((st) => `${STATE_LABEL_RU[st]}: ${s.counts[st]}`);
  return `Пунктов: ${s.items}. ${parts.join(' · ')}`;
}
