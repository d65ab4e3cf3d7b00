// The consolidated report opened by LibreOffice headless: it converts to PDF without trouble and
// the PDF shows the clusters and the totals; re-saved as .xlsx, the autofilter and the
// user texts that look like formulas survive.

import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_ORDER, writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import type { ReportTotals } from '../../src/reports/model.ts';
import { GROUP_SEPARATOR } from '../../src/reports/sheets/all-items.ts';
import { FINISHED_SHEET } from '../../src/reports/sheets/finished.ts';
import { storeReportSource } from '../../src/reports/store-source.ts';
import { AS_OF, EVIL, MARKS_CLUSTER, openReportData, type ReportData } from '../helpers/report-data.ts';
import { FORMULA_TEXTS, formulaData, memorySource, SAMPLE_CLUSTERS } from '../helpers/report-fixtures.ts';
import { unzipEntries } from '../helpers/report-zip.ts';
import { summaryHeaderRow } from '../helpers/summary-sheet.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'report-libreoffice-'));

async function soffice(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const profile = pathToFileURL(join(dir, 'lo-profile')).href;
  return run('soffice', [`-env:UserInstallation=${profile}`, '--headless', ...args], { timeout: 120_000 });
}

let data: ReportData;
let file: string;
let totals: ReportTotals;

beforeAll(async () => {
  data = await openReportData();
  file = join(dir, 'svodnyj-otchet.xlsx');
  totals = await writeConsolidatedReport(
    storeReportSource(data.store, {}),
    {
      asOf: AS_OF,
      region: null,
      soonDays: 14,
      generatedAt: new Date('2021-11-20T09:30:00Z'),
      timeZone: 'Europe/Moscow',
    },
    createWriteStream(file),
  );
}, 60_000);

afterAll(async () => {
  await data?.close();
  rmSync(dir, { recursive: true, force: true });
});

// soffice starts slowly on a loaded machine (shared cores): each conversion gets up to two minutes.
describe('report in LibreOffice', { timeout: 180_000 }, () => {
  it('converts to PDF; the PDF has the clusters, the totals and page numbers', async () => {
    const out = join(dir, 'pdf');
    const { stderr } = await soffice(['--convert-to', 'pdf', '--outdir', out, file]);
    expect(stderr).not.toMatch(/error|repair/i);
    const pdf = join(out, 'svodnyj-otchet.pdf');
    expect(existsSync(pdf)).toBe(true);
    const { stdout: info } = await run('pdfinfo', [pdf]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    const oneLine = text.replace(/\s+/g, ' ');
    // Each cluster's line of Сводка, and the totals line, with every count as the workbook has it.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const summary = book.getWorksheet('Сводка')!;
    const lines: string[] = [];
    const head = summaryHeaderRow(summary);
    const columns = (summary.getRow(head).values as unknown[]).slice(1);
    // The counts run from «Мероприятий» up to the share done (found by header: columns may grow).
    const from = columns.indexOf('Мероприятий');
    const shareAt = columns.indexOf('Доля выполненных');
    expect(from).toBeGreaterThan(0);
    expect(shareAt).toBeGreaterThan(from);
    for (let r = head + 1; r <= summary.rowCount; r++) {
      const values = (summary.getRow(r).values as unknown[]).slice(1);
      if (values.length <= shareAt) continue;
      const counts = values.slice(from, shareAt) as number[];
      const share = `${Math.round((values[shareAt] as number) * 100)}%`;
      const label = values[0] === 'Итого' ? 'Итого' : String(values[1]);
      lines.push(label);
      expect(text, label).toMatch(new RegExp(`${escapeRegExp(label)}\\s+${counts.join('\\s+')}\\s+${share}`));
      if (label === 'Итого') break;
    }
    expect(lines).toEqual(
      expect.arrayContaining([...[...SAMPLE_CLUSTERS, MARKS_CLUSTER].map((c) => c.name), 'Итого']),
    );
    expect(text).toMatch(new RegExp(`Итого\\s+${totals.items}\\s`));
    // Every sheet printed: the footer names the sheet next to the page number.
    // (Without `finished` there is no «Завершённые планы».)
    for (const sheet of SHEET_ORDER.filter((name) => name !== FINISHED_SHEET)) {
      expect(text).toMatch(
        new RegExp(`Сводный отчёт на 20\\.11\\.2021\\s+Страница \\d+ из ${pages}\\s+${sheet}\\n`),
      );
    }
    expect(oneLine).toContain('Сводный отчёт о выполнении');
    expect(oneLine).toContain('20.11.2021');
    expect(oneLine).toContain(`Страница 1 из ${pages}`);
    expect(oneLine).toContain('Конкурс профмастерства');
  });

  it('re-saved as .xlsx keeps the autofilter, its _FilterDatabase name and texts as texts', async () => {
    const out = join(dir, 'xlsx');
    await soffice(['--convert-to', 'xlsx', '--outdir', out, file]);
    const saved = join(out, 'svodnyj-otchet.xlsx');
    const parts = await unzipEntries(readFileSync(saved));
    const workbookXml = parts.get('xl/workbook.xml')!;
    expect(workbookXml).toMatch(
      /name="_xlnm\._FilterDatabase"[^>]*>[^<]*Все мероприятия[^<]*\$A\$1:\$I\$\d+/,
    );
    const sheets = [...parts.entries()].filter(([n]) => n.startsWith('xl/worksheets/sheet'));
    // «Все мероприятия» (9 columns), «Просроченные» (8) and «Переносы сроков» (7).
    const filters = sheets.flatMap(([, xml]) => /<autoFilter ref="A1:([A-Z])\d+"/.exec(xml)?.[1] ?? []);
    expect(filters.sort()).toEqual(['G', 'H', 'I']);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const all = book.getWorksheet('Все мероприятия')!;
    expect(all.autoFilter).toBe(`A1:I${all.rowCount}`);
    const cells: ExcelJS.Cell[] = [];
    all.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell);
      });
    });
    for (const value of [EVIL.title, EVIL.executor, EVIL.result, EVIL.mark, EVIL.cluster]) {
      // The cluster is the first line of its documents' headings.
      const cell = cells.find(
        (c) => c.value === value || String(c.value).startsWith(`${value}${GROUP_SEPARATOR}`),
      );
      expect(cell, value).toBeDefined();
      expect(cell!.type).toBe(ExcelJS.ValueType.String);
    }
    expect(book.worksheets.map((s) => s.name)[0]).toBe('Сводка');
  });

  it('keeps user text that looks like a formula as text, in every field, in its PDF and in its re-saved .xlsx', async () => {
    const { cluster, items, moves } = formulaData();
    const evil = join(dir, 'formula-texts.xlsx');
    const out = createWriteStream(evil);
    await writeConsolidatedReport(
      memorySource([cluster], items, moves),
      {
        asOf: AS_OF,
        region: FORMULA_TEXTS.region,
        soonDays: 14,
        generatedAt: new Date('2021-11-20T09:30:00Z'),
        timeZone: 'Europe/Moscow',
      },
      out,
    );
    await new Promise<void>((resolve) => out.on('close', () => resolve()));
    await soffice(['--convert-to', 'pdf', '--outdir', join(dir, 'evil-pdf'), evil]);
    const { stdout: text } = await run('pdftotext', [
      '-layout',
      join(dir, 'evil-pdf', 'formula-texts.pdf'),
      '-',
    ]);
    // Shown as written, not evaluated (a formula would print its result: 1, 3, кластер …).
    for (const value of Object.values(FORMULA_TEXTS)) expect(text).toContain(value);

    await soffice(['--convert-to', 'xlsx', '--outdir', join(dir, 'evil-xlsx'), evil]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'evil-xlsx', 'formula-texts.xlsx'));
    const found = new Set<string>();
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          // Lines of a cell, and the cluster and document of a list's heading.
          if (typeof cell.value === 'string')
            for (const line of cell.value.split('\n'))
              for (const part of line.split(GROUP_SEPARATOR)) found.add(part);
        });
      });
    }
    for (const value of Object.values(FORMULA_TEXTS)) expect([...found], value).toContain(value);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
