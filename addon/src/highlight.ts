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
  type ItemState,
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
import { customFormulaOf, formulaRule } from './gas.ts';
import { addHelperColumn, columnLetter, findHelperColumns, writeHelperColumn } from './helper-columns.ts';
import type { Settings } from './settings-store.ts';
import { type Snapshot, tablesWithItems } from './snapshot.ts';

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

/** Writes the helper column and the rules. Call inside the document lock. */
export function applyHighlight(snap: Snapshot, settings: Settings): HighlightSummary {
  const docs = tablesWithItems(snap);
  const sheet = snap.sheet;
  const dueColumn = snap.helpers.due ?? addHelperColumn(sheet, 'due');
  const lastRow = Math.max(snap.values.length, ...docs.map((d) => d.table?.lastRow ?? 0));
  const column: (string | number)[] = new Array(lastRow).fill('');
  const counts = emptyTally();
  for (const doc of docs) {
    for (const item of doc.items) {
      column[item.row - 1] = helperValue(item, doc.period ?? settings.period, snap.today, settings.soonDays);
      counts[tallyKeyOf(item.state, item.deadline)]++;
    }
  }
  // An edit that changes no item's due (onEdit runs on every edit) writes nothing.
  const stored = snap.helpers.due;
  const same =
    stored !== undefined &&
    column.every((v, i) => String(v) === String(snap.values[i]?.[stored - 1] ?? '')) &&
    snap.values.slice(column.length).every((row) => String(row[stored - 1] ?? '') === '');
  if (!same) writeHelperColumn(sheet, dueColumn, column);

  const { first, last } = rowSpan(docs);
  const width = snap.userColumns.length ? snap.userColumns[snap.userColumns.length - 1] : 1;
  const range = sheet.getRange(first, 1, last - first + 1, Math.max(1, Math.min(width, dueColumn - 1)));
  const kept = sheet.getConditionalFormatRules().filter((r) => !isOwnRule(r));
  const ours = ruleFormulas(dueColumn, first, settings.soonDays).map(([state, formula]) =>
    formulaRule(formula, STATE_FILL[state], range),
  );
  // Ours go first: the first matching rule colours a cell, and a state colour is what was asked for.
  sheet.setConditionalFormatRules(ours.concat(kept));
  return { counts, items: docs.reduce((n, d) => n + d.items.length, 0) };
}

/** Removes our rules and the helper column; the user's rules stay as they were. */
export function removeHighlight(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  const rules = sheet.getConditionalFormatRules();
  const kept = rules.filter((r) => !isOwnRule(r));
  const due = findHelperColumns(sheet).due;
  if (kept.length !== rules.length) sheet.setConditionalFormatRules(kept);
  if (due) sheet.deleteColumn(due);
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
