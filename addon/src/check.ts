// «Проверить таблицу»: every problem the domain core finds, placed on a sheet cell, plus a dropdown
// on the completion-mark column (only on cells without validation of the user's own).

import type { Document } from '@cluster/shared';
import type { Box, SheetWrite } from './gas.ts';
import { type Snapshot, tablesWithItems } from './snapshot.ts';

/** Choices of the mark dropdown; each is read by parseMark as its status. */
export const MARK_CHOICES = [
  'Выполнено',
  'Выполнено частично',
  'В работе',
  'Не выполнено',
  'Перенесено',
  'Отменено',
] as const;

export interface ProblemView {
  row: number;
  column: number;
  code: string;
  message: string;
}

export interface CheckResult {
  sheetId: number;
  sheetName: string;
  items: number;
  problems: ProblemView[];
  unplaced: { row: number; text: string; reason: string }[];
  markColumn: number | null;
}

export function collectProblems(snap: Snapshot): CheckResult {
  const docs = tablesWithItems(snap);
  const problems: ProblemView[] = [];
  const unplaced: CheckResult['unplaced'] = [];
  let items = 0;
  for (const doc of docs) {
    const titleColumn = columnOfRole(doc, 'title') ?? 1;
    items += doc.items.length;
    for (const item of doc.items) {
      for (const p of item.problems) {
        const gridColumn = p.column ?? titleColumn;
        problems.push({
          row: item.row,
          column: sheetColumn(snap, gridColumn),
          code: p.code,
          message: p.message,
        });
      }
    }
    for (const u of doc.unplaced ?? []) unplaced.push(u);
  }
  const mark = columnOfRole(docs[0], 'mark');
  return {
    sheetId: snap.sheet.getSheetId(),
    sheetName: snap.sheetName,
    items,
    problems,
    unplaced,
    markColumn: mark === null ? null : sheetColumn(snap, mark),
  };
}

/**
 * Dropdown on the mark column of every table, as runs of cells: cells with the user's own
 * validation (`validations`, as read) keep it. Undefined when no table has a mark column.
 */
export function markValidation(snap: Snapshot, validations: boolean[][]): SheetWrite['listValidation'] {
  const ranges: Box[] = [];
  for (const doc of tablesWithItems(snap)) {
    const mark = columnOfRole(doc, 'mark');
    if (mark === null) continue;
    const column = sheetColumn(snap, mark);
    const first = doc.items[0].row;
    const last = doc.items[doc.items.length - 1].row;
    let start = 0;
    for (let r = first; r <= last + 1; r++) {
      const free = r <= last && !validations[r - 1]?.[column - 1];
      if (free && !start) start = r;
      if (!free && start) {
        ranges.push({ row: start, column, rows: r - start, columns: 1 });
        start = 0;
      }
    }
  }
  return ranges.length
    ? {
        ranges,
        choices: MARK_CHOICES,
        helpText:
          'Отметка о выполнении: выберите из списка или напишите, например, «перенесено на 15.05.2025»',
      }
    : undefined;
}

function columnOfRole(doc: Document, role: string): number | null {
  const c = doc.table?.columns.find((x) => x.role === role);
  return c ? c.column : null;
}

function sheetColumn(snap: Snapshot, gridColumn: number): number {
  return snap.userColumns[gridColumn - 1] ?? gridColumn;
}
