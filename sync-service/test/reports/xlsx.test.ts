// The consolidated report over a real store, read back with exceljs cell by cell.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  daysBetween,
  type ItemState,
  itemState,
  readText,
  STATE_FILL,
  STATE_LABEL_RU,
  type TallyKey,
  tallyKeyOf,
} from '@cluster/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SHEET_ORDER, writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import { GROUP_SEPARATOR } from '../../src/reports/sheets/all-items.ts';
import { storeReportSource } from '../../src/reports/store-source.ts';
import { isHeading, listedRows } from '../helpers/list-sheet.ts';
import {
  AS_OF,
  EVIL,
  MARKS_CLUSTER,
  MOVE_SEEN_AT,
  MOVE_SEEN_ON,
  openReportData,
  type ReportData,
} from '../helpers/report-data.ts';
import { SAMPLE_CLUSTERS, SAMPLES_DIR } from '../helpers/report-fixtures.ts';
import { reportOptions } from '../helpers/report-render.ts';
import { unzipEntries } from '../helpers/report-zip.ts';
import { summaryHeaderRow, summaryRows } from '../helpers/summary-sheet.ts';

const options = reportOptions;

async function render(data: ReportData, scope: { region?: string; clusterSlugs?: string[] }, extra = {}) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const totals = await writeConsolidatedReport(storeReportSource(data.store, scope), options(extra), out);
  const bytes = Buffer.concat(chunks);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { bytes, workbook, totals };
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const rowsOf = (sheet: ExcelJS.Worksheet, from: number) => {
  const rows: ExcelJS.Row[] = [];
  for (let r = from; r <= sheet.rowCount; r++) if (sheet.getRow(r).hasValues) rows.push(sheet.getRow(r));
  return rows;
};
/** Сводка's clusters' table: from its first row to «Итого» (the documents' table follows). */
/** What the domain core says about the samples on AS_OF, computed apart from the store and the report. */
function expectedSampleCounts() {
  const out = new Map<string, { items: number } & Record<TallyKey, number>>();
  for (const c of SAMPLE_CLUSTERS) {
    const counts = {
      items: 0,
      done: 0,
      overdue: 0,
      due_soon: 0,
      in_progress: 0,
      upcoming: 0,
      ongoing: 0,
      no_deadline: 0,
      unknown: 0,
    };
    for (const doc of readText(readFileSync(join(SAMPLES_DIR, c.file), 'utf8'), { today: AS_OF })) {
      for (const it of doc.items) {
        counts.items++;
        const state = itemState(it.deadline, it.mark, { today: AS_OF, soonDays: 14, period: doc.period });
        counts[tallyKeyOf(state, it.deadline)]++;
      }
    }
    out.set(c.name, counts);
  }
  return out;
}

describe('consolidated report', () => {
  let data: ReportData;
  let report: Awaited<ReturnType<typeof render>>;

  beforeAll(async () => {
    // The syncs happen on the seeding's dates, before AS_OF (only Date is faked).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      data = await openReportData((iso) => vi.setSystemTime(new Date(iso)));
    } finally {
      vi.useRealTimers();
    }
    report = await render(data, {});
  });
  afterAll(async () => {
    await data?.close();
  });

  it('has the six sheets in order, Сводка first', () => {
    expect(report.workbook.worksheets.map((s) => s.name)).toEqual([
      'Сводка',
      'Исполнительская дисциплина',
      'Просроченные',
      'Все мероприятия',
      'Переносы сроков',
      'Исполнители',
    ]);
  });

  it('Сводка: title block, one row per cluster with the domain core counts, totals', () => {
    const sheet = report.workbook.getWorksheet('Сводка')!;
    expect(sheet.getCell('A1').value).toMatch(/^Сводный отчёт/);
    expect(sheet.getCell('B2').value).toBe('все регионы');
    expect(sheet.getCell('B3').value).toEqual(utc(AS_OF));
    expect(sheet.getCell('B3').numFmt).toBe('DD.MM.YYYY');
    // 09:30 UTC is 12:30 in Moscow.
    expect(sheet.getCell('B4').value).toEqual(new Date('2021-11-20T12:30:00Z'));
    expect(sheet.getRow(summaryHeaderRow(sheet)).values).toEqual([
      undefined,
      'Регион',
      'Кластер',
      'Мероприятий',
      'Выполнено',
      'Просрочено',
      'Скоро срок',
      'В работе',
      'Предстоит',
      'Постоянно',
      'Без срока',
      'Срок не распознан',
      'Доля выполненных',
      'Данные на',
      'Обновления',
    ]);
    const rows = summaryRows(sheet);
    const byName = new Map(rows.map((r) => [r.getCell(2).value as string, r]));
    const expected = expectedSampleCounts();
    for (const [name, c] of expected) {
      const row = byName.get(name);
      expect(row, name).toBeDefined();
      expect(c.items).toBeGreaterThan(0);
      expect(
        [3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => row!.getCell(i).value),
        name,
      ).toEqual([
        c.items,
        c.done,
        c.overdue,
        c.due_soon,
        c.in_progress,
        c.upcoming,
        c.ongoing,
        c.no_deadline,
        c.unknown,
      ]);
    }
    // The plan with marks, known by hand: 1 on time + 1 late = 2 done, item 3 overdue, item 4
    // (30.11) due soon, item 5 moved to 15.12 upcoming, item 6 ongoing.
    const marks = byName.get(MARKS_CLUSTER.name)!;
    expect(marks.getCell(1).value).toBe('Калужская область');
    expect([3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => marks.getCell(i).value)).toEqual([
      6, 2, 1, 1, 0, 1, 1, 0, 0,
    ]);
    expect(marks.getCell(12).value).toBeCloseTo(2 / 6, 10);
    expect(marks.getCell(12).numFmt).toBe('0%');

    const totals = rows[rows.length - 1];
    expect(totals.getCell(1).value).toBe('Итого');
    const clusterRows = rows.slice(0, -1);
    expect(clusterRows).toHaveLength(SAMPLE_CLUSTERS.length + 2);
    for (let col = 3; col <= 11; col++) {
      const sum = clusterRows.reduce((s, r) => s + (r.getCell(col).value as number), 0);
      expect(totals.getCell(col).value, `column ${col}`).toBe(sum);
    }
    expect(totals.getCell(3).value).toBe(report.totals.items);
  });

  it('Сводка: frozen header, print setup, data bars and a colour scale', () => {
    const sheet = report.workbook.getWorksheet('Сводка')!;
    // A page to forward: nothing frozen; the table's header repeats on every printed page.
    expect(sheet.views[0]).toMatchObject({ state: 'normal' });
    const header = summaryHeaderRow(sheet);
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${header}:${header}`,
    });
    expect(sheet.headerFooter.oddFooter).toContain('&P');
    expect(sheet.headerFooter.oddFooter).toContain('&N');
    // exceljs reads conditional formats back but does not declare them in its typings.
    const formats = (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    const types = formats.flatMap((cf) => cf.rules.map((r) => r.type));
    expect(types).toEqual(expect.arrayContaining(['dataBar', 'colorScale']));
  });

  it('Просроченные: every overdue item under its document, most days first, days counted to the report date', () => {
    const sheet = report.workbook.getWorksheet('Просроченные')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '№',
      'Мероприятие',
      'Исполнители',
      'Срок (как записан)',
      'Действующий срок',
      'Дней просрочки',
      'Ожидаемый результат',
      'Отметка о выполнении',
    ]);
    const listed = listedRows(sheet);
    const rows = listed.map((l) => l.row);
    expect(rows).toHaveLength(report.totals.overdue);
    const summary = report.workbook.getWorksheet('Сводка')!;
    const totalsRow = summaryRows(summary).at(-1)!;
    expect(rows.length).toBe(totalsRow.getCell(5).value);
    // Each document once, its rows most days overdue first.
    const documents = listed.map((l) => `${l.cluster}/${l.document}`);
    const groups = documents.filter((d, i) => d !== documents[i - 1]);
    expect(new Set(groups).size).toBe(groups.length);
    for (const group of groups) {
      const days = listed
        .filter((_, i) => documents[i] === group)
        .map((l) => l.row.getCell(6).value as number);
      expect(days).toEqual([...days].sort((a, b) => b - a));
    }
    for (const r of rows) {
      const due = r.getCell(5).value as Date;
      expect(due).toBeInstanceOf(Date);
      expect(r.getCell(5).numFmt).toBe('DD.MM.YYYY');
      expect(r.getCell(6).value).toBe(daysBetween(due.toISOString().slice(0, 10), AS_OF));
      expect(r.getCell(6).value as number).toBeGreaterThan(0);
    }
    const contest = listed.find((l) => l.row.getCell(2).value === 'Конкурс профмастерства')!;
    expect(contest.cluster).toBe(MARKS_CLUSTER.name);
    expect(contest.row.getCell(4).value).toBe('май 2021');
    expect(contest.row.getCell(5).value).toEqual(utc('2021-05-31'));
    expect(contest.row.getCell(6).value).toBe(173);
    expect(sheet.autoFilter).toBe(`A1:H${sheet.rowCount}`);
  });

  it('Все мероприятия: every item under its document and section, with its state colour, autofilter, frozen header', () => {
    const sheet = report.workbook.getWorksheet('Все мероприятия')!;
    const listed = listedRows(sheet);
    const rows = listed.map((l) => l.row);
    expect(rows).toHaveLength(report.totals.items);
    expect(sheet.autoFilter).toBe(`A1:I${sheet.rowCount}`);
    // Every document of the samples heads its items once; the headings are bold and merged over the table.
    const groups = listed.map((l) => `${l.cluster}/${l.document}`).filter((d, i, all) => d !== all[i - 1]);
    expect(new Set(groups).size).toBe(groups.length);
    expect(groups.length).toBeGreaterThanOrEqual(SAMPLE_CLUSTERS.length + 2);
    const headings = rowsOf(sheet, 2).filter(isHeading);
    for (const h of headings) expect(h.getCell(1).font?.bold).toBe(true);
    expect(headings.length).toBeLessThan(rows.length);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
    const labels = new Map(Object.entries(STATE_LABEL_RU).map(([k, v]) => [v, k as ItemState]));
    for (const r of rows) {
      const state = labels.get(r.getCell(6).value as string);
      expect(state).toBeDefined();
      const fill = r.getCell(6).fill as ExcelJS.FillPattern;
      expect(fill.fgColor?.argb).toBe(`FF${STATE_FILL[state!].slice(1)}`);
    }
    // A protocol's decision with no deadline reads «без срока», not «срок не распознан».
    expect(rows.some((r) => r.getCell(6).value === STATE_LABEL_RU.no_deadline)).toBe(true);
    const moved = rows.find((r) => r.getCell(2).value === 'Стажировка преподавателей')!;
    expect(moved.getCell(9).value).toBe('перенесено на 15.12.2021');
    expect(moved.getCell(5).value).toEqual(utc('2021-12-15'));
    expect(moved.getCell(6).value).toBe(STATE_LABEL_RU.upcoming);
  });

  it('Переносы сроков: the move made by «перенесено на …» on resync', () => {
    const sheet = report.workbook.getWorksheet('Переносы сроков')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '№',
      'Мероприятие',
      'Прежний срок',
      'Новый срок',
      'Сдвиг, дней',
      'Когда замечен перенос',
      'Переносов у мероприятия',
    ]);
    const listed = listedRows(sheet);
    expect(listed).toHaveLength(1);
    const [{ row: r, cluster, document }] = listed;
    expect(cluster).toBe(MARKS_CLUSTER.name);
    expect(document).toBe('План работы кластера машиностроения на 2021 год');
    expect(r.getCell(1).value).toBe('5');
    expect(r.getCell(2).value).toBe('Стажировка преподавателей');
    expect(r.getCell(3).value).toEqual(utc('2021-09-30'));
    expect(r.getCell(4).value).toEqual(utc('2021-12-15'));
    expect(r.getCell(5).value).toBe(76);
    // Seen by the second sync: its day on the report's clock (Moscow), not in UTC.
    expect(MOVE_SEEN_AT.slice(0, 10)).not.toBe(MOVE_SEEN_ON);
    expect(r.getCell(6).value).toEqual(utc(MOVE_SEEN_ON));
    for (const c of [3, 4, 6]) expect(r.getCell(c).numFmt).toBe('DD.MM.YYYY');
    expect(r.getCell(7).value).toBe(1);
  });

  it('Переносы сроков: a move is listed on any report date (what the store knows now), seen day in Moscow', async () => {
    // The 15th is the move's day in UTC but not in Moscow, where it was seen on the 16th.
    for (const asOf of ['2021-11-15', '2021-06-01']) {
      const before = await render(data, {}, { asOf });
      expect(before.totals.moves).toBe(1);
      const [{ row }] = listedRows(before.workbook.getWorksheet('Переносы сроков')!);
      expect(row.getCell(6).value).toEqual(utc(MOVE_SEEN_ON));
      // The item is judged by the moved due on that date too.
      const all = listedRows(before.workbook.getWorksheet('Все мероприятия')!).map((l) => l.row);
      const moved = all.find((r) => r.getCell(2).value === 'Стажировка преподавателей')!;
      expect(moved.getCell(5).value).toEqual(utc('2021-12-15'));
    }
  });

  it('Сводка: «Данные на» per cluster and per current document, silent clusters flagged', async () => {
    const sheet = report.workbook.getWorksheet('Сводка')!;
    const rows = summaryRows(sheet);
    const headers = (sheet.getRow(summaryHeaderRow(sheet)).values as unknown[]).map(String);
    const fresh = headers.indexOf('Данные на');
    const flag = headers.indexOf('Обновления');
    expect(flag).toBe(fresh + 1);
    const marks = rows.find((r) => r.getCell(2).value === MARKS_CLUSTER.name)!;
    // Its last sync: 15.11.2021 21:30 UTC is 16.11.2021 00:30 in Moscow.
    expect(marks.getCell(fresh).value).toEqual(new Date('2021-11-16T00:30:00Z'));
    expect(marks.getCell(fresh).numFmt).toBe('DD.MM.YYYY HH:MM');
    // Made on 20.11: nobody silent for more than 30 days.
    expect(rows.map((r) => r.getCell(flag).value ?? '').every((v) => v === '')).toBe(true);
    const strict = await render(data, {}, { staleDays: 10 });
    const flagged = summaryRows(strict.workbook.getWorksheet('Сводка')!).slice(0, -1);
    const flags = new Map(flagged.map((r) => [r.getCell(2).value, r.getCell(flag).value]));
    expect(flags.get(MARKS_CLUSTER.name) ?? '').toBe('');
    expect(flags.get(SAMPLE_CLUSTERS[0].name)).toBe('нет обновлений 19 дн.');
    // The documents' table under it: one row per document, its own «Данные на».
    const all = rowsOf(sheet, 7);
    const title = all.findIndex((r) => r.getCell(1).value === 'Документы текущих планов');
    expect(title).toBeGreaterThan(rows.length - 1);
    // Up to the signature under it: a document's row has its count of items.
    const after = all.slice(title + 2);
    const end = after.findIndex((r) => typeof r.getCell(3).value !== 'number');
    const docs = end === -1 ? after : after.slice(0, end);
    const plan = docs.find((r) => r.getCell(1).value === MARKS_CLUSTER.name)!;
    expect([2, 3].map((c) => plan.getCell(c).value)).toEqual([
      'План работы кластера машиностроения на 2021 год',
      6,
    ]);
    expect(plan.getCell(fresh).value).toEqual(new Date('2021-11-16T00:30:00Z'));
    expect(docs.length).toBe(SAMPLE_CLUSTERS.length + 2);
  });

  it('Исполнители: spellings merged; on time / late from the mark date against the due', () => {
    const sheet = report.workbook.getWorksheet('Исполнители')!;
    const rows = rowsOf(sheet, 2).filter((r) => typeof r.getCell(2).value === 'number');
    const by = (prefix: string) => rows.filter((r) => String(r.getCell(1).value).startsWith(prefix));
    const ivanov = by('Иванов');
    expect(ivanov).toHaveLength(1);
    expect([2, 3, 4, 5, 6, 7].map((c) => ivanov[0].getCell(c).value)).toEqual([2, 1, 1, 0, 0, 0]);
    expect([2, 3, 4, 5, 6, 7].map((c) => by('Петров')[0].getCell(c).value)).toEqual([2, 0, 0, 0, 0, 1]);
    expect([2, 3, 4, 5, 6, 7].map((c) => by('Сидоров')[0].getCell(c).value)).toEqual([2, 0, 0, 0, 0, 0]);
    const overdue = rows.map((r) => r.getCell(7).value as number);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    const note = rowsOf(sheet, 2).at(-1)!;
    expect(String(note.getCell(1).value)).toMatch(/^Правило: «в срок»/);
  });

  it('writes user text as text: nothing that starts with = + - @ becomes a formula', async () => {
    const all = report.workbook.getWorksheet('Все мероприятия')!;
    const evil = listedRows(all)
      .filter((l) => l.cluster === EVIL.cluster)
      .map((l) => l.row);
    expect(evil).toHaveLength(2);
    const heading = rowsOf(all, 2).find((r) =>
      String(r.getCell(1).value).startsWith(`${EVIL.cluster}${GROUP_SEPARATOR}`),
    )!;
    const texts = [heading.getCell(1), ...evil.flatMap((r) => [2, 3, 8, 9].map((c) => r.getCell(c)))].filter(
      (c) => c.value !== null,
    );
    for (const cell of texts) {
      expect(cell.type, String(cell.value)).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    expect(evil[0].getCell(2).value).toBe(EVIL.title);
    expect(evil[0].getCell(3).value).toBe(EVIL.executor);
    expect(evil[0].getCell(8).value).toBe(EVIL.result);
    expect(evil[1].getCell(9).value).toBe(EVIL.mark);
    expect(evil[1].getCell(2).value).toBe(EVIL.html);
    const summary = summaryRows(report.workbook.getWorksheet('Сводка')!);
    expect(summary.some((r) => r.getCell(2).value === EVIL.cluster)).toBe(true);
    // In the XML itself: no formula element anywhere, and the texts are there, escaped.
    const entries = await unzipEntries(report.bytes);
    const sheets = [...entries.entries()].filter(([name]) => name.startsWith('xl/worksheets/sheet'));
    expect(sheets).toHaveLength(6);
    for (const [name, xml] of sheets) expect(xml, name).not.toMatch(/<f[ >]/);
    const joined = sheets.map(([, xml]) => xml).join('');
    expect(joined).toContain('<t>=1+1</t>');
    expect(joined).toContain('&lt;script&gt;');
    expect(joined).not.toContain('<script>');
  });

  it('writes the autofilter name LibreOffice needs, local to its sheet', async () => {
    const xml = (await unzipEntries(report.bytes)).get('xl/workbook.xml')!;
    expect(xml).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${SHEET_ORDER.indexOf('Все мероприятия')}">&apos;Все мероприятия&apos;!$A$1:$I$${report.workbook.getWorksheet('Все мероприятия')!.rowCount}</definedName>`,
    );
    expect(xml).toMatch(/<sheets><sheet sheetId="\d" name="Сводка"/);
  });

  it('a region report holds only that region; a cluster report only that cluster', async () => {
    const tomsk = await render(data, { region: 'Томская область' }, { region: 'Томская область' });
    const summary = tomsk.workbook.getWorksheet('Сводка')!;
    expect(summary.getCell('B2').value).toBe('Томская область');
    const names = summaryRows(summary).map((r) => r.getCell(2).value);
    expect(names.slice(0, -1).sort()).toEqual(
      SAMPLE_CLUSTERS.filter((c) => c.region === 'Томская область')
        .map((c) => c.name)
        .sort(),
    );
    const one = await render(
      data,
      { clusterSlugs: [MARKS_CLUSTER.slug] },
      { region: MARKS_CLUSTER.region, clusterName: MARKS_CLUSTER.name },
    );
    // Title block: region and cluster, then the dates; everything under it moves down one row.
    const block = one.workbook.getWorksheet('Сводка')!;
    const cells = (row: number) => [1, 2, 3].map((c) => block.getRow(row).getCell(c).value);
    expect(cells(1)).toEqual([expect.stringMatching(/^Сводный отчёт/), null, null]);
    expect(cells(2)).toEqual(['Регион:', MARKS_CLUSTER.region, null]);
    expect(cells(3)).toEqual(['Кластер:', MARKS_CLUSTER.name, null]);
    expect(cells(4)).toEqual(['Состояние на:', utc(AS_OF), null]);
    expect(cells(5)).toEqual(['Сформирован:', new Date('2021-11-20T12:30:00Z'), null]);
    expect(block.getCell('B4').numFmt).toBe('DD.MM.YYYY');
    expect(block.getRow(6).hasValues).toBe(false);
    expect(cells(7)).toEqual(['Главное', 'Главное', 'Значение']); // A:B merged
    const h = summaryHeaderRow(block);
    expect(cells(h)).toEqual(['Регион', 'Кластер', 'Мероприятий']);
    expect(cells(h + 1)).toEqual([MARKS_CLUSTER.region, MARKS_CLUSTER.name, 6]);
    expect(cells(h + 2)).toEqual(['Итого', null, 6]);
    expect(block.getRow(h + 3).hasValues).toBe(false);
    expect(block.pageSetup.printTitlesRow).toBe(`${h}:${h}`);
    expect(one.totals).toMatchObject({ clusters: 1, items: 6, overdue: 1, moves: 1 });
    expect(listedRows(one.workbook.getWorksheet('Все мероприятия')!)).toHaveLength(6);
  });
});
