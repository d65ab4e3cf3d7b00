// Hand-made data for the КИД and trend tests: one cluster whose КИД is known by hand (on time, late
// by 15 days, open overdue 234 days, not yet due), organisations named in a column, synced on two days.
import { readText } from '@cluster/shared';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
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
