// The «Контакты исполнителей» sheet read into the service's contacts payload: header found below a
// title, columns in any order by their words, empty rows and cells left out, the language column.

import { contactRows } from '@cluster/shared';
import { describe, expect, it } from 'vitest';

describe('contactRows', () => {
  it('reads the rows under the header, columns by their words', () => {
    const values = [
      ['Контакты исполнителей кластера', '', '', '', '', ''],
      ['Эл. почта', 'Исполнитель (как в планах)', 'Организация', 'Чат MAX', 'VK Teams', 'Язык'],
      ['p@example.ru', 'Пояркова О.Н.', 'ГАПОУ КО «КТК»', '', '', ''],
      ['', '', '', '', '', ''],
      ['', 'Председатель КС', '', -70001, 'chair@chat.agent', 'English'],
    ];
    expect(contactRows(values)).toEqual([
      { executor: 'Пояркова О.Н.', organisation: 'ГАПОУ КО «КТК»', email: 'p@example.ru' },
      { executor: 'Председатель КС', maxChat: '-70001', vkteamsChat: 'chair@chat.agent', locale: 'en' },
    ]);
  });

  it('a sheet without the executor column: null (the add-in says so)', () => {
    expect(contactRows([['Почта', 'Организация']])).toBeNull();
  });
});
