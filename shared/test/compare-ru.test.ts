// compareRu: the order of localeCompare(…, 'ru') the dashboard and reports sort names in.

import { compareRu } from '@cluster/shared';
import { describe, expect, it } from 'vitest';

describe('compareRu', () => {
  it('orders as localeCompare with the Russian locale (ё with е, case after letter, Latin first)', () => {
    const names = [
      'Ёлкин',
      'еда',
      'Яковлев',
      'абрамов',
      'Абрамов',
      'Zeta',
      'alpha',
      'Жуков',
      '№ 2',
      '10',
      '9',
    ];
    const expected = [...names].sort((a, b) => a.localeCompare(b, 'ru'));
    expect([...names].sort(compareRu)).toEqual(expected);
    expect(expected.indexOf('еда')).toBeLessThan(expected.indexOf('Ёлкин'));
    expect(expected.indexOf('Ёлкин')).toBeLessThan(expected.indexOf('Жуков'));
  });
});
