// The report to forward, on hand-made data (test/helpers/officials.ts): «Сводка» carries the headline
// figures with their change since the previous report, a chart and the department's addressee and
// signature; every styled cell names its font; an empty sheet says so in one line. Read back by
// exceljs, then printed by LibreOffice to PDF: the headline on page 1, one page per sheet, the chart
// a picture, no page that is only a header.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_ORDER } from '../../src/reports/consolidated.ts';
import { FINISHED_SHEET } from '../../src/reports/sheets/finished.ts';
import { scopeKey } from '../../src/reports/store-source.ts';
import type { Store } from '../../src/store/store.ts';
import { KID_CLUSTER, KID_EXPECTED, kidRegionReport, seedKid } from '../helpers/officials.ts';
import { printToPdf } from '../helpers/report-render.ts';
import { unzipEntries } from '../helpers/report-zip.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';
import { summaryHeaderRow, summaryRows } from '../helpers/summary-sheet.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'report-forward-'));
const backend = BACKENDS[0];
const stores = useStores(backend, 'all');
const REGION = { region: KID_CLUSTER.region };
const ADDRESSEE = 'Министру образования и науки Калужской области\nА.С. Аникееву';

let store: Store;
let bytes: Buffer;
let book: ExcelJS.Workbook;

beforeAll(async () => {
  ({ store } = await stores.fresh());
  await seedKid(store);
  await store.departments.create({ slug: 'kaluga-edu', name: 'Минобр', region: KID_CLUSTER.region });
  await store.departments.updateSettings('kaluga-edu', {
    addressee: ADDRESSEE,
    signerTitle: 'Начальник отдела профессионального образования',
    signerName: 'И.И. Иванова',
  });
  // The previous report of the region was on 05.11: the change is counted from that day's tallies.
  await store.reportsMade.record(scopeKey(REGION), '2021-11-05');
  bytes = await kidRegionReport(store);
  book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
}, 60_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

async function saved(): Promise<string> {
  const file = join(dir, 'forward.xlsx');
  writeFileSync(file, bytes);
  return file;
}

/** Column A label → [value, change] of the headline block. */
function headline(sheet: ExcelJS.Worksheet): Map<string, [unknown, unknown]> {
  const out = new Map<string, [unknown, unknown]>();
  sheet.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string') out.set(label, [row.getCell(3).value, row.getCell(4).value]);
  });
  return out;
}

describe('the report to forward', () => {
  it('«Сводка»: the addressee, the headline figures and their change since the previous report', () => {
    const sheet = book.getWorksheet('Сводка')!;
    const h = headline(sheet);
    expect(h.get('Кому:')).toBeDefined();
    const kому = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((r) => r.getCell(1).value === 'Кому:')!;
    // Its line breaks kept: an inline string (see `lines` in xlsx/style.ts), read back as rich text.
    expect(kому.getCell(2).text).toBe(ADDRESSEE);
    expect(kому.getCell(2).type).toBe(ExcelJS.ValueType.RichText);
    expect(h.get('Главное')).toEqual(['Значение', 'Изменение с 05.11.2021']);
    // 05.11 tallies (the 01.11 sync): 4 items, 0 done, 3 overdue; on 20.11: 2 done, 1 overdue.
    expect(h.get('Мероприятий')).toEqual([4, 0]);
    expect(h.get('Выполнено')).toEqual([2, 2]);
    expect(h.get('Просрочено')).toEqual([1, -2]);
    expect(h.get('КИД, %')?.[0]).toBeCloseTo(KID_EXPECTED.plain, 6);
    expect(h.get('КИД с учётом дней опоздания, %')?.[0]).toBeCloseTo(KID_EXPECTED.weighted, 6);
    expect(summaryRows(sheet).map((r) => r.getCell(2).value || r.getCell(1).value)).toEqual([
      KID_CLUSTER.name,
      'Итого',
    ]);
  });

  it('«Сводка»: each cluster’s change since the previous report beside its counts, adding up to the headline', () => {
    const sheet = book.getWorksheet('Сводка')!;
    const header = sheet.getRow(summaryHeaderRow(sheet));
    const column = (title: string) => {
      let at = 0;
      header.eachCell((c, i) => {
        if (c.value === title) at = i;
      });
      expect(at, title).toBeGreaterThan(0);
      return at;
    };
    const done = column('Выполнено: изменение с 05.11.2021');
    const overdue = column('Просрочено: изменение с 05.11.2021');
    const rows = summaryRows(sheet);
    expect(rows.map((r) => [r.getCell(done).value, r.getCell(overdue).value])).toEqual([
      [2, -2],
      [2, -2],
    ]);
    expect(rows[0].getCell(overdue).numFmt).toBe('+0;−0;0');
    expect(rows[0].getCell(overdue).font?.name).toBe('Calibri');
  });

  it('«Сводка»: the signature from the department’s settings', () => {
    const sheet = book.getWorksheet('Сводка')!;
    const texts: unknown[] = [];
    sheet.eachRow((row) => {
      row.eachCell((c) => {
        texts.push(c.value);
      });
    });
    expect(texts).toContain('Начальник отдела профессионального образования');
    expect(texts).toContain('И.И. Иванова');
  });

  it('the chart is a PNG drawn over «Сводка», declared as Excel and LibreOffice read drawings', async () => {
    const parts = await unzipEntries(bytes);
    const names = [...parts.keys()];
    expect(names).toEqual(
      expect.arrayContaining(['xl/drawings/drawing1.xml', 'xl/drawings/_rels/drawing1.xml.rels']),
    );
    // unzip cannot name [Content_Types].xml (brackets are patterns): read it with -c and a wildcard.
    const types = (await run('sh', ['-c', 'unzip -p "$0" "?Content_Types?.xml"', await saved()])).stdout;
    expect(types).toContain('/xl/drawings/drawing1.xml');
    expect(types).toMatch(/Extension="png"/);
    // The drawing goes where the schema wants it: after the header/footer.
    const withDrawing = names.filter(
      (n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && parts.get(n)!.includes('<drawing '),
    );
    expect(withDrawing).toHaveLength(1);
    const sheetXml = parts.get(withDrawing[0])!;
    expect(sheetXml).toContain('<v>Сводный отчёт о выполнении');
    expect(sheetXml).toMatch(/<\/headerFooter><drawing r:id="rId\d+"\/><\/worksheet>/);
    const rels = withDrawing[0].replace('worksheets/', 'worksheets/_rels/').concat('.rels');
    expect(parts.get(rels)).toContain('../drawings/drawing1.xml');
    expect(parts.get('xl/drawings/_rels/drawing1.xml.rels')).toContain('../media/image0.png');
    // exceljs finds the picture and its anchor (over the cluster rows, columns C…).
    const images = book.getWorksheet('Сводка')!.getImages();
    expect(images).toHaveLength(1);
    expect(images[0].range.tl.nativeCol).toBe(2);
  });

  it('every styled cell of every sheet names its font', () => {
    let checked = 0;
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.font?.name, `${sheet.name}!${cell.address}`).toBe('Calibri');
          checked++;
        });
      });
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('an empty sheet says so in one line', () => {
    const moves = book.getWorksheet('Переносы сроков')!;
    expect(moves.rowCount).toBe(1);
    expect(moves.getCell('A1').value).toBe('Переносов сроков за период отчёта нет.');
    expect(moves.autoFilter).toBeFalsy();
  });

  it('prints in LibreOffice: headline figures on page 1, one page per sheet, the chart as a picture', {
    timeout: 180_000,
  }, async () => {
    const file = await saved();
    const { pdf, stderr } = await printToPdf(dir, file);
    expect(stderr).not.toMatch(/error|repair/i);
    const pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [pdf])).stdout)?.[1]);
    // One page per sheet; a report without `finished` has no «Завершённые планы».
    expect(pages).toBe(SHEET_ORDER.filter((name) => name !== FINISHED_SHEET).length);
    const page = async (n: number) =>
      (await run('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'])).stdout;
    const firstLines = (await page(1)).split('\n');
    // The addressee prints on its two lines, not run together into one.
    const [line1, line2] = ADDRESSEE.split('\n');
    const at = firstLines.findIndex((l) => l.includes(line1));
    expect(at, firstLines.join('\n')).toBeGreaterThanOrEqual(0);
    expect(firstLines[at]).not.toContain(line2);
    expect(firstLines.slice(at + 1, at + 3).join('\n')).toContain(line2);
    const first = firstLines.join(' ').replace(/\s+/g, ' ');
    expect(first).toMatch(/Мероприятий 4 0/);
    expect(first).toMatch(/Выполнено 2 \+2/);
    expect(first).toMatch(/Просрочено 1 −2/);
    expect(first).toMatch(/КИД, % 33[.,]3/);
    expect(first).toContain('И.И. Иванова');
    // No page is a table's header alone: a page has rows under its header, or says it is empty.
    for (let n = 1; n <= pages; n++) {
      const text = await page(n);
      const lines = text.split('\n').filter((l) => l.trim());
      if (/нет\.\s/.test(text)) expect(lines.length, `page ${n}`).toBe(2);
      else expect(lines.length, `page ${n}`).toBeGreaterThan(3);
    }
    const images = (await run('pdfimages', ['-list', '-f', '1', '-l', '1', pdf])).stdout;
    expect(images.split('\n').filter((l) => /^\s*1\s+\d+\s+image/.test(l)).length).toBe(1);
  });
});
