// «Проверить таблицу»: every problem the domain core finds, placed on a sheet cell, plus a dropdown
// on the completion-mark column (only on cells without validation of the user's own).

import type { Document } from '@cluster/shared';
import { listValidation } from './gas.ts';
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

/** Dropdown on the mark column of every table; cells with the user's own validation keep it. */
export function applyMarkValidation(snap: Snapshot): void {
  for (const doc of tablesWithItems(snap)) {
    const mark = columnOfRole(doc, 'mark');
    if (mark === null) continue;
    const first = doc.items[0].row;
    const last = doc.items[doc.items.length - 1].row;
    const range = snap.sheet.getRange(first, sheetColumn(snap, mark), last - first + 1, 1);
    const existing = range.getDataValidations();
    const ours = listValidation(
      MARK_CHOICES,
      'Отметка о выполнении: выберите из списка или напишите, например, «перенесено на 15.05.2025»',
    );
    range.setDataValidations(existing.map((row) => [row[0] ?? ours]));
  }
}

function columnOfRole(doc: Document, role: string): number | null {
  const c = doc.table?.columns.find((x) => x.role === role);
  return c ? c.column : null;
}

function sheetColumn(snap: Snapshot, gridColumn: number): number {
  return snap.userColumns[gridColumn - 1] ?? gridColumn;
}
