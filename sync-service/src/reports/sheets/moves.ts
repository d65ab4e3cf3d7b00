// «Переносы сроков»: the deadline moves the store knows (the rule: moves-window.ts): old → new
// due, when the move was seen, and how many of the listed moves are that item's.
import { daysBetween } from '@cluster/shared';
import type ExcelJS from 'exceljs';
import type { ReportMove } from '../model.ts';
import {
  addStyledRow,
  type Column,
  DATE,
  dateValue,
  fitHeaders,
  INTEGER,
  sheetOptions,
  TEXT,
  text,
  writeEmptyNote,
  writeHeader,
} from '../xlsx/style.ts';

export const MOVES_SHEET = 'Переносы сроков';

const COLUMNS: Column[] = fitHeaders([
  { header: 'Кластер', width: 24, style: TEXT },
  { header: 'Документ', width: 28, style: TEXT },
  { header: '№', width: 7, style: TEXT },
  { header: 'Мероприятие', width: 50, style: TEXT },
  { header: 'Прежний срок', width: 13, style: DATE },
  { header: 'Новый срок', width: 13, style: DATE },
  { header: 'Сдвиг, дней', width: 10, style: INTEGER },
  { header: 'Когда замечен перенос', width: 13, style: DATE },
  { header: 'Переносов у мероприятия', width: 12, style: INTEGER },
]);

/** The cells of a move's row, in column order. */
export function movesValues(
  move: ReportMove,
  seenOn: string,
  timesMoved: number,
): (string | number | Date | null)[] {
  return [
    text(move.cluster.name),
    text(move.documentTitle),
    text(move.number),
    text(move.title),
    dateValue(move.from),
    dateValue(move.to),
    move.from && move.to ? daysBetween(move.from, move.to) : null,
    dateValue(seenOn),
    timesMoved,
  ];
}

export class MovesSheet {
  readonly sheet: ExcelJS.Worksheet;
  #count = 0;

  /** `empty`: no move will be listed; the sheet says so in one line. */
  constructor(workbook: ExcelJS.Workbook, footer: string, empty = false) {
    this.sheet = workbook.addWorksheet(MOVES_SHEET, sheetOptions({ headerRow: 1, footer }));
    if (empty) {
      this.sheet.columns = [{ width: 100 }];
      writeEmptyNote(this.sheet, 'Переносов сроков за период отчёта нет.');
    } else writeHeader(this.sheet, COLUMNS, 1);
  }

  get count(): number {
    return this.#count;
  }

  /** `seenOn` is the day (in the report's time zone) the move was seen. */
  add(move: ReportMove, seenOn: string, timesMoved: number): void {
    const values = movesValues(move, seenOn, timesMoved);
    addStyledRow(this.sheet, values, COLUMNS).commit();
    this.#count++;
  }

  finish(): void {
    this.sheet.commit();
  }
}
