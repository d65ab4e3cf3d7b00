import { isMarkReadable, type Mark, MarkSchema, parseMark } from '@cluster/shared';
import { describe, expect, it } from 'vitest';

type Row = [text: string, status: Mark['status'], extra?: Partial<Mark>];

const ROWS: Row[] = [
  ['Выполнено', 'done'],
  ['выполнено', 'done'],
  ['ВЫПОЛНЕНО', 'done'],
  ['  Выполнено. ', 'done'],
  ['Выполнено 27.09.2024', 'done', { date: '2024-09-27' }],
  ['выполнено 27 сентября 2024 г.', 'done', { date: '2024-09-27' }],
  ['Исполнено', 'done'],
  ['исполнено (протокол №3)', 'done'],
  ['Проведено', 'done'],
  ['Разработан', 'done'],
  ['Утверждено приказом от 12.03.2021 № 45', 'done', { date: '2021-03-12' }],
  ['да', 'done'],
  ['Да', 'done'],
  ['+', 'done'],
  ['✓', 'done'],
  ['✔', 'done'],
  ['27.09.2024', 'done', { date: '2024-09-27' }],
  ['Частично выполнено', 'partial'],
  ['выполнено частично', 'partial'],
  ['Выполнено не в полном объеме', 'partial'],
  ['Не выполнено', 'not_done'],
  ['не выполнено', 'not_done'],
  ['НЕ ИСПОЛНЕНО', 'not_done'],
  ['нет', 'not_done'],
  ['Нет', 'not_done'],
  ['не проведено', 'not_done'],
  ['В работе', 'in_progress'],
  ['в процессе', 'in_progress'],
  ['в процессе выполнения', 'in_progress'],
  ['Выполняется', 'in_progress'],
  ['выполняется', 'in_progress'],
  ['На исполнении', 'in_progress'],
  ['готовится', 'in_progress'],
  ['Перенесено на 15.05.2021', 'postponed', { movedTo: '2021-05-15' }],
  ['перенесено на 15.05.2021 в связи с карантином', 'postponed', { movedTo: '2021-05-15' }],
  ['Срок перенесен на май 2021', 'postponed', { movedTo: '2021-05-31' }],
  ['срок перенесён на май 2021 г.', 'postponed', { movedTo: '2021-05-31' }],
  ['Перенесено на IV квартал 2021', 'postponed', { movedTo: '2021-12-31' }],
  ['продлено до 01.06.2022', 'postponed', { movedTo: '2022-06-01' }],
  ['перенесено', 'postponed', { movedTo: null }],
  ['Отложено', 'postponed', { movedTo: null }],
  ['Приостановлено', 'postponed', { movedTo: null }],
  ['Выполнено 2021-09-27', 'done', { date: '2021-09-27' }],
  // done after a move: done, on the date given, with the move kept for "on time" checks
  [
    'выполнено 10.05.2021 (срок перенесён на 15.05.2021)',
    'done',
    { date: '2021-05-10', movedTo: '2021-05-15' },
  ],
  ['Выполнено. Срок перенесен на 01.06.2021', 'done', { movedTo: '2021-06-01' }],
  ['Отменено', 'cancelled'],
  ['отменено', 'cancelled'],
  ['Снято с контроля', 'cancelled'],
  ['снято с контроля', 'cancelled'],
  ['Исключено', 'cancelled'],
  ['исключено из плана', 'cancelled'],
  ['Неактуально', 'cancelled'],
  ['не требуется', 'cancelled'],
  ['100%', 'done'],
  ['0 %', 'not_done'],
  ['50%', 'partial'],
  ['выполнено на 80 %', 'partial'],
  ['выполнено на 100%', 'done'],
  ['Не выполнено (перенесено на 2022 г.)', 'postponed', { movedTo: '2022-12-31' }],
  ['Исполнено, протокол от 12.03.2021', 'done', { date: '2021-03-12' }],
  ['выполнено досрочно', 'done'],
];

describe('parseMark', () => {
  it.each(ROWS)('%s → %s', (text, status, extra) => {
    const mark = parseMark(text);
    expect(MarkSchema.safeParse(mark).success).toBe(true);
    expect(mark.status).toBe(status);
    expect(mark.raw).toBe(text.trim());
    if (extra && 'date' in extra) expect(mark.date).toBe(extra.date);
    if (extra && 'movedTo' in extra) expect(mark.movedTo).toBe(extra.movedTo);
    expect(isMarkReadable(mark)).toBe(true);
  });

  it('gives none for empty cells', () => {
    expect(parseMark(null)).toEqual({ raw: '', status: 'none' });
    expect(parseMark('')).toEqual({ raw: '', status: 'none' });
    expect(parseMark('   ')).toEqual({ raw: '', status: 'none' });
    expect(isMarkReadable(parseMark(null))).toBe(true);
  });

  it('keeps text it cannot read, as none, and calls it unreadable', () => {
    for (const text of ['см. отчет', 'Иванов И.И.', 'ждём ответа', '42', '150%']) {
      const mark = parseMark(text);
      expect(mark).toEqual({ raw: text, status: 'none' });
      expect(isMarkReadable(mark)).toBe(false);
    }
    expect(isMarkReadable(parseMark(42))).toBe(false);
  });

  it('reads booleans and dates', () => {
    expect(parseMark(true)).toEqual({ raw: 'да', status: 'done' });
    expect(parseMark(false)).toEqual({ raw: 'нет', status: 'not_done' });
    expect(parseMark(new Date(Date.UTC(2024, 8, 27)))).toEqual({
      raw: '27.09.2024',
      status: 'done',
      date: '2024-09-27',
    });
  });

  it('finds the date of a mark among other numbers, and a day without a year from the context', () => {
    expect(parseMark('выполнено (протокол № 3 от 12.03.2021)').date).toBe('2021-03-12');
    expect(parseMark('выполнено 3 мероприятия').date).toBeUndefined();
    expect(parseMark('выполнено 15.03').date).toBeUndefined();
    const y2021 = { period: { start: '2021-01-01', end: '2021-12-31' } };
    expect(parseMark('выполнено 15.03', y2021)).toEqual({
      raw: 'выполнено 15.03',
      status: 'done',
      date: '2021-03-15',
    });
    expect(parseMark('проведено 5 марта', y2021).date).toBe('2021-03-05');
    expect(parseMark('выполнено на 50 %', y2021)).toEqual({ raw: 'выполнено на 50 %', status: 'partial' });
  });

  it('takes the year of a moved deadline from the context', () => {
    expect(parseMark('перенесено на май').movedTo).toBeNull();
    expect(
      parseMark('перенесено на май', { period: { start: '2021-01-01', end: '2021-12-31' } }).movedTo,
    ).toBe('2021-05-31');
  });
});
