// «Просроченные»: overdue items, most days overdue first. Rows arrive already sorted (from the
// spill), so this sheet only formats them.
import { STATE_FILL } from '@cluster/shared';
import type ExcelJS from 'exceljs';
import type { ItemFacts } from '../classify.ts';
import type { ReportItem } from '../model.ts';
import { type Column, DATE, dateValue, fitHeaders, INTEGER, solidFill, TEXT, text } from '../xlsx/style.ts';
import { FilteredSheet } from './filtered-sheet.ts';

export const OVERDUE_SHEET = 'Просроченные';

/** What the spill keeps of an overdue item: the cells, in column order (due as ISO). */
export type OverdueRow = [string, string, string, string, string, string, string, number, string, string];
export const OVERDUE_WIDTH = 10;

export function overdueRow(item: ReportItem, facts: ItemFacts): OverdueRow {
  return [
    text(item.cluster.name),
    text(item.document.title),
    text(item.number),
    text(item.title),
    text(item.executors.join('\n')),
    text(item.deadline.raw),
    facts.due ?? '',
    facts.daysOverdue,
    text(item.result),
    text(item.mark.raw),
  ];
}

const COLUMNS: Column[] = fitHeaders([
  { header: 'Кластер', width: 24, style: TEXT },
  { header: 'Документ', width: 28, style: TEXT },
  { header: '№', width: 7, style: TEXT },
  { header: 'Мероприятие', width: 50, style: TEXT },
  { header: 'Исполнители', width: 26, style: TEXT },
  { header: 'Срок (как записан)', width: 18, style: TEXT },
  { header: 'Действующий срок', width: 13, style: DATE },
  { header: 'Дней просрочки', width: 10, style: { ...INTEGER, fill: solidFill(STATE_FILL.overdue) } },
  { header: 'Ожидаемый результат', width: 28, style: TEXT },
  { header: 'Отметка о выполнении', width: 26, style: TEXT },
]);
const DUE_COLUMN = 6;

export class OverdueSheet extends FilteredSheet {
  constructor(workbook: ExcelJS.Workbook, footer: string, empty = false) {
    super(
      workbook,
      OVERDUE_SHEET,
      COLUMNS,
      footer,
      empty ? 'Просроченных мероприятий на дату отчёта нет.' : undefined,
    );
  }

  add(cells: OverdueRow): void {
    const values: (string | number | Date | null)[] = [...cells];
    values[DUE_COLUMN] = dateValue(cells[DUE_COLUMN]);
    this.addRow(values).commit();
  }
}
