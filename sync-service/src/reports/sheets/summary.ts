// «Сводка»: the title block and one row per cluster, with totals; written last (its counts need
// every item) but shown first.
import { formatRu, minuteInTimeZone, STATE_COLUMN_RU, TALLY_ORDER, type TallyKey } from '@cluster/shared';
import type ExcelJS from 'exceljs';
import { DEFAULT_STALE_DAYS, freshnessOf } from '../freshness.ts';
import type { ReportDocument, ReportOptions } from '../model.ts';
import type { ClusterTally } from '../tally.ts';
import {
  addStyledRow,
  type Column,
  columnLetter,
  DATE,
  DATE_FORMAT,
  DATE_TIME,
  DATE_TIME_FORMAT,
  dateValue,
  fitHeaders,
  HEADER,
  INTEGER,
  PERCENT,
  sheetOptions,
  TEXT,
  text,
  writeHeader,
} from '../xlsx/style.ts';
import { fitWidth } from './widths.ts';

export const SUMMARY_SHEET = 'Сводка';
export const SUMMARY_TITLE = 'Сводный отчёт о выполнении дорожных карт и планов работы кластеров';

/** The title block's scope lines: the region, and for one cluster's report its cluster too. */
function scopeLines(options: ReportOptions): [string, string][] {
  if (!options.clusterName) return [['Регион:', options.region ?? 'все регионы']];
  return [
    ...(options.region ? ([['Регион:', options.region]] as [string, string][]) : []),
    ['Кластер:', options.clusterName],
  ];
}

const STATE_COLUMNS: [TallyKey, string][] = TALLY_ORDER.map((k) => [k, STATE_COLUMN_RU[k]]);

export function writeSummarySheet(
  workbook: ExcelJS.Workbook,
  tallies: readonly ClusterTally[],
  total: Omit<ClusterTally, 'cluster'>,
  options: ReportOptions,
  footer: string,
  documents: readonly ReportDocument[] = [],
): void {
  const columns: Column[] = fitHeaders([
    {
      header: 'Регион',
      width: fitWidth(
        tallies.map((t) => t.cluster.region),
        14,
        30,
      ),
      style: TEXT,
    },
    {
      header: 'Кластер',
      width: fitWidth(
        tallies.map((t) => t.cluster.name),
        24,
        60,
      ),
      style: TEXT,
    },
    { header: 'Мероприятий', width: 12, style: INTEGER },
    ...STATE_COLUMNS.map(([, header]) => ({ header, width: 12, style: INTEGER })),
    { header: 'Доля выполненных', width: 12, style: PERCENT },
    { header: 'Данные на', width: 16, style: DATE_TIME },
    { header: 'Обновления', width: 22, style: TEXT },
  ]);
  const scope = scopeLines(options);
  // Title, scope lines, as-of, made, a blank row, then the column headers.
  const headerRow = scope.length + 5;
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, sheetOptions({ headerRow, footer }));
  sheet.columns = columns.map((c) => ({ width: c.width }));

  const title = sheet.getRow(1);
  title.getCell(1).value = SUMMARY_TITLE;
  title.getCell(1).style = { font: { bold: true, size: 14 } };
  title.commit();
  scope.forEach(([label, value], i) => {
    labelled(sheet, 2 + i, label, text(value));
  });
  labelled(sheet, headerRow - 3, 'Состояние на:', dateValue(options.asOf), DATE_FORMAT);
  labelled(sheet, headerRow - 2, 'Сформирован:', madeAt(options), DATE_TIME_FORMAT);
  sheet.getRow(headerRow - 1).commit();

  writeHeader(sheet, columns, headerRow);
  const staleDays = options.staleDays ?? DEFAULT_STALE_DAYS;
  for (const t of tallies) {
    const fresh = freshnessOf(t.cluster.lastSyncAt, options.generatedAt, staleDays);
    const warning =
      t.cluster.lastSyncAt === undefined
        ? ''
        : fresh.at === null
          ? 'данных не было'
          : fresh.stale
            ? `нет обновлений ${fresh.silentDays} дн.`
            : '';
    writeCounts(sheet, columns, [text(t.cluster.region), text(t.cluster.name)], t, false, [
      fresh.at ? wallClock(new Date(fresh.at), options.timeZone) : null,
      warning,
    ]);
  }
  writeCounts(sheet, columns, ['Итого', ''], total, true, [null, '']);
  if (documents.length > 0)
    writeDocuments(sheet, headerRow + tallies.length + 3, columns, documents, options);

  const first = headerRow + 1;
  const last = headerRow + tallies.length;
  // Columns found by header: the state columns come from the core's tally order and may grow.
  const at = (header: string) => columnLetter(columns.findIndex((c) => c.header === header) + 1);
  const share = at('Доля выполненных');
  const overdue = at(STATE_COLUMN_RU.overdue);
  if (tallies.length > 0) {
    sheet.addConditionalFormatting({
      ref: `${share}${first}:${share}${last}`,
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          cfvo: [
            { type: 'num', value: 0 },
            { type: 'num', value: 1 },
          ],
          color: { argb: 'FF6AA84F' },
          gradient: false,
        } as ExcelJS.DataBarRuleType,
      ],
    });
    sheet.addConditionalFormatting({
      ref: `${overdue}${first}:${overdue}${last}`,
      rules: [
        {
          type: 'colorScale',
          priority: 2,
          cfvo: [{ type: 'num', value: 0 }, { type: 'max' }],
          color: [{ argb: 'FFFFFFFF' }, { argb: 'FFE06666' }],
        },
      ],
    });
  }
  sheet.commit();
}

function labelled(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  label: string,
  value: string | Date | null,
  numFmt?: string,
): void {
  const row = sheet.getRow(rowNumber);
  row.getCell(1).value = label;
  row.getCell(1).style = { font: { bold: true } };
  row.getCell(2).value = value;
  row.getCell(2).style = numFmt ? { numFmt, alignment: { horizontal: 'left' } } : {};
  row.commit();
}

function writeCounts(
  sheet: ExcelJS.Worksheet,
  columns: readonly Column[],
  labels: [string, string],
  t: Omit<ClusterTally, 'cluster'>,
  bold: boolean,
  freshness: [Date | null, string],
): void {
  const row = addStyledRow(
    sheet,
    [
      ...labels,
      t.items,
      ...STATE_COLUMNS.map(([state]) => t.byState[state]),
      t.items > 0 ? t.byState.done / t.items : 0,
      ...freshness,
    ],
    columns,
  );
  if (freshness[1]) row.getCell(columns.length).style = { font: { bold: true, color: { argb: 'FFC00000' } } };
  if (bold) {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.style = { ...cell.style, font: { bold: true }, fill: HEADER.fill };
    });
  }
  row.commit();
}

/** When the report was made, as a date-time cell showing the report's time zone's wall clock. */
function madeAt(options: ReportOptions): Date {
  return wallClock(options.generatedAt, options.timeZone);
}

/**
 * The current plans' documents under the clusters' table, each with «Данные на» in the same column
 * as the clusters' (the columns between stay empty, so the widths fit both tables).
 */
function writeDocuments(
  sheet: ExcelJS.Worksheet,
  first: number,
  clusterColumns: readonly Column[],
  documents: readonly ReportDocument[],
  options: ReportOptions,
): void {
  const title = sheet.getRow(first);
  title.getCell(1).value = 'Документы текущих планов';
  title.getCell(1).style = { font: { bold: true } };
  title.commit();
  const last = clusterColumns.length - 1; // «Данные на»
  const place: [number, Column][] = [
    [0, { header: 'Кластер', width: 0, style: TEXT }],
    [1, { header: 'Документ', width: 0, style: TEXT }],
    [2, { header: 'Мероприятий', width: 0, style: INTEGER }],
    [3, { header: 'Начало периода', width: 0, style: DATE }],
    [4, { header: 'Конец периода', width: 0, style: DATE }],
    [last - 1, { header: 'Данные на', width: 0, style: DATE_TIME }],
  ];
  const header = sheet.getRow(first + 1);
  for (const [i, c] of place) {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).style = HEADER;
  }
  header.commit();
  const columns: Column[] = clusterColumns.map((c) => ({ ...c, style: {} }));
  for (const [i, c] of place) columns[i] = { ...columns[i], style: c.style };
  for (const d of documents) {
    const values: (string | number | Date | null)[] = columns.map(() => null);
    values[0] = text(d.cluster.name);
    values[1] = text(d.title);
    values[2] = d.items;
    values[3] = dateValue(d.period?.start);
    values[4] = dateValue(d.period?.end);
    values[last - 1] = d.lastSyncAt ? wallClock(new Date(d.lastSyncAt), options.timeZone) : null;
    addStyledRow(sheet, values, columns).commit();
  }
}

/** An instant as a date-time cell showing `timeZone`'s wall clock (cells have no zone). */
export function wallClock(at: Date, timeZone: string): Date {
  const [y, mo, d, h, mi] = minuteInTimeZone(at, timeZone).split(/[- :]/).map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi));
}

/** The footer's left part for every sheet of the report. */
export function reportFooter(options: ReportOptions): string {
  const scope = options.clusterName ?? options.region;
  return `Сводный отчёт${scope ? ` (${scope})` : ''} на ${formatRu(options.asOf)}`;
}
