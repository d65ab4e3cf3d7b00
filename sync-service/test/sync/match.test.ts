// Row identity without ids: which stored item each incoming row continues.
import { describe, expect, it } from 'vitest';
import { type Candidate, type Incoming, matchRows, normalTitle, similarity } from '../../src/sync/match.ts';

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
