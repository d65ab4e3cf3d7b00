// «Исполнительская дисциплина»: КИД per cluster, the five worst executors, then every executor,
// each КИД cell in its colour band; the formula stands above the table.
import {
  type DisciplineCounts,
  disciplineBase,
  KID_RULE_RU,
  type KidBand,
  kid,
  kidBand,
  kidWeighted,
  STATE_FILL,
  worstByKid,
} from '@cluster/shared';
import type ExcelJS from 'exceljs';
import type { DisciplineRow, OrganisationRow } from '../discipline.ts';
import {
  addStyledRow,
  bold,
  type Column,
  fitHeaders,
  font,
  INTEGER,
  sheetOptions,
  solidFill,
  TEXT,
  text,
  writeHeader,
} from '../xlsx/style.ts';
import { fitWidth } from './widths.ts';

export const DISCIPLINE_SHEET = 'Исполнительская дисциплина';
/** Title, formula, a blank row, then the header. */
export const DISCIPLINE_HEADER_ROW = 4;

const KID: Partial<ExcelJS.Style> = {
  font: TEXT.font,
  numFmt: '0.0',
  alignment: { vertical: 'top' },
  border: TEXT.border,
};
const BAND_FILL: Record<KidBand, string> = {
  red: STATE_FILL.overdue,
  yellow: STATE_FILL.due_soon,
  green: STATE_FILL.done,
};
const bandStyles = new Map<KidBand, Partial<ExcelJS.Style>>(
  (Object.keys(BAND_FILL) as KidBand[]).map((b) => [b, { ...KID, fill: solidFill(BAND_FILL[b]) }]),
);

type Group = 'Итого' | 'Кластер' | 'Организация' | 'Худшие' | 'Исполнитель';

export function writeDisciplineSheet(
  workbook: ExcelJS.Workbook,
  clusters: readonly DisciplineRow[],
  executors: readonly DisciplineRow[],
  total: DisciplineCounts,
  footer: string,
  organisations: readonly OrganisationRow[] = [],
): void {
  const rows = [...clusters, ...executors];
  const columns: Column[] = [
    { header: 'Раздел', width: 13, style: TEXT },
    {
      header: 'Кластер',
      width: fitWidth(
        rows.map((r) => r.cluster.name),
        20,
        45,
      ),
      style: TEXT,
    },
    {
      header: organisations.length ? 'Исполнитель / организация' : 'Исполнитель',
      width: fitWidth(
        [...rows.map((r) => r.executor ?? ''), ...organisations.map((o) => o.organisation)],
        20,
        45,
      ),
      style: TEXT,
    },
    { header: 'Срок наступил', width: 11, style: INTEGER },
    { header: 'Выполнено в срок', width: 11, style: INTEGER },
    { header: 'Выполнено с опозданием', width: 13, style: INTEGER },
    { header: 'Просрочено сейчас', width: 11, style: INTEGER },
    { header: 'Дней опоздания', width: 11, style: INTEGER },
    { header: 'КИД, %', width: 10, style: KID },
    { header: 'КИД с учётом дней опоздания, %', width: 14, style: KID },
  ];
  const sheet = workbook.addWorksheet(
    DISCIPLINE_SHEET,
    sheetOptions({ headerRow: DISCIPLINE_HEADER_ROW, footer }),
  );
  // Widths go out with the first row in a streamed sheet, so before the title block.
  sheet.columns = fitHeaders(columns).map((c) => ({ width: c.width }));
  const title = sheet.getRow(1);
  title.getCell(1).value = 'Исполнительская дисциплина (КИД)';
  title.getCell(1).style = { font: font({ bold: true, size: 14 }) };
  title.commit();
  const rule = sheet.getRow(2);
  rule.getCell(1).value = KID_RULE_RU;
  rule.getCell(1).style = { alignment: { wrapText: true, vertical: 'top' }, font: font({ italic: true }) };
  rule.height = 62;
  sheet.mergeCells(2, 1, 2, columns.length);
  rule.commit();
  sheet.getRow(3).commit();
  writeHeader(sheet, columns, DISCIPLINE_HEADER_ROW);

  const byKid = (a: DisciplineRow, b: DisciplineRow) =>
    (kid(a.counts) ?? 101) - (kid(b.counts) ?? 101) ||
    a.cluster.name.localeCompare(b.cluster.name, 'ru') ||
    (a.executor ?? '').localeCompare(b.executor ?? '', 'ru');
  const due = (r: DisciplineRow) => disciplineBase(r.counts) > 0;

  write(sheet, columns, 'Итого', '', '', total);
  for (const r of [...clusters].sort(byKid)) write(sheet, columns, 'Кластер', r.cluster.name, '', r.counts);
  const byOrgKid = (a: OrganisationRow, b: OrganisationRow) =>
    (kid(a.counts) ?? 101) - (kid(b.counts) ?? 101) || a.organisation.localeCompare(b.organisation, 'ru');
  for (const o of organisations.filter((o) => disciplineBase(o.counts) > 0).sort(byOrgKid)) {
    write(sheet, columns, 'Организация', '', o.organisation, o.counts);
  }
  for (const r of worstByKid(executors, (e) => e.counts)) {
    write(sheet, columns, 'Худшие', r.cluster.name, r.executor ?? '', r.counts);
  }
  for (const r of executors.filter(due).sort(byKid)) {
    write(sheet, columns, 'Исполнитель', r.cluster.name, r.executor ?? '', r.counts);
  }
  sheet.commit();
}

function write(
  sheet: ExcelJS.Worksheet,
  columns: readonly Column[],
  group: Group,
  cluster: string,
  executor: string,
  c: DisciplineCounts,
): void {
  const plain = kid(c);
  const weighted = kidWeighted(c);
  const row = addStyledRow(
    sheet,
    [
      group,
      text(cluster),
      text(executor),
      disciplineBase(c),
      c.onTime,
      c.late,
      c.overdue,
      c.daysLate,
      plain,
      weighted,
    ],
    columns,
  );
  if (plain !== null) row.getCell(9).style = bandStyles.get(kidBand(plain)) as Partial<ExcelJS.Style>;
  if (weighted !== null) row.getCell(10).style = bandStyles.get(kidBand(weighted)) as Partial<ExcelJS.Style>;
  if (group === 'Итого') {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.style = bold(cell.style);
    });
  }
  row.commit();
}
