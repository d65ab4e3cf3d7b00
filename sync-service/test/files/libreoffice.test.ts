// The 2021 roadmap as a CSV (from the sample's tab-separated text) and as an .xlsx written by
// LibreOffice itself from that CSV: both go through the readers and the recogniser and must
// give the same items. And a workbook with merges and dates written by exceljs, re-saved by
// LibreOffice: the grid read back must not change.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocumentsFromFile } from '../../src/files/read-file.ts';
import { readWorkbookGrids } from '../../src/files/read-xlsx.ts';
import { SAMPLES } from '../helpers/cli.ts';
import { writeWorkPlan } from '../helpers/workbooks.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'files-libreoffice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** TSV → `;`-separated CSV with quotes where needed, CRLF like Excel writes. */
function tsvToCsv(tsv: string): string {
  const quote = (cell: string) => (/[;"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const rows = tsv.replace(/\n$/, '').split('\n');
  return `${rows.map((row) => row.split('\t').map(quote).join(';')).join('\r\n')}\r\n`;
}

/** LibreOffice headless with its own profile, so parallel runs do not share a user installation. */
async function soffice(args: string[]): Promise<void> {
  const profile = pathToFileURL(join(dir, 'lo-profile')).href;
  await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', ...args], { timeout: 120_000 });
}

let csvFile: string;
let xlsxFile: string;

beforeAll(async () => {
  const tsv = readFileSync(join(SAMPLES, 'roadmap-tomsk-construction-2021.txt'), 'utf8');
  csvFile = join(dir, 'roadmap-2021.csv');
  writeFileSync(csvFile, tsvToCsv(tsv));
  // Column 1 is imported as text so that «2.10» stays «2.10» (a number column would make it 2.1).
  await soffice([
    '--infilter=CSV:59,34,76,1,1/2/2/1/3/1/4/1/5/1',
    '--convert-to',
    'xlsx',
    '--outdir',
    dir,
    csvFile,
  ]);
  xlsxFile = join(dir, 'roadmap-2021.xlsx');
}, 150_000);

describe('LibreOffice round trip', () => {
  it('reads the same 29 items from the CSV and from LibreOffice’s xlsx', async () => {
    const opts = { today: '2021-11-01' };
    const fromCsv = await readDocumentsFromFile(csvFile, opts);
    const fromXlsx = await readDocumentsFromFile(xlsxFile, opts);
    expect(fromCsv.format).toBe('csv');
    expect(fromXlsx.format).toBe('xlsx');
    expect(fromXlsx.sheetNames).toEqual(['roadmap-2021']);
    expect(fromCsv.documents).toHaveLength(1);
    expect(fromXlsx.documents).toHaveLength(1);
    const [csvDoc] = fromCsv.documents;
    const [xlsxDoc] = fromXlsx.documents;
    expect(csvDoc.items).toHaveLength(29);
    expect(xlsxDoc.items).toEqual(csvDoc.items);
    expect(xlsxDoc.title).toBe(csvDoc.title);
    expect(xlsxDoc.period).toEqual({ start: '2021-01-01', end: '2021-12-31' });
    expect(xlsxDoc.items.find((i) => i.number === '2.10')?.row).toBe(
      csvDoc.items.find((i) => i.number === '2.10')?.row,
    );
  });

  it('gives the same items as the original tab-separated text', async () => {
    const fromTxt = await readDocumentsFromFile(join(SAMPLES, 'roadmap-tomsk-construction-2021.txt'), {
      today: '2021-11-01',
    });
    const fromXlsx = await readDocumentsFromFile(xlsxFile, { today: '2021-11-01' });
    expect(fromXlsx.documents[0].items).toEqual(fromTxt.documents[0].items);
  });
});

describe('exceljs → LibreOffice → readers', () => {
  it('reads the same grid and items after LibreOffice re-saves the workbook', async () => {
    const original = join(dir, 'plan-2024.xlsx');
    await writeWorkPlan(original);
    const outDir = join(dir, 'resaved');
    await soffice(['--convert-to', 'xlsx', '--outdir', outDir, original]);
    const resaved = join(outDir, 'plan-2024.xlsx');
    const [before] = await readWorkbookGrids(original);
    const [after] = await readWorkbookGrids(resaved);
    expect(after.sheetName).toBe('План');
    expect(after.grid).toEqual(before.grid);
    const opts = { today: '2024-12-10' };
    const a = await readDocumentsFromFile(original, opts);
    const b = await readDocumentsFromFile(resaved, opts);
    expect(b.documents[0].items).toHaveLength(3);
    expect(b.documents).toEqual(a.documents);
  }, 150_000);
});
