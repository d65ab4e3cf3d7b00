// «Исполнительская дисциплина»: КИД in total, per cluster and per organisation, the five worst
// executors, then every executor; each КИД cell in its colour band; the formula stands above the table.
import {
  type DisciplineCounts,
  disciplineBase,
  formatRu,
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
import { kidChange } from '../trends.ts';
import { RowXml } from '../xlsx/row-xml.ts';
import {
  bold,
  type Column,
  fitHeaders,
  font,
  INTEGER,
  KID_CHANGE,
  sheetOptions,
  solidFill,
  TEXT,
  text,
  wrappedHeight,
  writeHeader,
} from '../xlsx/style.ts';
import { drain } from '../xlsx/writer.ts';
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

/** Rows written between two checks that the zip keeps up. */
const DRAIN_EVERY = 100;

/**
 * Writes the sheet; its rows (one per executor of every cluster: ~100,000 at national scale, tens of
 * MB of XML) go out as sheet XML directly (xlsx/row-xml.ts), waiting for the zip every
 * DRAIN_EVERY rows; written at once they waited in memory until the zip took them up.
 */
/** КИД counts on a trend's start, as the syncs kept them (reports/trends.ts): for the change column. */
export interface KidBefore {
  /** The trend's start (ISO). */
  since: string;
  total: DisciplineCounts | null;
  /** By cluster slug; a cluster absent or null kept none then (or had no sync yet). */
  byCluster: ReadonlyMap<string, DisciplineCounts | null>;
}

export async function writeDisciplineSheet(
  workbook: ExcelJS.Workbook,
  clusters: readonly DisciplineRow[],
  executors: readonly DisciplineRow[],
  total: DisciplineCounts,
  footer: string,
  organisations: readonly OrganisationRow[] = [],
  signal?: AbortSignal,
  before: KidBefore | null = null,
): Promise<void> {
  const columns: Column[] = [
    { header: 'Раздел', width: 13, style: TEXT },
    {
      header: 'Кластер',
      width: fitWidth(
        [...clusters, ...executors].map((r) => r.cluster.name),
        20,
        45,
      ),
      style: TEXT,
    },
    {
      header: organisations.length ? 'Исполнитель / организация' : 'Исполнитель',
      width: fitWidth(
        [...executors.map((r) => r.executor ?? ''), ...organisations.map((o) => o.organisation)],
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
    // Only with a trend: whether the total and each cluster got better since its start.
    ...(before
      ? [{ header: `КИД: изменение с ${formatRu(before.since)}`, width: 13, style: KID_CHANGE }]
      : []),
  ];
  const sheet = workbook.addWorksheet(
    DISCIPLINE_SHEET,
    sheetOptions({ headerRow: DISCIPLINE_HEADER_ROW, footer }),
  );
  // Widths go out with the first row in a streamed sheet, so before the title block.
  const fitted = fitHeaders(columns);
  sheet.columns = fitted.map((c) => ({ width: c.width }));
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

  const rows = new DisciplineRows(sheet, fitted);
  // Each row's counts and КИД taken once, not in every comparison of the sort.
  const byKid = (list: readonly DisciplineRow[]) =>
    list
      .map((r) => ({ r, counts: r.counts, k: kid(r.counts) ?? 101 }))
      .sort(
        (a, b) =>
          a.k - b.k ||
          a.r.cluster.name.localeCompare(b.r.cluster.name, 'ru') ||
          (a.r.executor ?? '').localeCompare(b.r.executor ?? '', 'ru'),
      );

  const change = before
    ? (now: DisciplineCounts, then: DisciplineCounts | null | undefined) => [kidChange(now, then)]
    : null;
  rows.write('Итого', '', '', total, change?.(total, before?.total));
  for (const { r, counts } of byKid(clusters))
    rows.write(
      'Кластер',
      r.cluster.name,
      '',
      counts,
      change?.(counts, before?.byCluster.get(r.cluster.slug)),
    );
  const byOrgKid = (a: OrganisationRow, b: OrganisationRow) =>
    (kid(a.counts) ?? 101) - (kid(b.counts) ?? 101) || a.organisation.localeCompare(b.organisation, 'ru');
  for (const o of organisations.filter((o) => disciplineBase(o.counts) > 0).sort(byOrgKid)) {
    rows.write('Организация', '', o.organisation, o.counts);
  }
  for (const r of worstByKid(executors, (e) => e.counts)) {
    rows.write('Худшие', r.cluster.name, r.executor ?? '', r.counts);
  }
  const due = byKid(executors).filter((e) => disciplineBase(e.counts) > 0);
  for (const { r, counts } of due) {
    rows.write('Исполнитель', r.cluster.name, r.executor ?? '', counts);
    if (rows.count % DRAIN_EVERY === 0) await drain(sheet, signal);
  }
  rows.finish();
  sheet.commit();
}

/** The table's rows as sheet XML: each cell in its column's style, КИД cells in their band's. */
class DisciplineRows {
  readonly #xml: RowXml;
  readonly #columns: readonly Column[];
  readonly #plain: number[];
  readonly #bold: number[];
  readonly #bands: Map<KidBand, [number, number]>;
  #row = DISCIPLINE_HEADER_ROW;
  count = 0;

  constructor(sheet: ExcelJS.Worksheet, columns: readonly Column[]) {
    const xml = new RowXml(sheet, columns.length);
    this.#xml = xml;
    this.#columns = columns;
    this.#plain = columns.map((c) => xml.styleId(c.style));
    this.#bold = columns.map((c) => xml.styleId(bold(c.style)));
    this.#bands = new Map(
      [...bandStyles].map(([band, style]) => [band, [xml.styleId(style), xml.styleId(bold(style))]]),
    );
  }

  /** `extra`: the change column's value (only the total's and clusters' rows have one). */
  write(
    group: Group,
    cluster: string,
    executor: string,
    c: DisciplineCounts,
    extra: (number | null)[] = [],
  ): void {
    const plain = kid(c);
    const weighted = kidWeighted(c);
    const values = [
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
      ...extra,
    ];
    const isTotal = group === 'Итого';
    const styles = [...(isTotal ? this.#bold : this.#plain)];
    const band = (value: number | null, at: number) => {
      if (value !== null) styles[at] = this.#bands.get(kidBand(value))![isTotal ? 1 : 0];
    };
    band(plain, 8);
    band(weighted, 9);
    this.#xml.row(++this.#row, values, styles, wrappedHeight(values, this.#columns));
    this.count++;
  }

  finish(): void {
    this.#xml.flush(this.#row);
  }
}
