// «Все мероприятия»: every item with its state on the report's date, grouped by document (and
// section) in the documents' own order, filterable.
import { STATE_LABEL_RU, tallyKeyOf } from '@cluster/shared';
import type { ItemFacts } from '../classify.ts';
import type { ReportItem } from '../model.ts';
import { ListSheet } from '../xlsx/list-sheet.ts';
import { type Column, DATE, dateValue, fitHeaders, INTEGER, stateStyle, TEXT, text } from '../xlsx/style.ts';
import type { ReportWorkbookWriter } from '../xlsx/writer.ts';

export const ALL_ITEMS_SHEET = 'Все мероприятия';

const COLUMNS: Column[] = fitHeaders([
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
const STATE_COLUMN = 5;

/**
 * The heading of a document's group on the list sheets: its cluster, then its title, on one line
 * (LibreOffice prints a line break in these cells as nothing, so none is relied on).
 */
export function groupTitle(clusterName: string, documentTitle: string): string {
  return text(`${clusterName}${GROUP_SEPARATOR}${documentTitle}`);
}
export const GROUP_SEPARATOR = ' — ';

/** The cells of an item's row, in column order. */
export function allItemsValues(item: ReportItem, facts: ItemFacts): (string | number | Date | null)[] {
  return [
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

export class AllItemsSheet extends ListSheet {
  constructor(workbook: ReportWorkbookWriter, footer: string, rowLimit?: number) {
    super(workbook, {
      name: ALL_ITEMS_SHEET,
      columns: COLUMNS,
      footer,
      empty: 'Мероприятий на дату отчёта нет.',
      ...(rowLimit ? { rowLimit } : {}),
    });
  }

  addItem(item: ReportItem, facts: ItemFacts): void {
    this.group(groupTitle(item.cluster.name, item.document.title), text(item.task));
    this.add(allItemsValues(item, facts), [STATE_COLUMN, stateStyle(tallyKeyOf(facts.state, item.deadline))]);
  }
}
