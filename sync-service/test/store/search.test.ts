// Text search on both backends gives the same answers: Russian word forms (stemmed), case and ё
// folded, every word as a prefix, and queries made of quotes, stars and colons.
import { beforeAll, describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import { backfillSearchWords } from '../../src/store/backfill.ts';
import { PAGING } from '../../src/store/items-page.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import type { Store } from '../../src/store/store.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';
import { doc, item } from '../helpers/store-fixtures.ts';

const TITLES = [
  'Проведение мероприятия по обучению кадров',
  'Мероприятия Калужской области',
  'Ёлочные игрушки: экспорт',
  'ЕЛОЧНЫЙ базар',
  'Отчёт «итоги» *года* по организации',
  'Совещание с организациями',
  'Plan B: export 2024',
];

/** Query → the titles it finds (by their index in TITLES). */
const CASES: [string, number[]][] = [
  ['мероприятие', [0, 1]],
  ['МЕРОПРИЯТИЙ', [0, 1]],
  ['меропр', [0, 1]],
  ['проведение мероприятий', [0]],
  ['елочные', [2, 3]],
  ['ёлочный', [2, 3]],
  ['организация', [4, 5]],
  ['калужская область', [1]],
  ['"итоги" *года*', [4]],
  ['итоги:', [4]],
  ['export 2024', [6]],
  ['b:', [6]],
  ['*', []],
  ['"', []],
  [':', []],
  ['" * : "', []],
  ['нет такого', []],
];

describe.each(BACKENDS)('text search on $name', (backend) => {
  const stores = useStores(backend, 'all');
  let store: Store;
  const ids: string[] = [];

  beforeAll(async () => {
    ({ store } = await stores.fresh());
    await store.clusters.create({ slug: 'a', name: 'А', region: 'Калужская область' });
    await applySnapshot(store, {
      cluster: 'a',
      source: { kind: 'file', fileName: 'plan.xlsx' },
      documents: [
        doc(TITLES.map((title, k) => item(k + 3, String(k + 1), title, { executors: ['Петров П.П.'] }))),
      ],
      actor: 'cli',
      today: '2024-03-01',
    });
    const stored = await store.items.list();
    for (const title of TITLES) ids.push(stored.find((i) => i.title === title)!.id);
  }, 60_000);

  it.each(CASES)('«%s» finds what it should', async (q, expected) => {
    const found = await store.items.list({ q });
    expect(found.map((i) => ids.indexOf(i.id)).sort()).toEqual(expected);
    expect(await store.items.count({ q })).toBe(expected.length);
  });

  it('searches the other texts of an item too (executors) and with other filters', async () => {
    expect(await store.items.count({ q: 'петров' })).toBe(TITLES.length);
    expect(await store.items.count({ q: 'петров мероприятия', state: 'upcoming' })).toBe(2);
  });

  it('a common word: a capped count stops past the cap, and pages read in order give every match once', async () => {
    const { store: many } = await stores.fresh();
    for (const slug of ['b', 'c']) {
      await many.clusters.create({ slug, name: slug, region: 'Калужская область' });
      const items = Array.from({ length: 45 }, (_, k) =>
        item(k + 3, String(k + 1), k % 3 === 2 ? `Совещание ${k}` : `Мероприятие номер ${k}`),
      );
      await applySnapshot(many, {
        cluster: slug,
        source: { kind: 'file', fileName: 'plan.xlsx' },
        documents: [doc(items)],
        actor: 'cli',
        today: '2024-03-01',
      });
    }
    const q = 'мероприятия';
    expect(await many.items.count({ q })).toBe(60);
    expect(await many.items.count({ q }, 10)).toBe(11);
    expect(await many.items.count({ q }, 60)).toBe(60);
    const pages = async () => {
      const seen: string[] = [];
      for (let offset = 0; offset < 70; offset += 25)
        seen.push(
          ...(await many.items.list({ q, limit: 25, offset })).map((i) => `${i.clusterSlug}:${i.number}`),
        );
      return seen;
    };
    PAGING.few = Number.MAX_SAFE_INTEGER;
    const sorted = await pages();
    PAGING.few = 1;
    try {
      expect(await pages()).toEqual(sorted);
      // A scope and a common word (SQLite: the scope's index leads, each item checked).
      const inB = await many.items.list({ q, clusterSlugs: ['b'], limit: 100 });
      expect(inB.map((i) => `${i.clusterSlug}:${i.number}`)).toEqual(
        sorted.filter((k) => k.startsWith('b:')),
      );
      expect(await many.items.count({ q, clusterSlugs: ['b'] }, 10)).toBe(11);
      expect(await many.items.count({ q, region: 'Калужская область' })).toBe(60);
    } finally {
      PAGING.few = 2_000;
    }
    expect(sorted).toHaveLength(60);
    expect(new Set(sorted).size).toBe(60);
  });

  it('fills the words of items stored before them (migration 62), and the index follows', async () => {
    const db = (store as SqlStore).db;
    const words = 'SELECT id, search_words FROM items ORDER BY id';
    const written = await db.all(words);
    await db.run("UPDATE items SET search_words = ''");
    expect(await store.items.count({ q: 'мероприятие' })).toBe(0);
    await db.transaction((tx) => backfillSearchWords(tx));
    expect(await db.all(words)).toEqual(written);
    expect(await store.items.count({ q: 'мероприятие' })).toBe(2);
  });
});
