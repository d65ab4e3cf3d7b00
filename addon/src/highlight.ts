// Highlighting without touching the user's formatting: item rows get conditional-format rules over
// the hidden 'due' helper column (effective due date as a serial, or 'done' / 'unknown'). The rules
// compare with TODAY(), so a row turns "due soon" and then "overdue" on later days by itself.
// Our rules are the ones whose formula carries the marker N("cluster:…"), which is 0 and so
// changes nothing; clearing removes exactly those and deletes the helper column.

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
import { customFormulaOf, formulaRule, todayIn, withDocumentLock } from './gas.ts';
import {
  addHelperColumn,
  adoptLegacyColumns,
  columnLetter,
  MARKER,
  writeHelperColumn,
} from './helper-columns.ts';
import type { Settings } from './settings-store.ts';
import { contentHash, readState, type SheetState, writeState } from './sheet-state.ts';
import {
  type DocEnv,
  docEnv,
  readSheet,
  type SheetRead,
  type Snapshot,
  tablesWithItems,
  takeSnapshot,
} from './snapshot.ts';

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

export function isOwnRule(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): boolean {
  const formula = customFormulaOf(rule);
  return formula !== null && formula.indexOf(`N("${RULE_MARKER}`) >= 0;
}

export interface HighlightSummary {
  /** By state, decisions with no deadline apart («без срока»). */
  counts: Record<TallyKey, number>;
  items: number;
}

/**
 * Highlights a sheet: one read of its values; when they, the settings and today are what the
 * sheet state recorded and our rules are in place, nothing is written. Otherwise the helper column
 * (only where it differs), the rules (only where they differ) and the state are written under
 * the document lock. The add-in's rules go AFTER the user's: Sheets shows only the first matching
 * rule per cell, so a user's rule keeps showing wherever it matches, and the state colours show
 * everywhere else.
 */
export function highlightSheet(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  settings: Settings,
  props: Record<string, string>,
): HighlightSummary {
  const read = readSheet(sheet);
  const old = readState(props, read.sheetId);
  const stamp = (env: DocEnv): string =>
    contentHash(
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
  let rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] | null = null;
  if (old?.watch && old.hash === stamp(old)) {
    rules = sheet.getConditionalFormatRules();
    if (rulesSignature(rules) === old.rules)
      return { counts: { ...emptyTally(), ...old.counts }, items: old.items };
  }
  let currentRules = rules ?? sheet.getConditionalFormatRules();
  if (leftByEarlierVersion(read, currentRules)) {
    read.helpers = withDocumentLock(() => adoptLegacyColumns(sheet, read.values));
    currentRules = sheet.getConditionalFormatRules(); // a stale column deleted moves the rules
  }
  const env = docEnv(sheet);
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
  withDocumentLock(() => {
    const stored = snap.helpers.due;
    const dueColumn = stored ?? addHelperColumn(sheet, Math.max(width, read.values[0]?.length ?? 0));
    // An edit that changes no item's due (onEdit runs on every edit) writes no helper cell.
    const same =
      stored !== undefined &&
      String(snap.values[0]?.[stored - 1]) === MARKER.due &&
      column.every((v, i) => i === 0 || String(v) === String(snap.values[i]?.[stored - 1] ?? '')) &&
      snap.values.slice(column.length).every((row) => String(row[stored - 1] ?? '') === '');
    if (!same) writeHelperColumn(sheet, dueColumn, 'due', column);
    const range = sheet.getRange(first, 1, last - first + 1, Math.max(1, Math.min(width, dueColumn - 1)));
    const ours = ruleFormulas(dueColumn, first, settings.soonDays).map(([state, formula]) =>
      formulaRule(formula, STATE_FILL[state], range),
    );
    const kept = currentRules.filter((r) => !isOwnRule(r));
    const next = kept.concat(ours);
    const signature = rulesSignature(next);
    if (signature !== rulesSignature(currentRules)) sheet.setConditionalFormatRules(next);
    writeState(read.sheetId, {
      ...old,
      hash: stamp(env),
      ...env,
      counts,
      items: summary.items,
      rules: signature,
      watch: { first, last, columns: watchedColumns(snap, docs) },
    });
  });
  return summary;
}

/** Our rules as text (formula and ranges of each, in order), to skip rewriting identical rules. */
function rulesSignature(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): string {
  const ours: string[] = [];
  rules.forEach((r, i) => {
    if (!isOwnRule(r)) return;
    const where = r
      .getRanges()
      .map((g) => g.getA1Notation())
      .join(',');
    ours.push(`${i}:${customFormulaOf(r)}@${where}`);
  });
  return `${rules.length}|${ours.join('|')}`;
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
function leftByEarlierVersion(
  read: SheetRead,
  rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[],
): boolean {
  return read.helpers.due === undefined && rules.some(isOwnRule);
}

/**
 * Removes our rules (any version's), the helper column (an earlier version's, and a leftover of
 * one, too) and the sheet state; the user's rules stay as they were.
 */
export function removeHighlight(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  const read = readSheet(sheet);
  // Every form of our columns, an earlier version's too (a rare click: the lookup is affordable).
  read.helpers = adoptLegacyColumns(sheet, read.values);
  const rules = sheet.getConditionalFormatRules();
  const kept = rules.filter((r) => !isOwnRule(r));
  const due = read.helpers.due;
  if (kept.length !== rules.length) sheet.setConditionalFormatRules(kept);
  if (due) sheet.deleteColumn(due);
  writeState(read.sheetId, null);
  return kept.length !== rules.length || due !== undefined;
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
