// «Сводка», the page a department forwards: the title block and the addressee, the headline figures
// with their change since the previous report, a chart of the clusters' states, one row per cluster
// with totals, and the signature. Written last (its counts need every item) but shown first.
import {
  type DisciplineCounts,
  formatRu,
  kid,
  kidWeighted,
  minuteInTimeZone,
  STATE_BAR,
  STATE_COLUMN_RU,
  TALLY_ORDER,
  type TallyKey,
} from '@cluster/shared';
import type ExcelJS from 'exceljs';
import { CHART_STATES, stateBarsPng } from '../chart.ts';
import { DEFAULT_STALE_DAYS, freshnessOf } from '../freshness.ts';
import type { ReportDocument, ReportOptions } from '../model.ts';
import type { ClusterTally } from '../tally.ts';
import { kidChange, type TrendFigures } from '../trends.ts';
import {
  addStyledRow,
  bold,
  type Column,
  columnLetter,
  DATE,
  DATE_FORMAT,
  DATE_TIME,
  DATE_TIME_FORMAT,
  dateValue,
  fitHeaders,
  font,
  HEADER,
  INTEGER,
  KID_CHANGE,
  lines,
  PERCENT,
  sheetOptions,
  solidFill,
  TEXT,
  text,
  writeHeader,
} from '../xlsx/style.ts';
import type { ReportWorkbookWriter } from '../xlsx/writer.ts';
import { fitWidth } from './widths.ts';

export const SUMMARY_SHEET = 'Сводка';
export const SUMMARY_TITLE = 'Сводный отчёт о выполнении дорожных карт и планов работы кластеров';
/** Clusters drawn in the chart, at most (those with the most overdue items first). */
export const CHART_MAX = 12;

/** The title block's scope lines: the region, and for one cluster's report its cluster too. */
function scopeLines(options: ReportOptions): [string, string][] {
  if (!options.clusterName) return [['Регион:', options.region ?? 'все регионы']];
  return [
    ...(options.region ? ([['Регион:', options.region]] as [string, string][]) : []),
    ['Кластер:', options.clusterName],
  ];
}

const STATE_COLUMNS: [TallyKey, string][] = TALLY_ORDER.map((k) => [k, STATE_COLUMN_RU[k]]);
/** The table's columns without the change columns: region, cluster, items, states, share, «Данные на», warning. */
const FIXED_COLUMNS = 2 + 1 + STATE_COLUMNS.length + 1 + 2;

/** What «Сводка» shows besides the per-cluster counts. */
export interface SummaryExtras {
  discipline: DisciplineCounts;
  /** Counts the syncs left on the trend's start day, for «изменение с …»; null = no trend. */
  before: TrendFigures | null;
  /**
   * КИД counts on the trend's start as the syncs kept them (store.tallies.recordDiscipline); null
   * when not kept for every cluster then: the КИД's change is left blank rather than guessed.
   */
  disciplineBefore?: DisciplineCounts | null;
  /** The same per cluster (by slug; a cluster absent had no sync by then), for the table's change columns. */
  beforeByCluster?: ReadonlyMap<string, TrendFigures | null> | null;
  /** The current plans' documents with their «Данные на», listed under the clusters' table. */
  documents?: readonly ReportDocument[];
}

const LABEL: Partial<ExcelJS.Style> = { font: font({ bold: true }), alignment: { vertical: 'top' } };
const VALUE: Partial<ExcelJS.Style> = { font: font(), alignment: { vertical: 'top', wrapText: true } };
const NOTE: Partial<ExcelJS.Style> = {
  font: font({ italic: true, size: 10 }),
  alignment: { vertical: 'top', wrapText: true },
};
const KID_FORMAT: Partial<ExcelJS.Style> = { ...INTEGER, numFmt: '0.0' };
const CHANGE: Partial<ExcelJS.Style> = { ...INTEGER, numFmt: '+0;−0;0' };

/** Writes rows one after another (a streamed sheet takes rows in order). */
class Rows {
  next = 1;
  readonly sheet: ExcelJS.Worksheet;
  constructor(sheet: ExcelJS.Worksheet) {
    this.sheet = sheet;
  }
  take(): ExcelJS.Row {
    return this.sheet.getRow(this.next++);
  }
  blank(): void {
    this.take().commit();
  }
}

export function writeSummarySheet(
  workbook: ReportWorkbookWriter,
  tallies: readonly ClusterTally[],
  total: Omit<ClusterTally, 'cluster'>,
  options: ReportOptions,
  footer: string,
  extras: SummaryExtras = { discipline: { onTime: 0, late: 0, overdue: 0, daysLate: 0 }, before: null },
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
    ...changeColumns(options, extras),
    { header: 'Данные на', width: 16, style: DATE_TIME },
    { header: 'Обновления', width: 22, style: TEXT },
  ]);
  const chartRows = [...tallies]
    .sort((a, b) => b.byState.overdue - a.byState.overdue || b.items - a.items)
    .slice(0, CHART_MAX);
  const headerRow = summaryHeaderRow(options, chartRows.length);
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, sheetOptions({ headerRow, footer, frozen: false }));
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const rows = new Rows(sheet);

  const title = rows.take();
  title.getCell(1).value = SUMMARY_TITLE;
  title.getCell(1).style = { font: font({ bold: true, size: 14 }) };
  title.commit();
  for (const [label, value] of scopeLines(options)) labelled(rows, label, text(value));
  labelled(rows, 'Состояние на:', dateValue(options.asOf), DATE_FORMAT);
  labelled(rows, 'Сформирован:', madeAt(options), DATE_TIME_FORMAT);
  const addressee = options.letter?.addressee;
  if (addressee) {
    const row = labelled(rows, 'Кому:', addressee, undefined, false);
    sheet.mergeCells(row.number, 2, row.number, columns.length);
    row.height = Math.max(15, addressee.split('\n').length * 15);
    row.commit();
  }
  rows.blank();

  headline(rows, columns, total, extras, options);
  rows.blank();
  chart(workbook, rows, chartRows, tallies.length, columns.length);
  rows.blank();

  if (rows.next !== headerRow) throw new Error(`Сводка: header at ${rows.next}, expected ${headerRow}`);
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
    const before = extras.beforeByCluster?.get(t.cluster.slug) ?? ZERO;
    writeCounts(
      sheet,
      columns,
      [text(t.cluster.region), text(t.cluster.name)],
      t,
      false,
      changes(t, before),
      [fresh.at ? wallClock(new Date(fresh.at), options.timeZone) : null, warning],
    );
  }
  writeCounts(sheet, columns, ['Итого', ''], total, true, changes(total, extras.before ?? ZERO), [null, '']);
  const first = headerRow + 1;
  const last = headerRow + tallies.length;
  if (tallies.length > 0) conditionalFormats(sheet, columns, first, last);
  rows.next = last + 2;
  const documents = extras.documents ?? [];
  if (documents.length > 0) {
    rows.blank();
    rows.next = writeDocuments(sheet, rows.next, columns, documents, options);
  }
  rows.blank();
  signature(rows, options, columns.length);
  sheet.commit();
}

const ZERO: TrendFigures = { items: 0, done: 0, overdue: 0 };

/** «Выполнено» and «Просрочено» changed since the trend's start, per cluster: only with a trend. */
function changeColumns(options: ReportOptions, extras: SummaryExtras): Column[] {
  if (!options.since || !extras.beforeByCluster) return [];
  const since = formatRu(options.since.day);
  return [
    { header: `Выполнено: изменение с ${since}`, width: 14, style: CHANGE },
    { header: `Просрочено: изменение с ${since}`, width: 14, style: CHANGE },
  ];
}

/** The change columns' values (none when the sheet has none: `changeColumns`). */
function changes(t: Omit<ClusterTally, 'cluster'>, before: TrendFigures): number[] {
  return [t.byState.done - before.done, t.byState.overdue - before.overdue];
}

/** Row of the per-cluster table's header: after the title block, headline and chart. */
export function summaryHeaderRow(options: ReportOptions, chartClusters: number): number {
  const titleBlock = 1 + scopeLines(options).length + 2 + (options.letter?.addressee ? 1 : 0) + 1;
  const headlineBlock = HEADLINE_ROWS + 1 + (options.since ? 1 : 0) + 1;
  // The chart's title, a row per cluster and the legend; then a blank row and the header.
  const chartBlock = chartClusters > 0 ? chartClusters + 2 : 0;
  return titleBlock + headlineBlock + chartBlock + 2;
}

/** The header and six figures. */
const HEADLINE_ROWS = 7;

function headline(
  rows: Rows,
  columns: readonly Column[],
  total: Omit<ClusterTally, 'cluster'>,
  extras: SummaryExtras,
  options: ReportOptions,
): void {
  const since = options.since;
  const head = rows.take();
  const heads = ['Главное', '', 'Значение', since ? `Изменение с ${formatRu(since.day)}` : ''];
  heads.forEach((h, i) => {
    head.getCell(i + 1).value = h;
    if (h || i < 2) head.getCell(i + 1).style = HEADER;
  });
  rows.sheet.mergeCells(head.number, 1, head.number, 2);
  head.height = 30;
  head.commit();
  const before = extras.before;
  const change = (now: number, key: keyof TrendFigures) => (since && before ? now - before[key] : null);
  const kidThen = since ? extras.disciplineBefore : null;
  const figures: [string, number | null, Partial<ExcelJS.Style>, number | null, Partial<ExcelJS.Style>][] = [
    ['Мероприятий', total.items, INTEGER, change(total.items, 'items'), CHANGE],
    ['Выполнено', total.byState.done, INTEGER, change(total.byState.done, 'done'), CHANGE],
    ['Просрочено', total.byState.overdue, INTEGER, change(total.byState.overdue, 'overdue'), CHANGE],
    ['Доля выполненных', total.items ? total.byState.done / total.items : 0, PERCENT, null, CHANGE],
    ['КИД, %', kid(extras.discipline), KID_FORMAT, kidChange(extras.discipline, kidThen), KID_CHANGE],
    [
      'КИД с учётом дней опоздания, %',
      kidWeighted(extras.discipline),
      KID_FORMAT,
      kidChange(extras.discipline, kidThen, kidWeighted),
      KID_CHANGE,
    ],
  ];
  for (const [label, value, style, delta, deltaStyle] of figures) {
    const row = rows.take();
    row.getCell(1).value = label;
    row.getCell(1).style = { ...TEXT, font: font({ bold: true }) };
    row.getCell(2).style = TEXT;
    row.getCell(3).value = value;
    row.getCell(3).style = bold(style);
    if (since) {
      row.getCell(4).value = delta;
      row.getCell(4).style = deltaStyle;
    }
    rows.sheet.mergeCells(row.number, 1, row.number, 2);
    row.commit();
  }
  rows.blank();
  if (since) {
    const note = rows.take();
    note.getCell(1).value =
      `Изменение — по сравнению с итогами синхронизаций на ${formatRu(since.day)}` +
      `${since.previousReport ? ' (день предыдущего отчёта)' : ''}` +
      (extras.disciplineBefore
        ? '; КИД на ту дату — как его сохранили те же синхронизации. '
        : '; изменение КИД не показано: синхронизации на ту дату КИД не сохраняли. ') +
      'КИД — см. лист «Исполнительская дисциплина».';
    note.getCell(1).style = NOTE;
    rows.sheet.mergeCells(note.number, 1, note.number, columns.length);
    note.height = 30;
    note.commit();
  }
}

/** Cluster names in A:B, one bar each over C:K (a PNG stretched over those rows), the legend under it. */
function chart(
  workbook: ReportWorkbookWriter,
  rows: Rows,
  chartRows: readonly ClusterTally[],
  clusters: number,
  width: number,
): void {
  if (chartRows.length === 0) return;
  const head = rows.take();
  head.getCell(1).value =
    clusters > chartRows.length
      ? `Состояние мероприятий: ${chartRows.length} кластеров с наибольшим числом просроченных из ${clusters}`
      : 'Состояние мероприятий по кластерам';
  head.getCell(1).style = LABEL;
  head.commit();
  const top = rows.next;
  for (const t of chartRows) {
    const row = rows.take();
    row.getCell(1).value = text(t.cluster.name);
    row.getCell(1).style = { font: font({ size: 10 }), alignment: { vertical: 'middle', shrinkToFit: true } };
    rows.sheet.mergeCells(row.number, 1, row.number, 2);
    row.height = 18;
    row.commit();
  }
  workbook.addPicture(
    rows.sheet,
    stateBarsPng(chartRows),
    { col: 2, row: top - 1, cols: width - 2, rows: chartRows.length },
    'Доли мероприятий по состояниям, по кластерам',
  );
  const legend = rows.take();
  CHART_STATES.forEach((state, i) => {
    const cell = legend.getCell(3 + i);
    cell.value = STATE_COLUMN_RU[state];
    cell.style = {
      font: font({ size: 9 }),
      fill: solidFill(STATE_BAR[state]),
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    };
  });
  legend.height = 26;
  legend.commit();
}

/** Who signs: the department's settings, or blanks to fill in by hand. */
function signature(rows: Rows, options: ReportOptions, width: number): void {
  const letter = options.letter;
  const row = rows.take();
  row.getCell(1).value = lines(letter?.signerTitle || '(должность)');
  row.getCell(1).style = { font: font(), alignment: { vertical: 'bottom', wrapText: true } };
  rows.sheet.mergeCells(row.number, 1, row.number, 2);
  row.getCell(5).value = '____________________';
  row.getCell(5).style = { font: font(), alignment: { vertical: 'bottom', horizontal: 'center' } };
  row.getCell(8).value = lines(letter?.signerName || '(Ф.И.О.)');
  row.getCell(8).style = { font: font(), alignment: { vertical: 'bottom' } };
  rows.sheet.mergeCells(row.number, 8, row.number, width);
  row.height = 30;
  row.commit();
  const hint = rows.take();
  hint.getCell(5).value = 'подпись';
  hint.getCell(5).style = { font: font({ size: 8 }), alignment: { horizontal: 'center' } };
  hint.commit();
}

function conditionalFormats(
  sheet: ExcelJS.Worksheet,
  columns: readonly Column[],
  first: number,
  last: number,
): void {
  // Columns found by header: the state columns come from the core's tally order and may grow.
  const at = (header: string) => columnLetter(columns.findIndex((c) => c.header === header) + 1);
  const share = at('Доля выполненных');
  const overdue = at(STATE_COLUMN_RU.overdue);
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

function labelled(
  rows: Rows,
  label: string,
  value: string | Date | null,
  numFmt?: string,
  commit = true,
): ExcelJS.Row {
  const row = rows.take();
  row.getCell(1).value = label;
  row.getCell(1).style = LABEL;
  row.getCell(2).value = lines(value);
  row.getCell(2).style = numFmt ? { ...VALUE, numFmt, alignment: { horizontal: 'left' } } : VALUE;
  if (commit) row.commit();
  return row;
}

function writeCounts(
  sheet: ExcelJS.Worksheet,
  columns: readonly Column[],
  labels: [string, string],
  t: Omit<ClusterTally, 'cluster'>,
  isTotal: boolean,
  change: number[],
  freshness: [Date | null, string],
): void {
  const withChange = columns.length === FIXED_COLUMNS + change.length;
  const row = addStyledRow(
    sheet,
    [
      ...labels,
      t.items,
      ...STATE_COLUMNS.map(([state]) => t.byState[state]),
      t.items > 0 ? t.byState.done / t.items : 0,
      ...(withChange ? change : []),
      ...freshness,
    ],
    columns,
  );
  if (freshness[1]) {
    const warning = row.getCell(columns.length);
    warning.style = { ...warning.style, font: font({ bold: true, color: { argb: 'FFC00000' } }) };
  }
  if (isTotal) {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.style = { ...bold(cell.style), fill: HEADER.fill };
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
): number {
  const title = sheet.getRow(first);
  title.getCell(1).value = 'Документы текущих планов';
  title.getCell(1).style = { font: font({ bold: true }), alignment: { wrapText: true } };
  sheet.mergeCells(first, 1, first, clusterColumns.length);
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
  return first + 2 + documents.length;
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
