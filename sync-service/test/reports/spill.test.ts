// A list longer than a sheet holds continues on «Name (2)», «Name (3)» … (Excel's limit is 1,048,576
// rows; the limit is lowered here): every sheet within the limit, each with its header, filter and
// the current document's heading again; nothing lost or repeated; the tabs in order.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHEET_ORDER, writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import type { ReportItem, ReportMove } from '../../src/reports/model.ts';
import { partName } from '../../src/reports/xlsx/list-sheet.ts';
import { isHeading, listedRows } from '../helpers/list-sheet.ts';
import { AS_OF } from '../helpers/report-data.ts';
import { memorySource } from '../helpers/report-fixtures.ts';
import { unzipEntries } from '../helpers/report-zip.ts';

const cluster = { slug: 'c', name: 'Кластер', region: 'Регион' };
const PERIOD = { start: '2021-01-01', end: '2021-12-31' };

/** `n` items over documents of 7, in sections of 3; every other item overdue. */
function items(n: number): ReportItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `i${i}`,
    cluster,
    document: { id: `d${Math.floor(i / 7)}`, title: `План ${Math.floor(i / 7)}`, period: PERIOD },
    row: i,
    number: String(i),
    task: `Раздел ${Math.floor((i % 7) / 3)}`,
    title: `Мероприятие ${i}`,
    executors: ['Исполнитель'],
    deadline: { raw: 'март 2021', kind: 'month', start: '2021-03-01', due: '2021-03-31' },
    result: '',
    mark:
      i % 2 === 0 ? { raw: '', status: 'none' } : { raw: 'выполнено', status: 'done', date: '2021-03-01' },
  }));
}

function moves(list: ReportItem[]): ReportMove[] {
  return list.map((it) => ({
    itemId: it.id,
    cluster,
    documentTitle: it.document.title,
    documentPeriod: PERIOD,
    number: it.number,
    title: it.title,
    from: '2021-02-28',
    to: '2021-03-31',
    seenAt: '2021-02-01T00:00:00Z',
  }));
}

async function render(n: number, rowLimit: number) {
  const list = items(n);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const totals = await writeConsolidatedReport(
    memorySource([cluster], list, moves(list)),
    { asOf: AS_OF, region: null, soonDays: 14, generatedAt: new Date(), timeZone: 'Europe/Moscow', rowLimit },
    out,
  );
  const bytes = Buffer.concat(chunks);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { workbook, totals, bytes };
}

/** The sheets of a list, in tab order: «Name», «Name (2)» … */
const partsOf = (book: ExcelJS.Workbook, name: string) =>
  book.worksheets.filter((s) => s.name === name || s.name.startsWith(`${name} (`));

describe('a list past the row limit', () => {
  it.each([
    ['Все мероприятия', 100, 100],
    ['Просроченные', 100, 50],
    ['Переносы сроков', 100, 100],
  ])('%s continues on further sheets, each within the limit', async (name, n, rows) => {
    const limit = 20;
    const { workbook } = await render(n, limit);
    const parts = partsOf(workbook, name);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.map((s) => s.name)).toEqual(parts.map((_, i) => partName(name, i + 1)));
    const listed = parts.flatMap((s) => listedRows(s));
    // Every row once, in order, under its own document.
    expect(listed.map((l) => l.row.getCell(2).value)).toEqual(
      items(n)
        .filter((_, i) => name !== 'Просроченные' || i % 2 === 0)
        .map((it) => it.title),
    );
    expect(listed).toHaveLength(rows);
    for (const l of listed) {
      const i = Number(String(l.row.getCell(2).value).split(' ')[1]);
      expect(l.document).toBe(`План ${Math.floor(i / 7)}`);
      if (name === 'Все мероприятия') expect(l.section).toBe(`Раздел ${Math.floor((i % 7) / 3)}`);
    }
    for (const [k, sheet] of parts.entries()) {
      expect(sheet.rowCount, sheet.name).toBeLessThanOrEqual(limit);
      expect(sheet.getCell('A1').value).toBe('№');
      expect(sheet.autoFilter).toMatch(new RegExp(`^A1:[A-Z]${sheet.rowCount}$`));
      expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
      // Row 2 is always a heading: a new document's, or the continued one's.
      expect(isHeading(sheet.getRow(2)), sheet.name).toBe(true);
      // A document cut by the sheet's end is headed again, marked as continued.
      if (k > 0) {
        const continued = listedRows(parts[k - 1]).at(-1)!.document === listedRows(sheet)[0].document;
        expect(String(sheet.getRow(2).getCell(1).value).endsWith(' (продолжение)'), sheet.name).toBe(
          continued,
        );
      }
    }
  });

  it('puts each continuation right after its list in the tabs, and names each filter', async () => {
    const { workbook, bytes, totals } = await render(60, 25);
    expect(totals).toMatchObject({ items: 60, overdue: 30, moves: 60 });
    const names = workbook.worksheets.map((s) => s.name);
    const base = (n: string) => n.replace(/ \(\d+\)$/, '');
    // Tabs: the sheets' own order, each list's parts together and in order.
    expect([...new Set(names.map(base))]).toEqual(SHEET_ORDER.filter((n) => names.includes(n)));
    expect(names).toContain('Все мероприятия (2)');
    const xml = (await unzipEntries(bytes)).get('xl/workbook.xml')!;
    const filters = [
      ...xml.matchAll(/name="_xlnm\._FilterDatabase" localSheetId="(\d+)">&apos;([^&]+)&apos;/g),
    ];
    for (const [, id, name] of filters) expect(names[Number(id)]).toBe(name);
    expect(filters.map((f) => f[2]).sort()).toEqual(
      names.filter((n) => /^(Все мероприятия|Просроченные|Переносы сроков)/.test(n)).sort(),
    );
  });

  it('rows keep their texts as written: spaces at either end, line breaks, markup', async () => {
    const texts = ['  отступ слева', 'справа  ', 'строка 1\nстрока 2', '<b>&amp;</b> "кавычки"'];
    const list = items(texts.length).map((it, i) => ({ ...it, title: texts[i] }));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeConsolidatedReport(
      memorySource([cluster], list),
      { asOf: AS_OF, region: null, soonDays: 14, generatedAt: new Date(), timeZone: 'Europe/Moscow' },
      out,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const titles = listedRows(book.getWorksheet('Все мероприятия')!).map((l) => l.row.getCell(2).value);
    expect(titles).toEqual(texts);
  });

  it('at Excel’s own limit by default: a list of a few rows stays on one sheet', async () => {
    const { workbook } = await render(30, 0);
    expect(partsOf(workbook, 'Все мероприятия').map((s) => s.name)).toEqual(['Все мероприятия']);
  });
});
