// How every sheet of the consolidated report is laid out and printed (over the synced samples),
// and two properties checked on generated data: user text in every field stays text, and the
// workbook streams out while the items are still being read.

import { Writable } from 'node:stream';
import { HEADER_FILL, TALLY_ORDER } from '@cluster/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SHEET_ORDER, writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import type { ReportSource } from '../../src/reports/model.ts';
import { GROUP_SEPARATOR } from '../../src/reports/sheets/all-items.ts';
import { FINISHED_SHEET } from '../../src/reports/sheets/finished.ts';
import { storeReportSource } from '../../src/reports/store-source.ts';
import { isHeading } from '../helpers/list-sheet.ts';
import { openReportData, type ReportData } from '../helpers/report-data.ts';
import { FORMULA_TEXTS, formulaData, memorySource } from '../helpers/report-fixtures.ts';
import { renderReport, reportOptions } from '../helpers/report-render.ts';
import { unzipEntries } from '../helpers/report-zip.ts';
import { summaryHeaderRow, summaryRows } from '../helpers/summary-sheet.ts';

const options = reportOptions;
const render = renderReport;

/** Row of the column headers on each sheet («Сводка»: under its headline and chart). */
const FIXED_HEADER_ROW: Record<string, number> = {
  Просроченные: 1,
  'Все мероприятия': 1,
  'Переносы сроков': 1,
  Исполнители: 1,
  'Исполнительская дисциплина': 4,
};

/** Columns holding dates, by header, on each sheet. */
const DATE_COLUMNS: Record<string, string[]> = {
  Просроченные: ['Действующий срок'],
  'Все мероприятия': ['Действующий срок'],
  'Переносы сроков': ['Прежний срок', 'Новый срок', 'Когда замечен перенос'],
};

/** Sheets listing items or moves, grouped under document headings. */
const LIST_SHEETS = new Set(['Просроченные', 'Все мероприятия', 'Переносы сроков']);

/** The sheets of a report made without `finished` (no «Завершённые планы»). */
const DEFAULT_SHEETS = SHEET_ORDER.filter((name) => name !== FINISHED_SHEET);

const headerRow = (sheet: ExcelJS.Worksheet) =>
  sheet.name === 'Сводка' ? summaryHeaderRow(sheet) : FIXED_HEADER_ROW[sheet.name];
const headers = (sheet: ExcelJS.Worksheet) =>
  (sheet.getRow(headerRow(sheet)).values as unknown[]).slice(1) as string[];

describe('report layout over the synced samples', () => {
  let data: ReportData;
  let book: ExcelJS.Workbook;

  beforeAll(async () => {
    // Synced on the seeding's dates, so a report on AS_OF lists the move (only Date is faked).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      data = await openReportData((iso) => vi.setSystemTime(new Date(iso)));
    } finally {
      vi.useRealTimers();
    }
    ({ workbook: book } = await render(storeReportSource(data.store, {})));
  });
  afterAll(async () => {
    await data?.close();
  });

  it.each(DEFAULT_SHEETS)(
    '%s: frozen header, landscape fitted to width, repeated header, page numbers',
    (name) => {
      const sheet = book.getWorksheet(name)!;
      const h = headerRow(sheet);
      // «Сводка» reads as a page: nothing frozen above its table.
      if (name === 'Сводка') expect(sheet.views[0]).toMatchObject({ state: 'normal' });
      else expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: h, topLeftCell: `A${h + 1}` });
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${h}:${h}`,
      });
      const footer = sheet.headerFooter.oddFooter!;
      expect(footer).toContain('Сводный отчёт на 20.11.2021');
      expect(footer).toContain('Страница &P из &N');
    },
  );

  it.each(DEFAULT_SHEETS)('%s: header cells bold on the header fill, every column given a width', (name) => {
    const sheet = book.getWorksheet(name)!;
    const cols = headers(sheet);
    expect(cols.length).toBeGreaterThanOrEqual(7);
    cols.forEach((header, i) => {
      const cell = sheet.getRow(headerRow(sheet)).getCell(i + 1);
      expect(typeof header, `${name} ${i + 1}`).toBe('string');
      expect(cell.font?.bold).toBe(true);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${HEADER_FILL.slice(1)}`);
      expect(cell.alignment?.wrapText).toBe(true);
      const width = sheet.getColumn(i + 1).width!;
      expect(width, `${name}: «${header}»`).toBeGreaterThanOrEqual(7);
      expect(width).toBeLessThanOrEqual(60);
    });
  });

  it.each(DEFAULT_SHEETS)(
    '%s: text wraps, dates are real dates shown ДД.ММ.ГГГГ, counts are numbers',
    (name) => {
      const sheet = book.getWorksheet(name)!;
      const cols = headers(sheet);
      const dates = new Set((DATE_COLUMNS[name] ?? []).map((h) => cols.indexOf(h) + 1));
      expect([...dates].every((c) => c > 0)).toBe(true);
      let checked = 0;
      for (let r = headerRow(sheet) + 1; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        // A list's document and section headings: one wrapped text merged over the table.
        if (LIST_SHEETS.has(name) && isHeading(row)) {
          expect(row.getCell(1).alignment?.wrapText, `${name}!A${r}`).toBe(true);
          continue;
        }
        for (let c = 1; c <= cols.length; c++) {
          const cell = row.getCell(c);
          if (cell.value === null || cell.value === undefined || cell.value === '') continue;
          if (dates.has(c)) {
            expect(cell.value, `${name}!${cell.address}`).toBeInstanceOf(Date);
            expect(cell.numFmt).toBe('DD.MM.YYYY');
            checked++;
          } else if (typeof cell.value === 'string' && cell.value.length > 20) {
            expect(cell.alignment?.wrapText, `${name}!${cell.address}`).toBe(true);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(0);
      // Long texts get a row tall enough for their wrapped lines: neither Excel nor LibreOffice
      // grows a row by itself when opening a file.
      if (name === 'Все мероприятия') {
        const title = cols.indexOf('Мероприятие') + 1;
        const width = sheet.getColumn(title).width!;
        for (let r = 2; r <= sheet.rowCount; r++) {
          const row = sheet.getRow(r);
          if (isHeading(row)) continue;
          const v = row.getCell(title).value;
          if (typeof v === 'string' && v.length > width * 2.2)
            expect(row.height, v).toBeGreaterThanOrEqual(30);
        }
      }
    },
  );

  it('Сводка: a data bar on the share done and a colour scale on the overdue, over the cluster rows only', () => {
    const sheet = book.getWorksheet('Сводка')!;
    const cols = headers(sheet);
    const letter = (h: string) => String.fromCharCode(64 + cols.indexOf(h) + 1);
    const first = summaryHeaderRow(sheet) + 1;
    let last = first;
    while (sheet.getRow(last + 1).getCell(1).value !== 'Итого') last++;
    const formats = (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    const byType = new Map(formats.flatMap((cf) => cf.rules.map((r) => [r.type, cf.ref] as const)));
    expect(byType.get('dataBar')).toBe(
      `${letter('Доля выполненных')}${first}:${letter('Доля выполненных')}${last}`,
    );
    expect(byType.get('colorScale')).toBe(`${letter('Просрочено')}${first}:${letter('Просрочено')}${last}`);
    const totals = sheet.getRow(last + 1);
    expect(totals.getCell(1).font?.bold).toBe(true);
    expect(totals.getCell(cols.indexOf('Доля выполненных') + 1).numFmt).toBe('0%');
  });

  it('Исполнители: a colour scale on «Просрочено сейчас»', () => {
    const sheet = book.getWorksheet('Исполнители')!;
    const cols = headers(sheet);
    const col = String.fromCharCode(64 + cols.indexOf('Просрочено сейчас') + 1);
    const formats = (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    expect(formats.map((f) => [f.ref, f.rules[0].type])).toEqual([
      [expect.stringMatching(`^${col}2:${col}\\d+$`), 'colorScale'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Every user-written field, each starting with a character a spreadsheet acts on.

/** Every string cell of a sheet (plus the title block), with its type. */
function stringCells(sheet: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Merge) return; // the merged note's other cells show its master
      if (typeof cell.value === 'string' || cell.type === ExcelJS.ValueType.Formula) cells.push(cell);
    });
  });
  return cells;
}

describe('user text that looks like a formula', () => {
  const where: [keyof typeof FORMULA_TEXTS, string[]][] = [
    ['region', ['Сводка']],
    ['cluster', ['Сводка', 'Просроченные', 'Все мероприятия', 'Переносы сроков']],
    ['document', ['Просроченные', 'Все мероприятия', 'Переносы сроков']],
    ['task', ['Все мероприятия']],
    ['number', ['Просроченные', 'Все мероприятия', 'Переносы сроков']],
    ['title', ['Просроченные', 'Все мероприятия']],
    ['movedTitle', ['Все мероприятия', 'Переносы сроков']],
    ['executorA', ['Исполнители']],
    ['executorB', ['Исполнители']],
    ['deadline', ['Просроченные', 'Все мероприятия']],
    ['result', ['Просроченные', 'Все мероприятия']],
    ['mark', ['Просроченные', 'Все мероприятия']],
    ['doneMark', ['Все мероприятия']],
  ];

  it.each([
    [
      'a region report',
      { region: FORMULA_TEXTS.region },
      [['Регион:', FORMULA_TEXTS.region]],
      FORMULA_TEXTS.region,
    ],
    [
      'a cluster report',
      { region: FORMULA_TEXTS.region, clusterName: FORMULA_TEXTS.cluster },
      [
        ['Регион:', FORMULA_TEXTS.region],
        ['Кластер:', FORMULA_TEXTS.cluster],
      ],
      FORMULA_TEXTS.cluster,
    ],
  ])(
    '%s writes every field as text, on every sheet, in the title block and footer',
    async (_, extra, lines, scope) => {
      const { cluster, items, moves } = formulaData();
      const { workbook, bytes, totals } = await render(memorySource([cluster], items, moves), extra);
      expect(totals).toMatchObject({ items: 2, overdue: 1, moves: 1 });

      const summary = workbook.getWorksheet('Сводка')!;
      lines.forEach(([label, value], i) => {
        expect(summary.getCell(`A${2 + i}`).value).toBe(label);
        expect(summary.getCell(`B${2 + i}`).value).toBe(value);
      });
      expect(summary.getCell(`A${2 + lines.length}`).value).toBe('Состояние на:');
      for (const name of DEFAULT_SHEETS) {
        // Footer codes start with &: the user's & is doubled, so «&P» in a name stays text.
        expect(workbook.getWorksheet(name)!.headerFooter.oddFooter).toContain(
          `(${scope.replace(/&/g, '&&')})`,
        );
      }

      for (const [field, sheets] of where) {
        for (const name of sheets) {
          const hits = stringCells(workbook.getWorksheet(name)!).filter(
            (c) =>
              c.value === FORMULA_TEXTS[field] ||
              String(c.value).split('\n').includes(FORMULA_TEXTS[field]) ||
              String(c.value).split(GROUP_SEPARATOR).includes(FORMULA_TEXTS[field]),
          );
          expect(hits.length, `${field} on ${name}`).toBeGreaterThan(0);
        }
      }
      for (const name of DEFAULT_SHEETS) {
        for (const cell of stringCells(workbook.getWorksheet(name)!)) {
          expect(cell.type, `${name}!${cell.address} ${String(cell.value)}`).toBe(ExcelJS.ValueType.String);
          expect(cell.formula).toBeUndefined();
        }
      }
      // And in the XML itself: no formula element anywhere.
      const parts = await unzipEntries(bytes);
      const sheets = [...parts.entries()].filter(([n]) => n.startsWith('xl/worksheets/sheet'));
      expect(sheets).toHaveLength(DEFAULT_SHEETS.length);
      for (const [name, xml] of sheets) expect(xml, name).not.toMatch(/<f[ >]/);
    },
  );
});

// ---------------------------------------------------------------------------------------------

describe('streaming', () => {
  it('bytes leave for the output while the items are still being read, in step with them', async () => {
    const cluster = { slug: 'c', name: 'Кластер', region: 'Регион' };
    const n = 20_000;
    let bytes = 0;
    const seen: number[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    });
    const source: ReportSource = {
      clusters: async () => [cluster],
      async *items() {
        for (let i = 0; i < n; i++) {
          if (i % 5000 === 0) seen.push(bytes);
          yield {
            id: `i${i}`,
            cluster,
            document: {
              title: 'План работы на 2021 год',
              period: { start: '2021-01-01', end: '2021-12-31' },
            },
            row: i + 2,
            number: String(i + 1),
            task: '',
            title: `Мероприятие номер ${i} с описанием, которое занимает место в строке отчёта`,
            executors: [`Исполнитель ${i % 50}`],
            deadline: { raw: 'март 2021', kind: 'month', start: '2021-03-01', due: '2021-03-31' },
            result: 'Протокол',
            mark: { raw: '', status: 'none' },
          };
        }
        seen.push(bytes);
      },
      async *moves() {},
    };
    const totals = await writeConsolidatedReport(source, options(), sink);
    expect(totals.items).toBe(n);
    // Output grows between every two checkpoints: the rows are not held back until the end.
    for (let k = 2; k < seen.length; k++)
      expect(seen[k], `after ${(k * 5000).toLocaleString()} items`).toBeGreaterThan(seen[k - 1]);
    // By the last item, most of «Все мероприятия» is out: at most ~1 MB of XML waits for the zip.
    expect(seen.at(-1)!).toBeGreaterThan(bytes * 0.3);
  });
});

describe('a reader who goes away', () => {
  it('stops the report: the wait for the zip ends, the source is closed, and the promise rejects', async () => {
    const cluster = { slug: 'c', name: 'Кластер', region: 'Регион' };
    let read = 0;
    let closed = false;
    const source: ReportSource = {
      clusters: async () => [cluster],
      async *items() {
        try {
          for (let i = 0; i < 200_000; i++) {
            read++;
            yield {
              id: `i${i}`,
              cluster,
              document: { title: 'План', period: null },
              row: i + 2,
              number: String(i + 1),
              task: '',
              title: `Мероприятие ${i} с описанием подлиннее, чтобы строки отчёта весили побольше`,
              executors: ['Исполнитель'],
              deadline: { raw: 'март 2021', kind: 'month', start: '2021-03-01', due: '2021-03-31' },
              result: 'Протокол',
              mark: { raw: '', status: 'none' },
            };
          }
        } finally {
          closed = true;
        }
      },
      async *moves() {},
    };
    // Nobody reads: every write stays pending, so the zip backs up and the report has to wait.
    const stuck = new Writable({ highWaterMark: 1024, write() {} });
    const controller = new AbortController();
    const report = writeConsolidatedReport(source, options(), stuck, controller.signal);
    while (read < 1000) await new Promise((r) => setTimeout(r, 10));
    const before = read;
    await new Promise((r) => setTimeout(r, 200));
    // It is waiting, not reading on: rows stay within what the zip may hold back.
    expect(read - before).toBeLessThan(20_000);
    controller.abort(new Error('ушёл'));
    await expect(report).rejects.toThrow('ушёл');
    expect(closed).toBe(true);
    expect(read).toBeLessThan(200_000);
  });
});

describe('an empty scope', () => {
  it('still gives every sheet, zero totals, and list sheets that say they are empty', async () => {
    const { workbook, bytes, totals } = await render(memorySource([], []), { region: 'Новая область' });
    expect(totals).toEqual({ clusters: 0, items: 0, overdue: 0, moves: 0, finished: 0 });
    expect(workbook.worksheets.map((s) => s.name)).toEqual(DEFAULT_SHEETS);
    const summary = workbook.getWorksheet('Сводка')!;
    expect(summary.getCell('B2').value).toBe('Новая область');
    expect((summaryRows(summary)[0].values as unknown[]).slice(1)).toEqual([
      'Итого',
      undefined,
      ...Array(TALLY_ORDER.length + 2).fill(0), // items, each state, share done
    ]);
    // The list sheets say in one line that they are empty, with no table and no filter.
    for (const [name, note] of [
      ['Все мероприятия', 'Мероприятий на дату отчёта нет.'],
      ['Просроченные', 'Просроченных мероприятий на дату отчёта нет.'],
      ['Переносы сроков', 'Переносов сроков за период отчёта нет.'],
    ]) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.rowCount, name).toBe(1);
      expect(sheet.getCell('A1').value).toBe(note);
      expect(sheet.autoFilter).toBeFalsy();
    }
    const xml = (await unzipEntries(bytes)).get('xl/workbook.xml')!;
    expect(xml).not.toContain('_xlnm._FilterDatabase');
  });
});
