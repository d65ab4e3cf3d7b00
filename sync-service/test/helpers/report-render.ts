// A consolidated report written in memory and read back by exceljs, and a workbook printed to PDF
// by LibreOffice (headless, its own profile under the test's folder).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import type { ReportOptions, ReportSource } from '../../src/reports/model.ts';
import { AS_OF } from './report-data.ts';

const run = promisify(execFile);

export const reportOptions = (extra: Partial<ReportOptions> = {}): ReportOptions => ({
  asOf: AS_OF,
  region: null,
  soonDays: 14,
  generatedAt: new Date('2021-11-20T09:30:00Z'),
  timeZone: 'Europe/Moscow',
  ...extra,
});

export async function renderReport(source: ReportSource, extra: Partial<ReportOptions> = {}) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const totals = await writeConsolidatedReport(source, reportOptions(extra), out);
  const bytes = Buffer.concat(chunks);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { bytes, workbook, totals };
}

/** Converts `file` (an .xlsx in `dir`) to PDF beside it; the PDF's path and soffice's stderr. */
export async function printToPdf(dir: string, file: string): Promise<{ pdf: string; stderr: string }> {
  const profile = pathToFileURL(join(dir, 'lo-profile')).href;
  const { stderr } = await run(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
    { timeout: 150_000 },
  );
  return { pdf: file.replace(/\.xlsx$/, '.pdf'), stderr };
}
