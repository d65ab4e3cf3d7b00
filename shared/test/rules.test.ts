// Domain rules the service and the add-in call instead of keeping their own copies (issue 9, point 3).
import {
  dueOn,
  executorsSearchText,
  isRecurring,
  isSlug,
  itemSearchText,
  type Mark,
  movedDue,
  plannedDue,
  recognizeTables,
  recurringEnd,
  SlugSchema,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_HEADERS,
  type TemplateKind,
} from '@cluster/shared';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

const none: Mark = { raw: '', status: 'none' };
const postponed: Mark = { raw: 'перенесено на 15.05.2021', status: 'postponed', movedTo: '2021-05-15' };

describe('cluster slug', () => {
  it.each([
    ['kaluga-mash', true],
    ['tomsk2021', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['-kaluga', false],
    ['Kaluga', false],
    ['kaluga_mash', false],
    ['калуга', false],
    ['', false],
  ])('%s → %s', (slug, ok) => {
    expect(isSlug(slug)).toBe(ok);
    expect(z.safeParse(SlugSchema, slug).success).toBe(ok);
  });
});

describe('effective due', () => {
  const month = { raw: 'апрель 2021', kind: 'month', start: '2021-04-01', due: '2021-04-30' } as const;
  it('a postponed mark moves the due; the plan then says the new one', () => {
    expect(movedDue(postponed)).toBe('2021-05-15');
    expect(movedDue({ ...postponed, status: 'done' })).toBeNull();
    expect(plannedDue(month, postponed)).toBe('2021-05-15');
    expect(plannedDue(month, none)).toBe('2021-04-30');
    expect(dueOn(month, postponed, '2021-01-01', null)).toBe('2021-05-15');
  });
  it('repeating work is due at its own end, else at the plan period’s end', () => {
    const rhythm = { raw: 'ежемесячно', kind: 'ongoing', start: null, due: null, every: 'month' } as const;
    const period = { start: '2021-01-01', end: '2021-12-31' };
    expect(isRecurring(rhythm)).toBe(true);
    expect(isRecurring(month)).toBe(false);
    expect(recurringEnd(rhythm, period)).toBe('2021-12-31');
    expect(recurringEnd(rhythm, null)).toBeNull();
    expect(dueOn(rhythm, none, '2021-06-01', period)).toBe('2021-12-31');
    expect(dueOn({ ...rhythm, kind: 'ongoing', every: undefined }, none, '2021-06-01', period)).toBeNull();
  });
  it('several dues: the nearest not yet past, else the last', () => {
    const multiple = {
      raw: 'апрель, октябрь 2018',
      kind: 'multiple',
      start: '2018-04-01',
      due: '2018-10-31',
      dues: ['2018-04-30', '2018-10-31'],
    } as const;
    expect(dueOn({ ...multiple, dues: [...multiple.dues] }, none, '2018-05-01', null)).toBe('2018-10-31');
    expect(dueOn({ ...multiple, dues: [...multiple.dues] }, none, '2018-01-01', null)).toBe('2018-04-30');
    expect(dueOn({ ...multiple, dues: [...multiple.dues] }, none, '2019-01-01', null)).toBe('2018-10-31');
  });
});

describe('item search text', () => {
  it('folds case, ё and white space over number, task, title, executors, result and mark', () => {
    const text = itemSearchText({
      number: '1.2',
      task: 'Задача 1',
      title: 'Разработка\nплана  Учёта',
      executors: ['Иванов И.И.', 'ЦОПП'],
      result: 'Отчёт',
      mark: { raw: 'Выполнено' },
    });
    expect(text).toBe('1.2 задача 1 разработка плана учета иванов и.и. цопп отчет выполнено');
    expect(executorsSearchText(['Иванов И.И.', 'Пётр'])).toBe('иванов и.и. петр');
  });
});

describe('template header rows', () => {
  it.each(Object.keys(TEMPLATE_HEADERS) as TemplateKind[])(
    'the core reads the %s template as its kind',
    (kind) => {
      const t = TEMPLATE_HEADERS[kind];
      const grid = [[t.title(2024)], [], [...t.headers], ['1', 'Мероприятие', 'КС', 'май 2024', '', '']];
      const [doc] = recognizeTables(grid, { today: '2024-01-10' });
      expect(doc.table?.headerRow).toBe(TEMPLATE_HEADER_ROW);
      expect(doc.kind).toBe(t.kind);
      expect(doc.table?.columns.slice(0, 4).map((c) => c.role)).toEqual([
        'number',
        'title',
        'executors',
        'deadline',
      ]);
      expect(doc.table?.columns.at(-1)?.role).toBe('mark');
      expect(doc.items).toHaveLength(1);
    },
  );
});
