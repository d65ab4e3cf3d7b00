import {
  type Cell,
  type Deadline,
  type DeadlineContext,
  DeadlineSchema,
  isValidIso,
  parseDeadline,
  parseDeadlineColumns,
} from '@cluster/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './fc-env.ts';

/** The invariants every parsed deadline keeps, whatever the input. */
function checkInvariants(d: Deadline): void {
  expect(DeadlineSchema.safeParse(d).success).toBe(true);
  if (d.due !== null) expect(isValidIso(d.due)).toBe(true);
  if (d.start !== null) expect(isValidIso(d.start)).toBe(true);
  if (d.start !== null && d.due !== null) expect(d.start <= d.due).toBe(true);
  if (d.kind === 'ongoing' || d.kind === 'unknown') expect(d.due).toBeNull();
  else expect(d.due).not.toBeNull();
  if (d.kind === 'unknown') expect(d.start).toBeNull();
  if (d.kind === 'multiple') {
    expect(d.dues!.length).toBeGreaterThan(1);
    for (const due of d.dues!) expect(isValidIso(due)).toBe(true);
    expect([...d.dues!].sort()).toEqual(d.dues);
    expect(d.dues![d.dues!.length - 1]).toBe(d.due);
    expect(d.start! <= d.dues![0]).toBe(true);
  } else expect(d.dues).toBeUndefined();
  if (d.kind === 'recurring') expect(d.every).toBeDefined();
}

const periodArb = fc
  .tuple(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 0, max: 4 }), fc.boolean())
  .map(([y, span, academic]) =>
    academic
      ? { start: `${y}-09-01`, end: `${y + 1}-08-31` }
      : { start: `${y}-01-01`, end: `${y + span}-12-31` },
  );
// Periods as a caller might pass them unchecked: reversed, impossible dates, not dates at all.
const oddPeriodArb = fc.record({
  start: fc.oneof(fc.constantFrom('2021-02-30', '2021-12-31', '', 'x'), fc.string()),
  end: fc.oneof(fc.constantFrom('2021-01-01', '2021-13-01', ''), fc.string()),
});
const ctxArb: fc.Arbitrary<DeadlineContext | undefined> = fc.option(
  fc.record({
    period: fc.option(fc.oneof({ arbitrary: periodArb, weight: 5 }, { arbitrary: oddPeriodArb, weight: 1 }), {
      nil: null,
    }),
    defaultYear: fc.option(fc.integer({ min: 1990, max: 2060 }), { nil: undefined }),
  }),
  { nil: undefined },
);

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.double(),
  fc.integer(),
  fc.integer({ min: 1, max: 80_000 }),
  fc.boolean(),
  fc.constant(null),
  fc.date(),
);

const MONTHS = [
  'январь',
  'января',
  'янв.',
  'февраль',
  'февраля',
  'фев',
  'март',
  'марта',
  'мар.',
  'апрель',
  'апреле',
  'май',
  'мая',
  'июнь',
  'июня',
  'июль',
  'июля',
  'август',
  'августа',
  'авг.',
  'сентябрь',
  'сентября',
  'сент.',
  'октябрь',
  'октября',
  'ноябрь',
  'ноября',
  'нояб.',
  'декабрь',
  'декабря',
  'дек.',
  'Сентябрь',
  'ДЕКАБРЬ',
];
const WORDS = [
  'до',
  'к',
  'не позднее',
  'срок',
  'срок до',
  'в',
  'в течение',
  'года',
  'г.',
  'г',
  'гг.',
  'год',
  'годы',
  'квартал',
  'кв.',
  'полугодие',
  'полугодия',
  'декада',
  'учебного',
  'учебный',
  'с',
  'по',
  'и',
  'конца',
  'ежемесячно',
  'ежеквартально',
  'постоянно',
  'по согласованию',
  '1 раз в полугодие',
  'I',
  'II',
  'III',
  'IV',
  'V',
  '1-й',
  'второй',
  'ч.',
  '11:00',
  '14.00',
  '(на 2020 год)',
  '(',
  ')',
  '[прим.]',
];
const SEPARATORS = [' ', '  ', '-', ' - ', '–', '—', '‑', ', ', ',', ';', '\n', '.', '/', ' и '];

const tokenArb = fc.oneof(
  fc.constantFrom(...MONTHS),
  fc.constantFrom(...WORDS),
  fc.integer({ min: 1890, max: 2110 }).map(String),
  fc.integer({ min: 0, max: 40 }).map(String),
  fc
    .tuple(
      fc.integer({ min: 0, max: 35 }),
      fc.integer({ min: 0, max: 14 }),
      fc.integer({ min: 1890, max: 2110 }),
    )
    .map(([d, m, y]) => `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`),
  fc
    .tuple(
      fc.integer({ min: 1990, max: 2060 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);
const russianish = fc
  .array(fc.tuple(tokenArb, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 7 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

describe('parseDeadline properties', () => {
  it('never throws on arbitrary cells and keeps the invariants', () => {
    fc.assert(
      fc.property(cellArb, ctxArb, (cell, ctx) => {
        checkInvariants(parseDeadline(cell, ctx));
      }),
      { numRuns: runs(3000) },
    );
  });

  it('never throws on generated Russian-like deadline texts and keeps the invariants', () => {
    fc.assert(
      fc.property(russianish, ctxArb, (text, ctx) => {
        const d = parseDeadline(text, ctx);
        checkInvariants(d);
        expect(d.raw).toBe(text.trim());
      }),
      { numRuns: runs(5000) },
    );
  });

  it('two columns keep the invariants too', () => {
    fc.assert(
      fc.property(fc.oneof(russianish, cellArb), fc.oneof(russianish, cellArb), ctxArb, (a, b, ctx) => {
        checkInvariants(parseDeadlineColumns(a, b, ctx));
      }),
      { numRuns: runs(2000) },
    );
  });

  it('never guesses around a word it does not know: a readable deadline plus such a word is unknown', () => {
    const parts = fc.constantFrom(
      'январь',
      'мая',
      'сентябрь 2021',
      'декабря',
      'IV квартал',
      'I полугодие',
      '2021',
      '2019 г.',
      '15.12.2017',
      'до 01.09.2021',
      'в течение года',
      '1 декада мая',
      'с 1 по 15 мая',
      '15.03',
      '1 сентября',
    );
    const text = fc
      .array(fc.tuple(parts, fc.constantFrom(' ', '-', ', ', ' – ', ' и ', ' (прим.) ')), {
        minLength: 1,
        maxLength: 4,
      })
      .map((p) =>
        p
          .map(([a, b]) => a + b)
          .join('')
          .trim(),
      );
    // Letters no month, unit or filler word is made of.
    const junk = fc
      .array(fc.constantFrom(...'бвгджзклщы'), { minLength: 4, maxLength: 7 })
      .map((a) => a.join(''));
    const ctx = { period: { start: '2021-01-01', end: '2021-12-31' } };
    fc.assert(
      fc.property(text, junk, fc.nat(2), (t, word, where) => {
        const base = parseDeadline(t, ctx);
        fc.pre(base.kind !== 'unknown' && base.kind !== 'ongoing' && base.kind !== 'recurring');
        const spoiled =
          where === 0 ? `${word} ${t}` : where === 1 ? `${t} ${word}` : t.replace(' ', ` ${word} `);
        fc.pre(spoiled !== t);
        expect(parseDeadline(spoiled, ctx)).toMatchObject({ kind: 'unknown', start: null, due: null });
      }),
      { numRuns: runs(2000) },
    );
  });

  it('reads every real date written ДД.ММ.ГГГГ as that date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const ru = `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
          expect(parseDeadline(`до ${ru} г.`)).toMatchObject({ kind: 'date', start: iso, due: iso });
          expect(parseDeadline(iso)).toMatchObject({ kind: 'date', due: iso });
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('reads every month of every year as its first…last day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2099 }), fc.integer({ min: 0, max: 11 }), (year, m) => {
        const names = [
          'январь',
          'февраль',
          'март',
          'апрель',
          'май',
          'июнь',
          'июль',
          'август',
          'сентябрь',
          'октябрь',
          'ноябрь',
          'декабрь',
        ];
        const d = parseDeadline(`${names[m]} ${year} г.`);
        const last = new Date(Date.UTC(year, m + 1, 0)).toISOString().slice(0, 10);
        expect(d).toMatchObject({ kind: 'month', start: `${last.slice(0, 8)}01`, due: last });
      }),
      { numRuns: runs(100) },
    );
  });
});
