// «Все мероприятия»: every item with its state on the report's date, filterable.
import { STATE_LABEL_RU, tallyKeyOf } from '@cluster/shared';
import type ExcelJS from 'exceljs';
import type { ItemFacts } from '../classify.ts';
import type { ReportItem } from '../model.ts';
import { type Column, DATE, dateValue, fitHeaders, INTEGER, stateStyle, TEXT, text } from '../xlsx/style.ts';
import { FilteredSheet } from './filtered-sheet.ts';

export const ALL_ITEMS_SHEET = 'Все мероприятия';

const COLUMNS: Column[] = fitHeaders([
  { header: 'Кластер', width: 24, style: TEXT },
  { header: 'Документ', width: 30, style: TEXT },
  { header: 'Раздел', width: 26, style: TEXT },
  { header: '№', width: 7, style: TEXT },
  { header: 'Мероприятие', width: 50, style: TEXT },
  { header: 'Исполнители', width: 26, style: TEXT },
  { header: 'Срок (как записан)', width: 18, style: TEXT },
  { header: 'Действующий срок', width: 13, style: DATE },
  { header: 'Состояние', width: 15, style: TEXT },
  { header: 'Дней просрочки', width: 10, style: INTEGER },
  { header: 'Ожидаемый результат', width: 28, style: TEXT },
  { header: 'Отметка о выполнении', width: 26, style: TEXT },
]);
const STATE_COLUMN = 9;

/** The cells of an item's row, in column order. */
export function allItemsValues(item: ReportItem, facts: ItemFacts): (string | number | Date | null)[] {
  return [
    text(item.cluster.name),
    text(item.document.title),
    text(item.task),
    text(item.number),
    text(item.title),
    text(item.executors.join('\n')),
    text(item.deadline.raw),
    dateValue(facts.due),
    STATE_LABEL_RU[tallyKeyOf(facts.state, item.deadline)],
    facts.state === 'overdue' ? facts.daysOverdue : null,
    text(item.result),
    text(item.mark.raw),
  ];
}

export class AllItemsSheet extends FilteredSheet {
  constructor(workbook: ExcelJS.Workbook, footer: string) {
    super(workbook, ALL_ITEMS_SHEET, COLUMNS, footer);
  }

  add(item: ReportItem, facts: ItemFacts): void {
    const row = this.addRow(allItemsValues(item, facts));
    row.getCell(STATE_COLUMN).style = stateStyle(tallyKeyOf(facts.state, item.deadline));
    row.commit();
  }
}
