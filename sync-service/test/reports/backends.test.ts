// The same known data synced into the embedded store and into PostgreSQL gives the same report,
// cell by cell, on every sheet (with the plans finished by the report's date on their own sheet).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SHEET_ORDER, writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import { storeReportSource } from '../../src/reports/store-source.ts';
import { AS_OF, seedReportData } from '../helpers/report-data.ts';
import { BACKENDS, type Stores, useStores } from '../helpers/store-backends.ts';

async function reportOf(stores: Stores): Promise<ExcelJS.Workbook> {
  const { store } = await stores.fresh();
  // Synced on the seeding's dates, so a report on AS_OF lists the move (only Date is faked).
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    await seedReportData(store, (iso) => vi.setSystemTime(new Date(iso)));
  } finally {
    vi.useRealTimers();
  }
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeConsolidatedReport(
    storeReportSource(store, { plansOn: AS_OF }),
    {
      finished: true,
      asOf: AS_OF,
      region: null,
      soonDays: 14,
      generatedAt: new Date('2021-11-20T09:30:00Z'),
      timeZone: 'Europe/Moscow',
    },
    out,
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return book;
}

/** Every cell's value and number format, by address. */
function cells(sheet: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      out[cell.address] = [cell.value instanceof Date ? cell.value.toISOString() : cell.value, cell.numFmt];
    });
  });
  return out;
}

describe('report from either store', () => {
  const books = new Map<string, ExcelJS.Workbook>();
  const stores = BACKENDS.map((b) => [b, useStores(b, 'all')] as const);

  beforeAll(async () => {
    for (const [backend, s] of stores) {
      books.set(backend.name, await reportOf(s));
    }
  }, 120_000);

  it.each(SHEET_ORDER)('%s is the same from SQLite and PostgreSQL', (name) => {
    const sqlite = cells(books.get('sqlite')!.getWorksheet(name)!);
    const postgres = cells(books.get('postgres')!.getWorksheet(name)!);
    expect(Object.keys(sqlite).length).toBeGreaterThan(10);
    expect(postgres).toEqual(sqlite);
  });
});
