// One rule for moves and «на дату» (moves-window.ts), on both store backends: a report judges items
// with what the store knows now, on the report's date, and «Переносы сроков» lists every move of
// that knowledge — seen by a sync, or carried by the row's mark when it was first synced — whenever
// it was seen; each listed item's due on «Все мероприятия» is the due it was last moved to. Plans
// finished by the report's date leave both sheets unless asked for.
import { PassThrough } from 'node:stream';
import { readText } from '@cluster/shared';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import { ALL_ITEMS_SHEET } from '../../src/reports/sheets/all-items.ts';
import { MOVES_SHEET } from '../../src/reports/sheets/moves.ts';
import { storeReportSource } from '../../src/reports/store-source.ts';
import type { Store } from '../../src/store/store.ts';
import { listedRows } from '../helpers/list-sheet.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';

const plan = (year: number, first: string, second = '') =>
  [
    `План работы кластера на ${year} год`,
    '',
    '№\tМероприятие\tИсполнитель\tСрок\tРезультат\tОтметка о выполнении',
    `1.\tСтажировка преподавателей\tСидоров С.С.\tмарт ${year}\tДоговоры\t${first}`,
    `2.\tСеминар\tПетров П.П.\tмай ${year}\tПрограмма\t${second}`,
    '',
  ].join('\n');

/** When each sync of plan-2021 happened and its item 1's mark then; each mark after the first moves it. */
const SYNCS: [string, string][] = [
  ['2020-12-10T09:00:00.000Z', ''],
  ['2020-12-20T09:00:00.000Z', 'перенесено на 15.04.2021'],
  ['2021-03-10T09:00:00.000Z', 'перенесено на 15.05.2021'],
  // 10.06.2021 00:30 in Moscow, still the 9th in UTC.
  ['2021-06-09T21:30:00.000Z', 'перенесено на 15.07.2021'],
];

async function sync(store: Store, at: string, fileName: string, text: string): Promise<void> {
  vi.setSystemTime(new Date(at));
  await applySnapshot(store, {
    cluster: 'c',
    source: { kind: 'file', fileName },
    title: fileName,
    documents: readText(text, { today: '2021-01-01' }),
    actor: 'test',
    today: '2021-01-01',
  });
}

async function seed(store: Store): Promise<void> {
  await store.clusters.create({ slug: 'c', name: 'Кластер', region: 'Регион' });
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    for (const [at, mark] of SYNCS) await sync(store, at, 'plan-2021.txt', plan(2021, mark));
    // Imported once with item 2 already moved by its mark (no sync saw the move happen), then done:
    // the move stays known from the first sync's mark.
    await sync(
      store,
      '2022-08-01T09:00:00.000Z',
      'plan-2022.txt',
      plan(2022, '', 'перенесено на 30.09.2022'),
    );
    await sync(store, '2022-10-01T09:00:00.000Z', 'plan-2022.txt', plan(2022, '', 'выполнено 20.09.2022'));
  } finally {
    vi.useRealTimers();
  }
}

type MoveRow = [string, string, string, string, number];

/** «2021 1»: the plan's year (from its title «… на 2021 год») and the item's number. */
const keyOf = (document: unknown, number: unknown) => `${String(document).slice(-8, -4)} ${number}`;

/** «Переносы сроков» as [item, old due, new due, seen on, times moved], and dues on «Все мероприятия». */
async function reportOn(store: Store, asOf: string, plansOn: string | null = null) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const totals = await writeConsolidatedReport(
    storeReportSource(store, { plansOn }),
    { asOf, region: null, soonDays: 14, generatedAt: new Date(), timeZone: 'Europe/Moscow' },
    out,
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const day = (v: unknown) => (v as Date).toISOString().slice(0, 10);
  const moves: MoveRow[] = [];
  for (const { document, row } of listedRows(book.getWorksheet(MOVES_SHEET)!)) {
    moves.push([
      keyOf(document, row.getCell(1).value),
      day(row.getCell(3).value),
      day(row.getCell(4).value),
      day(row.getCell(6).value),
      row.getCell(7).value as number,
    ]);
  }
  expect(totals.moves).toBe(moves.length);
  const dues = new Map<string, string | null>();
  for (const { document, row } of listedRows(book.getWorksheet(ALL_ITEMS_SHEET)!)) {
    if (!row.getCell(1).value) continue;
    const due = row.getCell(5).value;
    dues.set(keyOf(document, row.getCell(1).value), due ? day(due) : null);
  }
  return { moves, dues };
}

const ALL_MOVES: MoveRow[] = [
  ['2022 2', '2022-05-31', '2022-09-30', '2022-08-01', 1],
  ['2021 1', '2021-03-31', '2021-04-15', '2020-12-20', 3],
  ['2021 1', '2021-04-15', '2021-05-15', '2021-03-10', 3],
  ['2021 1', '2021-05-15', '2021-07-15', '2021-06-10', 3],
];

describe.each(BACKENDS)('moves and states from one knowledge ($name)', (backend) => {
  const stores = useStores(backend, 'all');
  let store: Store;

  beforeAll(async () => {
    ({ store } = await stores.fresh());
    await seed(store);
  }, 60_000);

  it('the store has the three moves syncs saw, and the one the first sync’s mark carried', async () => {
    const seen = [];
    for await (const batch of store.items.iterateDeadlineMoves()) seen.push(...batch);
    expect(seen.map((m) => [m.newDue, m.movesOfItem])).toEqual([
      ['2021-04-15', 3],
      ['2021-05-15', 3],
      ['2021-07-15', 3],
    ]);
    const atCreation = [];
    for await (const batch of store.items.iterateMovesAtCreation()) atCreation.push(...batch);
    // Item 1 of 2021 (its first mark was empty) and item 2 of 2022 (first mark «перенесено»).
    expect(atCreation.map((m) => [m.number, m.mark.status, m.deadline.due]).sort()).toEqual([
      ['1', 'none', '2021-03-31'],
      ['2', 'postponed', '2022-05-31'],
    ]);
  });

  it('every known move is listed whatever the report’s date, seen days in Moscow', async () => {
    for (const asOf of ['2020-12-15', '2021-06-01', '2021-12-01', '2023-02-01']) {
      expect((await reportOn(store, asOf)).moves).toEqual(ALL_MOVES);
    }
  });

  it('an item’s due on the report is the due it was last moved to, on any date', async () => {
    for (const asOf of ['2020-12-15', '2021-12-01']) {
      const { dues } = await reportOn(store, asOf);
      expect(dues.get('2021 1')).toBe('2021-07-15');
      expect(dues.get('2022 2')).toBe('2022-09-30');
      expect(dues.get('2021 2')).toBe('2021-05-31');
    }
  });

  it('plans finished by the report’s date leave both sheets; current ones stay', async () => {
    const { moves, dues } = await reportOn(store, '2022-06-01', '2022-06-01');
    expect(moves).toEqual([ALL_MOVES[0]]);
    expect([...dues.keys()].sort()).toEqual(['2022 1', '2022 2']);
    const before = await reportOn(store, '2021-12-01', '2021-12-01');
    expect(before.moves).toEqual(ALL_MOVES);
  });
});
