// «Исполнители»: per executor (spellings merged), how their items stand.
import type ExcelJS from 'exceljs';
import type { ExecutorTally } from '../executors.ts';
import {
  addEmptySheet,
  addStyledRow,
  type Column,
  fitHeaders,
  font,
  INTEGER,
  sheetOptions,
  TEXT,
  text,
  writeHeader,
} from '../xlsx/style.ts';
import { fitWidth } from './widths.ts';

export const EXECUTORS_SHEET = 'Исполнители';

export const TIMELINESS_RULE =
  'Правило: «в срок» — дата в отметке о выполнении не позже срока мероприятия (для нескольких сроков — ' +
  'ближайшего непрошедшего на дату отметки; для ежемесячных и «в течение года» — конца периода плана) ' +
  'или самого позднего срока, на который его переносили; «с опозданием» — позже; если в отметке нет даты ' +
  'или срок не распознан — «дата не указана». Отменённые мероприятия считаются отдельно.';

export function writeExecutorsSheet(
  workbook: ExcelJS.Workbook,
  tallies: readonly ExecutorTally[],
  footer: string,
): void {
  const columns: Column[] = fitHeaders([
    {
      header: 'Исполнитель',
      width: fitWidth(
        tallies.map((t) => t.name),
        20,
        60,
      ),
      style: TEXT,
    },
    { header: 'Мероприятий', width: 12, style: INTEGER },
    { header: 'Выполнено в срок', width: 12, style: INTEGER },
    { header: 'Выполнено с опозданием', width: 13, style: INTEGER },
    { header: 'Выполнено, дата не указана', width: 13, style: INTEGER },
    { header: 'Отменено', width: 11, style: INTEGER },
    { header: 'Просрочено сейчас', width: 12, style: INTEGER },
  ]);
  if (tallies.length === 0) {
    addEmptySheet(workbook, EXECUTORS_SHEET, footer, 'Исполнителей в отчёте нет.');
    return;
  }
  const sheet = workbook.addWorksheet(EXECUTORS_SHEET, sheetOptions({ headerRow: 1, footer }));
  writeHeader(sheet, columns, 1);
  for (const t of tallies) {
    addStyledRow(
      sheet,
      [text(t.name), t.items, t.onTime, t.late, t.undated, t.cancelled, t.overdue],
      columns,
    ).commit();
  }
  const last = tallies.length + 1;
  if (tallies.length > 0) {
    sheet.addConditionalFormatting({
      ref: `G2:G${last}`,
      rules: [
        {
          type: 'colorScale',
          priority: 1,
          cfvo: [{ type: 'num', value: 0 }, { type: 'max' }],
          color: [{ argb: 'FFFFFFFF' }, { argb: 'FFE06666' }],
        },
      ],
    });
  }
  const note = sheet.getRow(last + 2);
  note.getCell(1).value = TIMELINESS_RULE;
  note.getCell(1).style = { alignment: { wrapText: true, vertical: 'top' }, font: font({ italic: true }) };
  sheet.mergeCells(last + 2, 1, last + 2, columns.length);
  note.height = 48;
  note.commit();
  sheet.commit();
}
