// Hand-made data for the КИД and trend tests: one cluster whose КИД is known by hand (on time, late
// by 15 days, open overdue 234 days, not yet due), organisations named in a column, synced on two days.

import { PassThrough } from 'node:stream';
import { readText } from '@cluster/shared';
import { reportExtras } from '../../src/app/report-plan.ts';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { writeConsolidatedReport } from '../../src/reports/consolidated.ts';
import { storeReportSource } from '../../src/reports/store-source.ts';
import type { Store } from '../../src/store/store.ts';
import { AS_OF } from './report-data.ts';

export const KID_CLUSTER = { slug: 'kid-test', name: 'Кластер КИД', region: 'Калужская область' };
export const FIRST_DAY = '2021-11-01';

/** On AS_OF: 1 on time, 1 late by 15 days, 1 overdue by 234 days, 1 not yet due. */
export function kidPlan(marked: boolean): string {
  const mark = (m: string) => (marked ? m : '');
  return [
    'План работы кластера на 2021 год',
    '',
    '№\tМероприятие\tИсполнитель\tСрок\tРезультат\tОтметка о выполнении\tОрганизация',
    `1.\tПервое\tИванов И.И.\tмарт 2021\tОтчёт\t${mark('Выполнено 10.03.2021')}\tКолледж А`,
    `2.\tВторое\tИванов И.И.\tмарт 2021\tОтчёт\t${mark('Выполнено 15.04.2021')}\tКолледж А`,
    '3.\tТретье\tПетров П.П.\tмарт 2021\tОтчёт\t\tЗавод Б',
    '4.\tЧетвёртое\tПетров П.П.\tдекабрь 2021\tОтчёт\t\tЗавод Б',
    '',
  ].join('\n');
}

/** КИД = 1 ÷ 3; weighted = 1 ÷ (3 + (15 + 234) ÷ 30). */
export const KID_EXPECTED = {
  plain: (100 * 1) / 3,
  weighted: 100 / (3 + (15 + 234) / 30),
  ivanov: 50,
  petrov: 0,
};

export async function syncOn(store: Store, today: string, text: string): Promise<void> {
  await applySnapshot(store, {
    cluster: KID_CLUSTER.slug,
    source: { kind: 'file', fileName: 'kid.txt' },
    title: 'kid.txt',
    documents: readText(text, { today }),
    actor: 'test',
    today,
  });
}

/** The cluster, synced unmarked on FIRST_DAY and marked on AS_OF. */
export async function seedKid(store: Store): Promise<void> {
  await store.clusters.create(KID_CLUSTER);
  await syncOn(store, FIRST_DAY, kidPlan(false));
  await syncOn(store, AS_OF, kidPlan(true));
}

/** The region report of KID_CLUSTER's region on AS_OF, as the service makes it (its extras from the store). */
export async function kidRegionReport(store: Store): Promise<Buffer> {
  const scope = { region: KID_CLUSTER.region };
  const extras = await reportExtras(store, null, { scope, region: KID_CLUSTER.region }, AS_OF);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeConsolidatedReport(
    storeReportSource(store, scope),
    {
      ...extras,
      asOf: AS_OF,
      region: KID_CLUSTER.region,
      soonDays: 14,
      generatedAt: new Date('2021-11-20T09:30:00Z'),
      timeZone: 'Europe/Moscow',
    },
    out,
  );
  return Buffer.concat(chunks);
}
