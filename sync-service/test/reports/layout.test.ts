// List sheets printed as an official reads them: grouped by document (a bold heading merged over the
// table, then the document's items; a sub-heading per section), titles never repeated per row, the
// header row repeated on every page, fitted to the width of A4 landscape, an empty list one line.
// Read back by exceljs, then printed by LibreOffice to PDF and read with pdftotext.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportItem, ReportMove, ReportSource } from '../../src/reports/model.ts';
import { isHeading, listedRows } from '../helpers/list-sheet.ts';
import { AS_OF } from '../helpers/report-data.ts';
import { memorySource } from '../helpers/report-fixtures.ts';
import { printToPdf, renderReport } from '../helpers/report-render.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'report-layout-'));

const CLUSTERS = [0, 1, 2].map((i) => ({
  slug: `c${i}`,
  name: `Образовательно-производственный кластер «Отрасль ${i + 1}»`,
  region: 'Калужская область',
}));
const PERIOD = { start: '2021-01-01', end: '2021-12-31' };
/** Two plans per cluster, each 40 items in 4 sections; every third item overdue. */
const DOCUMENTS = CLUSTERS.flatMap((cluster, c) =>
  [0, 1].map((d) => ({
    id: `d${c}${d}`,
    cluster,
    title: `План мероприятий (дорожная карта) по развитию кластера № ${c + 1} на 2021 год, часть ${d + 1}`,
  })),
);
const PER_DOCUMENT = 40;

function items(): ReportItem[] {
  return DOCUMENTS.flatMap((doc) =>
    Array.from({ length: PER_DOCUMENT }, (_, i): ReportItem => {
      const month = 1 + (i % 12);
      const due = `2021-${String(month).padStart(2, '0')}-28`;
      const overdue = i % 3 === 0 && due < AS_OF;
      return {
        id: `${doc.id}-${i}`,
        cluster: doc.cluster,
        document: { id: doc.id, title: doc.title, period: PERIOD },
        row: i + 5,
        number: `${1 + Math.floor(i / 10)}.${1 + (i % 10)}`,
        task: `Задача ${1 + Math.floor(i / 10)}. Повышение качества подготовки кадров для отрасли`,
        title: `Мероприятие ${i + 1}: стажировки преподавателей на предприятиях отрасли`,
        executors: i % 7 === 0 ? ['Руководители ПОО', 'Иванов И.И.'] : ['Руководители ПОО'],
        deadline: { raw: `до 28.${String(month).padStart(2, '0')}.2021`, kind: 'date', start: null, due },
        result: 'Протокол',
        mark: overdue
          ? { raw: '', status: 'none' }
          : { raw: `выполнено ${due.slice(8)}.${due.slice(5, 7)}.2021`, status: 'done', date: due },
      };
    }),
  );
}

function moves(): ReportMove[] {
  return DOCUMENTS.slice(0, 2).flatMap((doc) =>
    [1, 2].map((i) => ({
      itemId: `${doc.id}-${i}`,
      cluster: doc.cluster,
      documentTitle: doc.title,
      documentPeriod: PERIOD,
      number: `1.${i + 1}`,
      title: `Мероприятие ${i + 1}: стажировки преподавателей на предприятиях отрасли`,
      from: '2021-02-28',
      to: '2021-03-28',
      seenAt: '2021-03-01T09:00:00Z',
    })),
  );
}

const render = (source: ReportSource) => renderReport(source, { region: 'Калужская область' });

/** Prints `bytes` with LibreOffice; the text of each page and the sheet its footer names. */
async function printed(name: string, bytes: Buffer): Promise<{ sheet: string; text: string }[]> {
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, bytes);
  const { pdf, stderr } = await printToPdf(dir, file);
  expect(stderr).not.toMatch(/error|repair/i);
  const info = (await run('pdfinfo', [pdf])).stdout;
  // A4 landscape.
  expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts/);
  const text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
  const pages = text.split('\f').filter((p) => p.trim());
  return pages.map((p) => ({
    sheet: /Страница \d+ из \d+\s+(.+?)\s*$/.exec(p.trimEnd())?.[1] ?? '',
    text: p,
  }));
}

let full: Awaited<ReturnType<typeof render>>;

beforeAll(async () => {
  full = await render(memorySource(CLUSTERS, items(), moves()));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('list sheets read back', () => {
  it('group by document: a bold merged heading (cluster, document), a section sub-heading, then the items', () => {
    const sheet = full.workbook.getWorksheet('Все мероприятия')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).not.toContain('Документ');
    expect(header).not.toContain('Кластер');
    const listed = listedRows(sheet);
    expect(listed).toHaveLength(DOCUMENTS.length * PER_DOCUMENT);
    const headings = [];
    for (let r = 2; r <= sheet.rowCount; r++) if (isHeading(sheet.getRow(r))) headings.push(sheet.getRow(r));
    // One heading per document and one per section (four per document), nothing else.
    expect(headings).toHaveLength(DOCUMENTS.length * 5);
    for (const h of headings) {
      const cell = h.getCell(1);
      expect(cell.font).toMatchObject({ name: 'Calibri', bold: true });
      expect(cell.alignment?.wrapText).toBe(true);
    }
    const merges = (sheet as unknown as { _merges: Record<string, { range: string }> })._merges;
    expect(Object.keys(merges)).toHaveLength(headings.length);
    for (const doc of DOCUMENTS) {
      const rows = listed.filter((l) => l.document === doc.title);
      expect(rows).toHaveLength(PER_DOCUMENT);
      expect(rows.every((l) => l.cluster === doc.cluster.name)).toBe(true);
      expect(new Set(rows.map((l) => l.section)).size).toBe(4);
    }
    // No row repeats a title: a document's title is in its heading only.
    let titled = 0;
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Merge && String(cell.value).includes('дорожная карта')) titled++;
      });
    });
    expect(titled).toBe(DOCUMENTS.length);
  });

  it('every styled cell of the list sheets names its font; dates are real dates shown ДД.ММ.ГГГГ', () => {
    for (const name of ['Все мероприятия', 'Просроченные', 'Переносы сроков']) {
      const sheet = full.workbook.getWorksheet(name)!;
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.font?.name, `${name}!${cell.address}`).toBe('Calibri');
          if (cell.value instanceof Date) expect(cell.numFmt).toBe('DD.MM.YYYY');
        });
      });
      expect(sheet.pageSetup).toMatchObject({
        orientation: 'landscape',
        fitToWidth: 1,
        printTitlesRow: '1:1',
      });
    }
  });
});

describe('list sheets printed by LibreOffice', { timeout: 200_000 }, () => {
  it('a header on every page, fitted to the width, headings once, no page that is a header alone', async () => {
    const pages = await printed('full', full.bytes);
    const all = pages.filter((p) => p.sheet === 'Все мероприятия');
    // 240 items, 30 headings: a few pages, not one per screenful of repeated titles.
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.length).toBeLessThanOrEqual(12);
    for (const [i, page] of all.entries()) {
      // The header row on each page, its last column too (fitted to the width).
      expect(page.text, `page ${i + 1}`).toContain('Мероприятие');
      expect(page.text, `page ${i + 1}`).toMatch(/Отметка о\s+выполнении|Отметка о выполнении/);
      // Rows under it: item numbers such as «2.3».
      expect(page.text.match(/^\s*\d+\.\d+\s/gm)?.length ?? 0, `page ${i + 1}`).toBeGreaterThan(3);
    }
    const text = all.map((p) => p.text).join('\n');
    for (const doc of DOCUMENTS) {
      // Each heading once (its title may wrap: count its distinctive end).
      const tail = doc.title.slice(-24);
      expect(text.split(tail).length - 1, doc.title).toBe(1);
    }
    expect(text.split('Задача 2.').length - 1).toBe(DOCUMENTS.length);
    // Several executors print on lines of their own (a cell's line breaks survive LibreOffice).
    expect(text).toContain('Иванов И.И.');
    expect(text).not.toMatch(/ПОО\s?Иванов/);
    for (const name of ['Просроченные', 'Переносы сроков']) {
      const own = pages.filter((p) => p.sheet === name);
      expect(own.length, name).toBeGreaterThanOrEqual(1);
      for (const page of own) expect(page.text.match(/^\s*\d+\.\d+\s/gm)?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('an empty scope prints each list as one line, not an empty table', async () => {
    const empty = await render(memorySource(CLUSTERS, []));
    const pages = await printed('empty', empty.bytes);
    for (const [name, note] of [
      ['Все мероприятия', 'Мероприятий на дату отчёта нет.'],
      ['Просроченные', 'Просроченных мероприятий на дату отчёта нет.'],
      ['Переносы сроков', 'Переносов сроков за период отчёта нет.'],
    ]) {
      const own = pages.filter((p) => p.sheet === name);
      expect(own, name).toHaveLength(1);
      const lines = own[0].text.split('\n').filter((l) => l.trim());
      expect(lines, name).toHaveLength(2); // the note and the footer
      expect(lines[0].trim()).toBe(note);
    }
  });
});
