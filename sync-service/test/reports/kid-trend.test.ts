import { kid, kidWeighted } from '@cluster/shared';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scopeKey } from '../../src/reports/store-source.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import type { Store } from '../../src/store/store.ts';
import { FIRST_DAY, KID_CLUSTER, KID_EXPECTED, kidRegionReport, seedKid } from '../helpers/officials.ts';
import { AS_OF } from '../helpers/report-data.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';

const REGION = { region: KID_CLUSTER.region };
/** Days from the items' due (31.03.2021) to 01.11.2021. */
const OVERDUE_ON_FIRST_DAY = 215;

async function summary(store: Store): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await kidRegionReport(store)) as unknown as ArrayBuffer);
  return book.getWorksheet('Сводка')!;
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
  });
});
