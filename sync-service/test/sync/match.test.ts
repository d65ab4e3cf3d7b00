// Row identity without ids: which stored item each incoming row continues; and each matching pass
// on its own: a case only that pass decides (without the pass the rows come out otherwise).
import { describe, expect, it } from 'vitest';
import {
  type Candidate,
  type Incoming,
  MATCH_PASSES,
  matchRows,
  normalTitle,
  similarity,
} from '../../src/sync/match.ts';

const stored = (id: string, number: string, title: string, row: number, removed = false): Candidate => ({
  id,
  number,
  title,
  row,
  removed,
});
const row = (number: string, title: string, r: number, clientId: string | null = null): Incoming => ({
  clientId,
  number,
  title,
  row: r,
});

describe('matchRows', () => {
  const before = [
    stored('a', '1.1', 'Разработка паспорта кластера', 5),
    stored('b', '1.2', 'Заседание совета', 6),
    stored('c', '1.3', 'Заседание совета', 7),
    stored('d', '1.4', 'Профориентационная неделя', 8),
  ];

  it('keeps every identity when nothing changed', () => {
    const rows = before.map((c) => row(c.number, c.title, c.row));
    expect(matchRows(rows, before)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lets an inserted, renumbered sheet keep identities, also for repeated titles', () => {
    const rows = [
      row('1.1', 'Новое мероприятие', 5),
      row('1.2', 'Разработка паспорта кластера', 6),
      row('1.3', 'Заседание совета', 7),
      row('1.4', 'Заседание совета', 8),
      row('1.5', 'Профориентационная неделя', 9),
    ];
    expect(matchRows(rows, before)).toEqual([null, 'a', 'b', 'c', 'd']);
  });

  it('keeps the right one of repeated titles when another is deleted', () => {
    const rows = [row('1.1', 'Разработка паспорта кластера', 5), row('1.3', 'Заседание совета', 7)];
    expect(matchRows(rows, before)).toEqual(['a', 'c']);
  });

  it('matches an edited title by its number, and a renumbered edited one by similarity', () => {
    const rows = [
      row('1.1', 'Разработка и утверждение паспорта кластера', 5),
      row('2.7', 'Профориентационная неделя в колледжах', 9),
    ];
    expect(matchRows(rows, before)).toEqual(['a', 'd']);
  });

  it('ignores case, ё and punctuation in titles', () => {
    expect(matchRows([row('9', 'РАЗРАБОТКА паспорта кластера.', 1)], before)).toEqual(['a']);
    expect(normalTitle('Ёлка — «праздник»!')).toBe('елка праздник');
  });

  it('trusts a known client id first and ignores unknown or repeated ones', () => {
    const rows = [
      row('1.1', 'Совсем другое', 5, 'd'),
      row('1.4', 'Профориентационная неделя', 8, 'd'),
      row('x', 'y', 9, 'zzz'),
    ];
    expect(matchRows(rows, before)).toEqual(['d', null, null]);
  });

  it('prefers a live item to a tombstone with the same title, and restores a tombstone otherwise', () => {
    const withTombstone = [stored('old', '1', 'Отчёт', 3, true), stored('live', '1', 'Отчёт', 9)];
    expect(matchRows([row('1', 'Отчёт', 4)], withTombstone)).toEqual(['live']);
    expect(matchRows([row('1', 'Отчёт', 4), row('2', 'Отчёт', 5)], withTombstone)).toEqual(['live', 'old']);
  });

  it('does not pair unrelated rows', () => {
    expect(matchRows([row('5', 'Закупка оборудования', 5)], before)).toEqual([null]);
    expect(similarity('закупка оборудования', 'заседание совета')).toBeLessThan(0.5);
  });
});

/** A renumbered sheet too big for the all-against-all pass, its titles in capitals. */
function bigRenumbered(n: number): { rows: Incoming[]; before: Candidate[]; ids: string[] } {
  const before = Array.from({ length: n }, (_, k) =>
    stored(`i${k}`, String(k + 1), `Задача номер ${k + 1}`, k + 5),
  );
  const rows = before.map((c, k) => row(String(k + 2), c.title.toUpperCase(), k + 6));
  return { rows, before, ids: before.map((c) => c.id) };
}

const big = bigRenumbered(600);

const CASES: Record<string, { rows: Incoming[]; before: Candidate[]; expected: (string | null)[] }> = {
  'client id': {
    before: [stored('a', '1', 'Паспорт кластера', 5)],
    rows: [row('1', 'Совсем другое мероприятие', 5, 'a')],
    expected: ['a'],
  },
  'title in row order': {
    // Two «Заседание совета» swapped their numbers: each keeps its place, not its number.
    before: [stored('b', '1.2', 'Заседание совета', 6), stored('c', '1.3', 'Заседание совета', 7)],
    rows: [row('1.3', 'Заседание совета', 6), row('1.2', 'Заседание совета', 7)],
    expected: ['b', 'c'],
  },
  'number and title': {
    // Two stored titles that differ only by a full stop: the exact one wins.
    before: [stored('x', '1', 'Отчёт.', 3), stored('y', '1', 'Отчёт', 4), stored('z', '2', 'Отчёт', 5)],
    rows: [row('1', 'Отчёт', 3)],
    expected: ['y'],
  },
  'number and normalised title': {
    before: [stored('p', '1', 'Отчёт', 3), stored('q', '2', 'отчет', 4)],
    rows: [row('2', 'ОТЧЁТ', 3)],
    expected: ['q'],
  },
  'normalised title': { rows: big.rows, before: big.before, expected: big.ids },
  'same number, similar title': {
    before: [stored('s', '3', 'Заседание совета', 5)],
    rows: [row('3', 'Заседание совета кластера по итогам года', 5)],
    expected: ['s'],
  },
  'similar title': {
    before: [stored('d', '1.4', 'Профориентационная неделя', 8)],
    rows: [row('2.7', 'Профориентационная неделя в колледжах', 9)],
    expected: ['d'],
  },
};

describe('match passes', () => {
  it('has a case for every pass', () => {
    expect(Object.keys(CASES).sort()).toEqual(MATCH_PASSES.map((p) => p.name).sort());
  });

  for (const pass of MATCH_PASSES) {
    it(`«${pass.name}» decides its case: with it the rows match, without it they do not`, () => {
      const { rows, before, expected } = CASES[pass.name];
      expect(matchRows(rows, before)).toEqual(expected);
      const others = MATCH_PASSES.filter((p) => p !== pass);
      expect(matchRows(rows, before, others)).not.toEqual(expected);
    });
  }

  it('edited titles sit where the two similarity passes draw their lines', () => {
    const edited = similarity(
      normalTitle('Заседание совета'),
      normalTitle('Заседание совета кластера по итогам года'),
    );
    expect(edited).toBeGreaterThanOrEqual(0.5);
    expect(edited).toBeLessThan(0.8);
    const renamed = similarity(
      normalTitle('Профориентационная неделя'),
      normalTitle('Профориентационная неделя в колледжах'),
    );
    expect(renamed).toBeGreaterThanOrEqual(0.8);
  });

  it('runs the passes in order: a later pass never undoes an earlier pairing', () => {
    const before = [stored('a', '1', 'Паспорт кластера', 5), stored('b', '2', 'Паспорт кластера', 6)];
    // The client id says «b» though number and title say «a»: the id wins, and «a» stays free.
    expect(matchRows([row('1', 'Паспорт кластера', 5, 'b')], before)).toEqual(['b']);
  });
});
