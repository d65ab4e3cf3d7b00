// States decided in SQL from the stored state basis give exactly what the domain's itemState gives,
// for every state, several days and soon windows, on both backends: recurring work (own end or the
// plan's), «в течение года», several dues, moved deadlines, done late, no deadline, unreadable.
import {
  type Deadline,
  type Document,
  ITEM_STATES,
  type Item,
  type ItemState,
  itemState,
  type Mark,
  parseDeadline,
  parseMark,
} from '@cluster/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { backfillStateBasis } from '../../src/store/backfill.ts';
import { backfillItemDues } from '../../src/store/item-dues.ts';
import { PAGING } from '../../src/store/items-page.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import type { Store } from '../../src/store/store.ts';
import type { StoredItem } from '../../src/store/types.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';
import { item } from '../helpers/store-fixtures.ts';

const PERIOD = { start: '2024-01-01', end: '2024-12-31' };
const DEADLINES = [
  'до 01.03.2024',
  'в течение года',
  'ежемесячно',
  'ежеквартально до 31.05.2024',
  'I квартал 2024',
  'до 1 марта 2024 и до 1 июля 2024',
  '01.03.2024, 01.06.2024, 01.09.2024',
  'постоянно',
  '01.02.2024–30.06.2024',
  'май 2024',
  'без срока',
  'когда-нибудь потом',
  '2 полугодие',
].map((t) => parseDeadline(t, { period: PERIOD }));
const HANDMADE: Deadline[] = [
  // Repeating work with no end of its own: the plan's period ends it, or nothing does.
  { raw: 'ежемесячно', kind: 'recurring', start: null, due: null, every: 'month' },
  { raw: 'ежемесячно', kind: 'ongoing', start: null, due: null, every: 'month' },
  // Several dues whose first part starts before the first due.
  {
    raw: 'с 01.02 до 01.04 и до 01.10',
    kind: 'multiple',
    start: '2024-02-01',
    due: '2024-10-01',
    dues: ['2024-04-01', '2024-10-01'],
  },
];
const MARKS: Mark[] = [
  '',
  'выполнено',
  'выполнено 27.09.2024',
  'перенесено на 15.05.2024',
  'срок перенесён на 30.11.2024',
  'отменено',
  'частично',
  'в работе',
].map((t) => parseMark(t, { period: PERIOD }));

function items(): Item[] {
  const out: Item[] = [];
  for (const deadline of [...DEADLINES, ...HANDMADE])
    for (const mark of MARKS)
      out.push(
        item(out.length + 3, String(out.length + 1), `Мероприятие ${out.length + 1}`, { deadline, mark }),
      );
  return out;
}

const DAYS = [
  '2023-12-01',
  '2024-02-20',
  '2024-03-01',
  '2024-03-02',
  '2024-04-15',
  '2024-05-20',
  '2024-06-25',
  '2024-12-31',
  '2025-01-01',
];

describe.each(BACKENDS)('states in SQL on $name', (backend) => {
  const stores = useStores(backend, 'all');
  let store: Store;
  const sync = (documents: Document[]) =>
    applySnapshot(store, {
      cluster: 'a',
      source: { kind: 'file', fileName: 'plan.xlsx' },
      documents,
      actor: 'cli',
      today: '2024-03-01',
    });
  const all = () => store.items.list({ limit: 10_000 });
  const ids = (list: StoredItem[]) => list.map((i) => i.id).sort();
  const inOrder = (list: StoredItem[]) => list.map((i) => i.id);

  async function expectSameAsDomain(): Promise<void> {
    const stored = await all();
    for (const today of DAYS)
      for (const soonDays of [14, 0]) {
        for (const state of ITEM_STATES) {
          const expected = stored.filter(
            (i) => itemState(i.deadline, i.mark, { today, soonDays, period: i.period }) === state,
          );
          const listed = await store.items.list({ state, asOf: { today, soonDays }, limit: 10_000 });
          expect(ids(listed), `${state} on ${today}, soon ${soonDays}`).toEqual(ids(expected));
          expect(listed.every((i) => i.state === state)).toBe(true);
          const counted = await store.items.count({ state, stateOn: { today, soonDays } });
          expect(counted, `count ${state} on ${today}`).toBe(expected.length);
        }
      }
  }

  beforeAll(async () => {
    ({ store } = await stores.fresh());
    await store.clusters.create({ slug: 'a', name: 'А', region: 'Калужская область' });
  }, 60_000);

  it('gives the domain state for every state, day and soon window (plan with and without a period)', async () => {
    const list = items();
    const half = Math.ceil(list.length / 2);
    await sync([
      { title: 'План на 2024 год', kind: 'work_plan', period: PERIOD, items: list.slice(0, half) },
      { title: 'Протокол', kind: 'protocol', period: null, items: list.slice(half) } as Document,
    ]);
    expect((await all()).length).toBe(list.length);
    await expectSameAsDomain();
  }, 120_000);

  it('follows a plan period that changed with the items unchanged', async () => {
    const list = items();
    const half = Math.ceil(list.length / 2);
    await sync([
      {
        title: 'План на 2024 год',
        kind: 'work_plan',
        period: { start: '2024-01-01', end: '2024-06-30' },
        items: list.slice(0, half),
      },
      { title: 'Протокол', kind: 'protocol', period: null, items: list.slice(half) } as Document,
    ]);
    await expectSameAsDomain();
  }, 120_000);

  it('fills the basis and dues of items stored before them (migrations 60, 63) as a sync writes them', async () => {
    const db = (store as SqlStore).db;
    const basis = 'SELECT id, due_kind, due_on, first_due, first_start, due_list FROM items ORDER BY id';
    const written = await db.all(basis);
    await db.run(
      'UPDATE items SET due_kind = NULL, due_on = NULL, first_due = NULL, first_start = NULL, due_list = NULL',
    );
    await db.transaction((tx) => backfillStateBasis(tx));
    expect(await db.all(basis)).toEqual(written);
    // The several dues' rows (migration 63) from the stored lists, as the syncs wrote them.
    const dues = 'SELECT item_id, due FROM item_dues ORDER BY item_id, due';
    const rows = await db.all(dues);
    expect(rows.length).toBeGreaterThan(0);
    await db.run('DELETE FROM item_dues');
    await db.transaction((tx) => backfillItemDues(tx, 1_000));
    expect(await db.all(dues)).toEqual(rows);
  });

  it('pages the same whether the matches are sorted at once or read in order', async () => {
    const filters = [
      {},
      { state: 'upcoming' as const },
      { state: 'overdue' as const },
      { state: ['overdue', 'done'] as ItemState[] },
      { state: ['in_progress', 'upcoming'] as ItemState[] },
    ];
    for (const filter of filters)
      for (const sort of ['document', 'due', '-due'] as const)
        for (const offset of [0, 7, 30, 95])
          for (const region of [undefined, 'Калужская область']) {
            const f = {
              ...filter,
              sort,
              offset,
              limit: 10,
              region,
              stateOn: { today: '2024-04-15', soonDays: 14 },
            };
            PAGING.few = Number.MAX_SAFE_INTEGER;
            const sorted = inOrder(await store.items.list(f));
            PAGING.few = 1;
            const read = inOrder(await store.items.list(f));
            PAGING.few = 2_000;
            expect(read, `${JSON.stringify(filter)} ${sort} ${offset}`).toEqual(sorted);
            // A count the caller knows (right or not) only chooses how the page is read.
            for (const matches of [0, 1e9])
              expect(inOrder(await store.items.list({ ...f, matches })), `${matches}`).toEqual(sorted);
          }
  });
});
