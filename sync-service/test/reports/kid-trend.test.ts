// The КИД's change since the previous report, on both backends: the syncs keep the cluster's КИД
// counts of their day beside its tally; «Сводка» shows the change from those of the trend's start,
// «Исполнительская дисциплина» the total's and each cluster's. On hand-made data
// (test/helpers/officials.ts): unmarked on 01.11 (three items overdue, КИД 0%), marked on 20.11
// (КИД 33.3%). Judged from today's marks the 01.11 КИД would be 33.3% too (a done mark holds
// whatever the day), so a change of 0 would be the wrong number.
import { kid, kidWeighted } from '@cluster/shared';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DISCIPLINE_HEADER_ROW, DISCIPLINE_SHEET } from '../../src/reports/sheets/discipline.ts';
import { scopeKey } from '../../src/reports/store-source.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import type { Store } from '../../src/store/store.ts';
import { FIRST_DAY, KID_CLUSTER, KID_EXPECTED, kidRegionReport, seedKid } from '../helpers/officials.ts';
import { AS_OF } from '../helpers/report-data.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';

const REGION = { region: KID_CLUSTER.region };
/** Days from the items' due (31.03.2021) to 01.11.2021. */
const OVERDUE_ON_FIRST_DAY = 215;

async function report(store: Store): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await kidRegionReport(store)) as unknown as ArrayBuffer);
  return book;
}

async function summary(store: Store): Promise<ExcelJS.Worksheet> {
  return (await report(store)).getWorksheet('Сводка')!;
}

/** «Исполнительская дисциплина»: [group, cluster, executor, change] of each row under the header. */
async function disciplineChanges(store: Store): Promise<unknown[][]> {
  const sheet = (await report(store)).getWorksheet(DISCIPLINE_SHEET)!;
  const header = (sheet.getRow(DISCIPLINE_HEADER_ROW).values as unknown[]).slice(1);
  const at = header.indexOf('КИД: изменение с 05.11.2021') + 1;
  expect(at).toBeGreaterThan(0);
  const out: unknown[][] = [];
  for (let r = DISCIPLINE_HEADER_ROW + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    out.push([1, 2, 3, at].map((c) => row.getCell(c).value));
  }
  return out;
}

/** The headline row labelled `label`: its value and change cells. */
function headlineRow(sheet: ExcelJS.Worksheet, label: string): [ExcelJS.Cell, ExcelJS.Cell] {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(1).value === label) return [row.getCell(3), row.getCell(4)];
  }
  throw new Error(`no row ${label}`);
}

describe.each(BACKENDS)('the КИД’s change since the previous report on $name', (backend) => {
  const stores = useStores(backend, 'all');
  let store: Store;

  beforeAll(async () => {
    ({ store } = await stores.fresh());
    await seedKid(store);
    // The previous report of the region was on 05.11: the change is counted from the 01.11 sync.
    await store.reportsMade.record(scopeKey(REGION), '2021-11-05');
  }, 60_000);

  it('each sync that writes keeps the cluster’s КИД counts as of its day', async () => {
    const points = await store.tallies.series({ ...REGION, since: FIRST_DAY, until: AS_OF });
    expect(points.map((p) => [p.day, p.discipline])).toEqual([
      [FIRST_DAY, { onTime: 0, late: 0, overdue: 3, daysLate: 3 * OVERDUE_ON_FIRST_DAY }],
      [AS_OF, { onTime: 1, late: 1, overdue: 1, daysLate: 15 + 234 }],
    ]);
    expect(kid(points[1].discipline!)).toBeCloseTo(KID_EXPECTED.plain, 6);
    expect(kidWeighted(points[1].discipline!)).toBeCloseTo(KID_EXPECTED.weighted, 6);
  });

  it('«Сводка» shows the КИД’s change in percentage points from the kept counts', async () => {
    const sheet = await summary(store);
    const [plain, plainChange] = headlineRow(sheet, 'КИД, %');
    expect(plain.value).toBeCloseTo(KID_EXPECTED.plain, 6);
    // On 01.11 nothing was done on time: КИД 0%, weighted 0%.
    expect(plainChange.value).toBeCloseTo(KID_EXPECTED.plain, 6);
    expect(plainChange.numFmt).toBe('+0.0" п.п.";−0.0" п.п.";0.0" п.п."');
    const [, weightedChange] = headlineRow(sheet, 'КИД с учётом дней опоздания, %');
    expect(weightedChange.value).toBeCloseTo(KID_EXPECTED.weighted, 6);
  });

  it('«Исполнительская дисциплина»: the total’s and the cluster’s КИД change since the start, not per executor', async () => {
    const rows = await disciplineChanges(store);
    const change = (group: string) => rows.find((r) => r[0] === group)![3] as number;
    expect(change('Итого')).toBeCloseTo(KID_EXPECTED.plain, 6);
    expect(change('Кластер')).toBeCloseTo(KID_EXPECTED.plain, 6);
    expect(rows.filter((r) => r[0] === 'Исполнитель').map((r) => r[3])).toEqual([null, null]);
  });

  it('without the КИД kept on the trend’s start (syncs before it was kept) the change is left blank', async () => {
    await (store as SqlStore).db.run('DELETE FROM cluster_kid_tallies WHERE day = ?', [FIRST_DAY]);
    const sheet = await summary(store);
    const [plain, plainChange] = headlineRow(sheet, 'КИД, %');
    expect(plain.value).toBeCloseTo(KID_EXPECTED.plain, 6);
    expect(plainChange.value).toBeNull();
    expect(headlineRow(sheet, 'КИД с учётом дней опоздания, %')[1].value).toBeNull();
    // The other figures' change still stands, and the note says why the КИД's is missing.
    expect(headlineRow(sheet, 'Просрочено')[1].value).toBe(-2);
    const note = sheet.getColumn(1).values.find((v) => typeof v === 'string' && v.startsWith('Изменение —'));
    expect(note).toContain('изменение КИД не показано');
    expect((await disciplineChanges(store)).filter((r) => r[3] !== null)).toEqual([]);
  });
});
