import type { Deadline, Item } from '@cluster/shared';
import {
  applyState,
  recognizeTables,
  validateDocument,
  validateItems,
  validationContext,
} from '@cluster/shared';
import { describe, expect, it } from 'vitest';

const none: Deadline = { raw: '', kind: 'unknown', start: null, due: null };
const item = (over: Partial<Item>): Item => ({
  row: 5,
  number: '1',
  task: '',
  title: 'Мероприятие',
  executors: ['КС'],
  deadline: { raw: 'март 2021', kind: 'month', start: '2021-03-01', due: '2021-03-31' },
  result: 'Отчёт',
  mark: { raw: '', status: 'none' },
  state: 'unknown',
  problems: [],
  ...over,
});
const period = { start: '2021-01-01', end: '2021-12-31' };
const codes = (items: Item[]): string[][] => items.map((i) => i.problems.map((p) => p.code));

describe('validateItems', () => {
  it('finds nothing wrong in a complete item', () => {
    expect(codes(validateItems([item({})], { period, hasResultColumn: true }))).toEqual([[]]);
  });

  it('names the row and the default column when the document has no such column', () => {
    const [checked] = validateItems([item({ title: ' ', executors: [], deadline: none, result: '' })], {
      period,
      hasResultColumn: false,
    });
    expect(checked.problems).toEqual([
      { code: 'missing_title', message: 'Строка 5, «Наименование мероприятия»: не указано наименование' },
      { code: 'missing_executor', message: 'Строка 5, «Исполнитель»: не указан исполнитель' },
      { code: 'missing_deadline', message: 'Строка 5, «Срок»: не указан срок' },
    ]);
  });

  it('asks for a result only where there is a result column, and points at it', () => {
    const columns = { result: { header: 'Форма отчётности', column: 6 } };
    const [checked] = validateItems([item({ result: '' })], { period, hasResultColumn: true, columns });
    expect(checked.problems).toEqual([
      { code: 'missing_result', column: 6, message: 'Строка 5, «Форма отчётности»: не указан результат' },
    ]);
  });

  it('tells an unreadable deadline from a missing one', () => {
    const unreadable: Deadline = { raw: 'когда-нибудь', kind: 'unknown', start: null, due: null };
    expect(
      codes(validateItems([item({ deadline: unreadable })], { period, hasResultColumn: false })),
    ).toEqual([['unreadable_deadline']]);
  });

  it('flags a multiple deadline when any of its dates is outside the period', () => {
    const deadline: Deadline = {
      raw: 'Апрель, октябрь 2018 г.',
      kind: 'multiple',
      start: null,
      due: '2018-10-31',
      dues: ['2018-04-30', '2018-10-31'],
    };
    const academic = { start: '2018-09-01', end: '2019-08-31' };
    const [checked] = validateItems([item({ deadline })], { period: academic, hasResultColumn: false });
    expect(checked.problems).toEqual([
      {
        code: 'deadline_outside_period',
        message: 'Строка 5, «Срок»: «Апрель, октябрь 2018 г.» вне периода плана 01.09.2018–31.08.2019',
      },
    ]);
    expect(codes(validateItems([item({ deadline })], { period: null, hasResultColumn: false }))).toEqual([
      [],
    ]);
  });

  it('flags a mark it cannot read', () => {
    const [checked] = validateItems([item({ mark: { raw: '???', status: 'none' } })], {
      period,
      hasResultColumn: false,
      columns: { mark: { header: 'Отметка о выполнении', column: 6 } },
    });
    expect(checked.problems).toEqual([
      {
        code: 'unreadable_mark',
        column: 6,
        message: 'Строка 5, «Отметка о выполнении»: не удалось прочитать отметку «???»',
      },
    ]);
  });

  it('is idempotent: validating twice gives the same problems', () => {
    const once = validateItems([item({ executors: [] })], { period, hasResultColumn: false });
    expect(validateItems(once, { period, hasResultColumn: false })).toEqual(once);
  });

  it('checks numbering across items', () => {
    const items = ['1.1', '1.2', '1.2', '1.10', '1.9', '2', '2.1.1', ''].map((number, i) =>
      item({ number, row: i + 1 }),
    );
    expect(codes(validateItems(items, { period, hasResultColumn: false }))).toEqual([
      [],
      [],
      ['duplicate_number'],
      [],
      ['number_out_of_order'],
      [],
      [],
      [],
    ]);
  });
  it('lets plain numbers start again in each section, but not outline numbers', () => {
    const items = [
      ['Раздел 1', '1'],
      ['Раздел 1', '2'],
      ['Раздел 2', '1'],
      ['Раздел 2', '2'],
      ['Раздел 2', '2'],
      ['Раздел 3', '3.1'],
      ['Раздел 4', '3.1'],
    ].map(([task, number], i) => item({ task, number, row: i + 1 }));
    expect(codes(validateItems(items, { period, hasResultColumn: false }))).toEqual([
      [],
      [],
      [],
      [],
      ['duplicate_number'],
      [],
      ['duplicate_number'],
    ]);
  });
});

describe('applyState', () => {
  it('sets state and effective due for the day', () => {
    const [a, b] = applyState(
      [
        item({}),
        item({ mark: { raw: 'перенесено на 15.05.2021', status: 'postponed', movedTo: '2021-05-15' } }),
      ],
      { today: '2021-04-10' },
    );
    expect([a.state, a.effectiveDue]).toEqual(['overdue', '2021-03-31']);
    expect(b.effectiveDue).toBe('2021-05-15');
    expect(b.state).toBe('upcoming');
  });
});

describe('validateDocument', () => {
  it('rechecks a recognised table after an edit, naming its columns, and recomputes state', () => {
    const [doc] = recognizeTables(
      [
        ['План работы на 2021 год'],
        ['№', 'Мероприятие', 'Ответственный', 'Дата начала', 'Дата окончания', 'Итог'],
        ['1', 'А', 'КС', 'январь', 'март', 'Отчёт'],
      ],
      { today: '2021-02-01' },
    );
    expect(doc.items[0].state).toBe('in_progress');
    const edited = { ...doc, items: [{ ...doc.items[0], executors: [], result: '' }] };
    const again = validateDocument(edited, { today: '2021-05-01' });
    expect(again.items[0].problems).toEqual([
      { code: 'missing_executor', column: 3, message: 'Строка 3, «Ответственный»: не указан исполнитель' },
      { code: 'missing_result', column: 6, message: 'Строка 3, «Итог»: не указан результат' },
    ]);
    expect(again.items[0].state).toBe('overdue');
    expect(validationContext(doc).columns?.deadline).toEqual({ column: 5, header: 'Дата окончания' });
  });
});
