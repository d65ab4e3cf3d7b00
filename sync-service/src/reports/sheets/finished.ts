// «Завершённые планы» (on request): each plan whose period ended by the report's date, with its
// final tally instead of ever-growing overdue days.
import type ExcelJS from 'exceljs';
import type { FinalTally } from '../final-tally.ts';
import type { ReportDocument } from '../model.ts';
import {
  addEmptySheet,
  addStyledRow,
  type Column,
  DATE,
  DATE_TIME,
  dateValue,
  fitHeaders,
  INTEGER,
  sheetOptions,
  TEXT,
  text,
  writeHeader,
} from '../xlsx/style.ts';
import { wallClock } from './summary.ts';

export const FINISHED_SHEET = 'Завершённые планы';

const COLUMNS: Column[] = fitHeaders([
  { header: 'Регион', width: 18, style: TEXT },
  { header: 'Кластер', width: 24, style: TEXT },
  { header: 'Документ', width: 40, style: TEXT },
  { header: 'Начало периода', width: 12, style: DATE },
  { header: 'Конец периода', width: 12, style: DATE },
  { header: 'Мероприятий', width: 12, style: INTEGER },
  { header: 'Выполнено в срок', width: 12, style: INTEGER },
  { header: 'Выполнено не в срок', width: 12, style: INTEGER },
  { header: 'Выполнено, дата не указана', width: 14, style: INTEGER },
  { header: 'Не выполнено', width: 12, style: INTEGER },
  { header: 'Отменено', width: 12, style: INTEGER },
  { header: 'Данные на', width: 16, style: DATE_TIME },
]);

export function writeFinishedSheet(
  workbook: ExcelJS.Workbook,
  plans: readonly { document: ReportDocument; tally: FinalTally }[],
  timeZone: string,
  footer: string,
): void {
  if (plans.length === 0) {
    addEmptySheet(workbook, FINISHED_SHEET, footer, 'Завершённых планов на дату отчёта нет.');
    return;
  }
  const sheet = workbook.addWorksheet(FINISHED_SHEET, sheetOptions({ headerRow: 1, footer }));
  writeHeader(sheet, COLUMNS, 1);
  for (const { document: d, tally: t } of plans) {
    addStyledRow(
      sheet,
      [
        text(d.cluster.region),
        text(d.cluster.name),
        text(d.title),
        dateValue(d.period?.start),
        dateValue(d.period?.end),
        t.items,
        t.onTime,
        t.late,
        t.undated,
        t.notDone,
        t.cancelled,
        d.lastSyncAt ? wallClock(new Date(d.lastSyncAt), timeZone) : null,
      ],
      COLUMNS,
    ).commit();
  }
  sheet.commit();
}
