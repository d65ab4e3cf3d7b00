// «Переносы сроков»: the deadline moves the store knows (the rule: moves-window.ts): old → new
// due, when the move was seen, and how many of the listed moves are that item's; grouped by
// document, in the order seen within each (rows arrive so ordered from a spill).
import { daysBetween } from '@cluster/shared';
import type { ReportMove } from '../model.ts';
import { ListSheet } from '../xlsx/list-sheet.ts';
import { type Column, DATE, dateValue, fitHeaders, INTEGER, TEXT, text } from '../xlsx/style.ts';
import type { ReportWorkbookWriter } from '../xlsx/writer.ts';
import { groupTitle } from './all-items.ts';

export const MOVES_SHEET = 'Переносы сроков';

const COLUMNS: Column[] = fitHeaders([
  { header: '№', width: 7, style: TEXT },
  { header: 'Мероприятие', width: 50, style: TEXT },
  { header: 'Прежний срок', width: 13, style: DATE },
  { header: 'Новый срок', width: 13, style: DATE },
  { header: 'Сдвиг, дней', width: 10, style: INTEGER },
  { header: 'Когда замечен перенос', width: 13, style: DATE },
  { header: 'Переносов у мероприятия', width: 12, style: INTEGER },
]);

/** What the spill keeps of a move: its group's heading, then its cells (dates as ISO, '' for none). */
export type MoveRow = [string, string, string, string, string, string, string, number];
export const MOVE_WIDTH = 8;

/** `seenOn` is the day (in the report's time zone) the move was seen. */
export function moveRow(move: ReportMove, seenOn: string, timesMoved: number): MoveRow {
  return [
    text(move.cluster.name),
    text(move.documentTitle),
    text(move.number),
    text(move.title),
    move.from ?? '',
    move.to ?? '',
    seenOn,
    timesMoved,
  ];
}

/** The cells of a move's row on the sheet (the group's heading left out). */
export function movesValues(cells: MoveRow): (string | number | Date | null)[] {
  const [, , number, title, from, to, seenOn, times] = cells;
  return [
    number,
    title,
    dateValue(from),
    dateValue(to),
    from && to ? daysBetween(from, to) : null,
    dateValue(seenOn),
    times,
  ];
}

export class MovesSheet extends ListSheet {
  constructor(workbook: ReportWorkbookWriter, footer: string, rowLimit?: number) {
    super(workbook, {
      name: MOVES_SHEET,
      columns: COLUMNS,
      footer,
      empty: 'Переносов сроков за период отчёта нет.',
      ...(rowLimit ? { rowLimit } : {}),
    });
  }

  addRow(cells: MoveRow): void {
    this.group(groupTitle(cells[0], cells[1]));
    this.add(movesValues(cells));
  }
}
