// Items and documents built straight from the model types, for store tests.
import type { Deadline, Document, Item, Mark } from '@cluster/shared';
import type { SnapshotInput, SourceRef } from '../../src/store/store.ts';

export function month(raw: string, yearMonth: string): Deadline {
  const [y, m] = yearMonth.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    raw,
    kind: 'month',
    start: `${yearMonth}-01`,
    due: `${yearMonth}-${String(last).padStart(2, '0')}`,
  };
}

export const NO_MARK: Mark = { raw: '', status: 'none' };

export function item(row: number, number: string, title: string, extra: Partial<Item> = {}): Item {
  return {
    row,
    number,
    task: 'Задача 1. Кадры',
    title,
    executors: ['Председатель КС'],
    deadline: month('май 2024', '2024-05'),
    result: 'Отчёт',
    mark: NO_MARK,
    state: 'upcoming',
    problems: [],
    ...extra,
  };
}

export function doc(items: Item[], title = 'План работы кластера на 2024 год'): Document {
  return { title, kind: 'work_plan', period: { start: '2024-01-01', end: '2024-12-31' }, items };
}

/** Cells of a row, as the add-in would send them. */
export function cellsOf(items: Item[]): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (const it of items) {
    rows[it.row - 1] = [
      it.number,
      it.title,
      it.executors.join(', '),
      it.deadline.raw,
      it.result,
      it.mark.raw,
    ];
  }
  return Array.from(rows, (r) => r ?? []);
}

export const SHEET: Extract<SourceRef, { kind: 'sheet' }> = {
  kind: 'sheet',
  spreadsheetId: '1AbC',
  sheetId: 0,
  sheetName: 'План',
};

/** One document of `items` from a sheet of the cluster 'kaluga', as a sync would get it. */
export function snapshotOf(items: Item[], extra: Partial<SnapshotInput> = {}): SnapshotInput {
  return {
    cluster: 'kaluga',
    source: SHEET,
    title: 'План работы',
    documents: [doc(items)],
    cells: cellsOf(items),
    actor: 'cli',
    today: '2024-03-01',
    ...extra,
  };
}
