import {
  addDiscipline,
  type DisciplineCounts,
  emptyDiscipline,
  KID_RULE_RU,
  kid,
  kidBand,
  kidWeighted,
  worstByKid,
} from '@cluster/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './fc-env.ts';

const counts = (onTime: number, late: number, overdue: number, daysLate = 0): DisciplineCounts => ({
  onTime,
  late,
  overdue,
  daysLate,
});

describe('КИД', () => {
  it.each([
    [counts(8, 1, 1), 80],
    [counts(3, 0, 0), 100],
    [counts(0, 2, 3), 0],
    [counts(1, 1, 0), 50],
    [counts(3, 0, 1), 75],
  ])('%o → %d%%', (c, expected) => {
    expect(kid(c)).toBeCloseTo(expected, 10);
  });

  it('is null when no item has come due (nothing to judge, not 0 and not 100)', () => {
    expect(kid(emptyDiscipline())).toBeNull();
    expect(kidWeighted(emptyDiscipline())).toBeNull();
  });

  it('weighted: a late or overdue item weighs 1 + days late ÷ 30', () => {
    // 2 on time, one done 30 days late, one overdue 15 days: 2 ÷ (2 + (1 + 1) + (1 + 0.5)).
    expect(kidWeighted(counts(2, 1, 1, 45))).toBeCloseTo((100 * 2) / 5.5, 10);
    // No lateness: the same as the plain КИД.
    expect(kidWeighted(counts(4, 0, 0))).toBe(100);
    expect(kidWeighted(counts(1, 1, 0, 0))).toBe(50);
  });

  it('weighted never exceeds plain and falls as days late grow', () => {
    fc.assert(
      fc.property(
        fc.nat(50),
        fc.nat(50),
        fc.nat(50),
        fc.nat(3000),
        fc.nat(3000),
        (onTime, late, overdue, days, more) => {
          fc.pre(onTime + late + overdue > 0);
          const c = counts(onTime, late, overdue, late + overdue > 0 ? days : 0);
          const plain = kid(c) as number;
          const weighted = kidWeighted(c) as number;
          expect(weighted).toBeLessThanOrEqual(plain + 1e-9);
          expect(plain).toBeGreaterThanOrEqual(0);
          expect(plain).toBeLessThanOrEqual(100);
          if (late + overdue > 0 && onTime > 0) {
            expect(kidWeighted({ ...c, daysLate: c.daysLate + more + 1 }) as number).toBeLessThan(weighted);
          }
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('bands: up to 50 red, up to 75 yellow, above green', () => {
    expect([0, 50, 50.01, 75, 75.5, 100].map(kidBand)).toEqual([
      'red',
      'red',
      'yellow',
      'yellow',
      'green',
      'green',
    ]);
  });

  it('adds counts', () => {
    const total = emptyDiscipline();
    addDiscipline(total, counts(1, 2, 3, 4));
    addDiscipline(total, counts(10, 20, 30, 40));
    expect(total).toEqual(counts(11, 22, 33, 44));
  });

  it('the five worst: lowest КИД first, ties by more overdue then more days late; none without a base', () => {
    const list: [string, DisciplineCounts][] = [
      ['a', counts(9, 1, 0)], // 90
      ['b', counts(1, 0, 1, 10)], // 50
      ['c', counts(1, 0, 1, 40)], // 50, more days late
      ['d', counts(0, 0, 0)], // nothing due
      ['e', counts(0, 0, 4, 100)], // 0
      ['f', counts(3, 1, 0)], // 75
      ['g', counts(1, 1, 0, 5)], // 50, no overdue
      ['h', counts(2, 0, 0)], // 100
    ];
    expect(worstByKid(list, ([, c]) => c).map(([n]) => n)).toEqual(['e', 'c', 'b', 'g', 'f']);
    expect(worstByKid(list, ([, c]) => c, 2).map(([n]) => n)).toEqual(['e', 'c']);
  });

  it('the worst of many are those a stable sort puts first, ties in the order given', () => {
    let seed = 7;
    const next = (m: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % m;
    };
    const list = Array.from({ length: 3000 }, (_, i): [number, DisciplineCounts] => [
      i,
      counts(next(4), next(3), next(3), next(5)),
    ]);
    const sorted = list
      .filter(([, c]) => kid(c) !== null)
      .sort(
        ([, a], [, b]) =>
          (kid(a) as number) - (kid(b) as number) || b.overdue - a.overdue || b.daysLate - a.daysLate,
      );
    for (const n of [0, 1, 5, 40]) expect(worstByKid(list, ([, c]) => c, n)).toEqual(sorted.slice(0, n));
  });

  it('states its formula for readers', () => {
    expect(KID_RULE_RU).toContain(
      'выполнено в срок ÷ (выполнено в срок + выполнено с опозданием + просрочено',
    );
    expect(KID_RULE_RU).toContain('1 + дни опоздания ÷ 30');
  });
});
