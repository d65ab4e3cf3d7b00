// «Просроченные»: overdue items grouped by document, most days overdue first within each. Rows
// arrive already in that order (from the spill), so this sheet only formats them.
import { STATE_FILL } from '@cluster/shared';
import type { ItemFacts } from '../classify.ts';
import type { ReportItem } from '../model.ts';
import { ListSheet } from '../xlsx/list-sheet.ts';
import { type Column, DATE, dateValue, fitHeaders, INTEGER, solidFill, TEXT, text } from '../xlsx/style.ts';
import type { ReportWorkbookWriter } from '../xlsx/writer.ts';
import { groupTitle } from './all-items.ts';

export const OVERDUE_SHEET = 'Просроченные';

/** What the spill keeps of an overdue item: its group's heading, then its cells (due as ISO). */
export type OverdueRow = [string, string, string, string, string, string, string, number, string, string];

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

/** The cells of an overdue row on the sheet (the group's heading left out). */
export function overdueValues(cells: OverdueRow): (string | number | Date | null)[] {
  return [cells[2], cells[3], cells[4], cells[5], dateValue(cells[6]), cells[7], cells[8], cells[9]];
}

const COLUMNS: Column[] = fitHeaders([
  { header: '№', width: 7, style: TEXT },
  { header: 'Мероприятие', width: 50, style: TEXT },
  { header: 'Исполнители', width: 26, style: TEXT },
  { header: 'Срок (как записан)', width: 18, style: TEXT },
  { header: 'Действующий срок', width: 13, style: DATE },
  { header: 'Дней просрочки', width: 10, style: { ...INTEGER, fill: solidFill(STATE_FILL.overdue) } },
  { header: 'Ожидаемый результат', width: 28, style: TEXT },
  { header: 'Отметка о выполнении', width: 26, style: TEXT },
]);

export class OverdueSheet extends ListSheet {
  constructor(workbook: ReportWorkbookWriter, footer: string, rowLimit?: number) {
    super(workbook, {
      name: OVERDUE_SHEET,
      columns: COLUMNS,
      footer,
      empty: 'Просроченных мероприятий на дату отчёта нет.',
      ...(rowLimit ? { rowLimit } : {}),
    });
  }

  addRow(cells: OverdueRow): void {
    this.group(groupTitle(cells[0], cells[1]));
    this.add(overdueValues(cells));
  }
}
