// «Переносы сроков» lists the moves of the report's period, on both store backends: seen on or
// before the report's date (the day in the report's zone), and within the plan period of the
// item's document when that date falls in it; «Переносов у мероприятия» counts the same moves.
import { PassThrough } from 'node:stream';
import { readText } from '@cluster/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import { MOVES_SHEET } from '../../src/reports/sheets/moves.ts';
import { storeReportSource } from '../../src/reports/store-source.ts';
import type { Store } from '../../src/store/store.ts';
import { BACKENDS, Stores } from '../helpers/store-backends.ts';

const plan = (mark: string) =>
  [
    'План работы кластера на 2021 год',
    '',
    '№\tМероприятие\tИсполнитель\tСрок\tРезультат\tОтметка о выполнении',
    `1.\tСтажировка преподавателей\tСидоров С.С.\tмарт 2021\tДоговоры\t${mark}`,
    '2.\tСеминар\tПетров П.П.\tмай 2021\tПрограмма\t',
    '',
  ].join('\n');

/** When each sync happened and the mark item 1 had then; each mark after the first moves it. */
const SYNCS: [string, string][] = [
  ['2020-12-10T09:00:00.000Z', ''],
  // Before the plan period (2021): a move of the period only when the report's date is past it.
  ['2020-12-20T09:00:00.000Z', 'перенесено на 15.04.2021'],
  ['2021-03-10T09:00:00.000Z', 'перенесено на 15.05.2021'],
  // 10.06.2021 00:30 in Moscow, still the 9th in UTC.
  ['2021-06-09T21:30:00.000Z', 'перенесено на 15.07.2021'],
];

async function seed(store: Store): Promise<void> {
  await store.clusters.create({ slug: 'c', name: 'Кластер', region: 'Регион' });
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    for (const [at, mark] of SYNCS) {
      vi.setSystemTime(new Date(at));
      await applySnapshot(store, {
        cluster: 'c',
        source: { kind: 'file', fileName: 'plan.txt' },
        title: 'plan.txt',
        documents: readText(plan(mark), { today: '2021-01-01' }),
        actor: 'test',
        today: '2021-01-01',
      });
    }
  } finally {
    vi.useRealTimers();
  }
}

/** «Переносы сроков» as [old due, new due, seen on, times moved] rows, and the report's count. */
async function movesOn(store: Store, asOf: string) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const totals = await writeConsolidatedReport(
    storeReportSource(store, {}),
    { asOf, region: null, soonDays: 14, generatedAt: new Date(), timeZone: 'Europe/Moscow' },
    out,
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(MOVES_SHEET)!;
  const day = (v: unknown) => (v as Date).toISOString().slice(0, 10);
  const rows: [string, string, string, number][] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    expect(row.getCell(4).value).toBe('Стажировка преподавателей');
    rows.push([
      day(row.getCell(5).value),
      day(row.getCell(6).value),
      day(row.getCell(8).value),
      row.getCell(9).value as number,
    ]);
  }
  expect(totals.moves).toBe(rows.length);
  return rows;
}

describe.each(BACKENDS)('deadline moves of the report’s period ($name)', (backend) => {
  const stores = new Stores(backend);
  let store: Store;

  beforeAll(async () => {
    await backend.setup();
    ({ store } = await stores.fresh());
    await seed(store);
  }, 60_000);
  afterAll(async () => {
    await stores.closeAll();
    await backend.teardown();
  });

  it('the store has all three moves', async () => {
    const all = [];
    for await (const batch of store.items.iterateDeadlineMoves()) all.push(...batch);
    expect(all.map((m) => [m.newDue, m.movesOfItem, m.documentPeriod])).toEqual([
      ['2021-04-15', 3, { start: '2021-01-01', end: '2021-12-31' }],
      ['2021-05-15', 3, { start: '2021-01-01', end: '2021-12-31' }],
      ['2021-07-15', 3, { start: '2021-01-01', end: '2021-12-31' }],
    ]);
  });

  it('within the plan period: the moves seen in it up to the report’s date, counted alike', async () => {
    expect(await movesOn(store, '2021-06-01')).toEqual([['2021-04-15', '2021-05-15', '2021-03-10', 1]]);
  });

  it('a move seen after midnight in Moscow belongs to the next day there', async () => {
    expect(await movesOn(store, '2021-06-09')).toEqual([['2021-04-15', '2021-05-15', '2021-03-10', 1]]);
    expect(await movesOn(store, '2021-06-10')).toEqual([
      ['2021-04-15', '2021-05-15', '2021-03-10', 2],
      ['2021-05-15', '2021-07-15', '2021-06-10', 2],
    ]);
  });

  it('before or after the plan period: every move seen up to the report’s date', async () => {
    expect(await movesOn(store, '2020-12-15')).toEqual([]);
    expect(await movesOn(store, '2020-12-31')).toEqual([['2021-03-31', '2021-04-15', '2020-12-20', 1]]);
    expect(await movesOn(store, '2022-02-01')).toEqual([
      ['2021-03-31', '2021-04-15', '2020-12-20', 3],
      ['2021-04-15', '2021-05-15', '2021-03-10', 3],
      ['2021-05-15', '2021-07-15', '2021-06-10', 3],
    ]);
  });
});
