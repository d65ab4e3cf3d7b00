import {
  addDays,
  DEFAULT_SOON_DAYS,
  type Deadline,
  daysBetween,
  effectiveDue,
  type ItemState,
  isValidIso,
  itemState,
  type Mark,
  MarkSchema,
  type Period,
  parseDeadline,
  parseMark,
  type StateBasis,
  stateBasis,
  stateOnDay,
  stateTimeline,
} from '@cluster/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './fc-env.ts';

const NONE: Mark = { raw: '', status: 'none' };
const Y2021 = { start: '2021-01-01', end: '2021-12-31' };
const d = (text: string): Deadline => parseDeadline(text, { period: Y2021 });
const date = (iso: string): Deadline => ({ raw: iso, kind: 'date', start: iso, due: iso });

describe('effectiveDue', () => {
  it('is the due of the deadline by default', () => {
    expect(effectiveDue(d('май 2021'), NONE, '2021-01-01')).toBe('2021-05-31');
    expect(effectiveDue(d('непонятно'), NONE, '2021-01-01')).toBeNull();
  });

  it('lets a moved deadline win', () => {
    expect(effectiveDue(d('май 2021'), parseMark('перенесено на 15.09.2021'), '2021-06-01')).toBe(
      '2021-09-15',
    );
    // done after a move: the moved date is the one the work was due by
    expect(
      effectiveDue(
        d('май 2021'),
        parseMark('выполнено 10.06.2021, срок перенесен на 15.06.2021'),
        '2021-06-01',
      ),
    ).toBe('2021-06-15');
    // postponed without a readable date: the old deadline still counts
    expect(effectiveDue(d('май 2021'), parseMark('перенесено'), '2021-06-01')).toBe('2021-05-31');
  });

  it('for multiple: the nearest due not yet past, else the last', () => {
    const m = d('апрель, октябрь 2021');
    expect(effectiveDue(m, NONE, '2021-01-10')).toBe('2021-04-30');
    expect(effectiveDue(m, NONE, '2021-04-30')).toBe('2021-04-30');
    expect(effectiveDue(m, NONE, '2021-05-01')).toBe('2021-10-31');
    expect(effectiveDue(m, NONE, '2021-11-01')).toBe('2021-10-31');
  });
});

describe('itemState', () => {
  const at = (deadline: Deadline, today: string, mark: Mark = NONE, soonDays?: number) =>
    itemState(deadline, mark, { today, soonDays, period: Y2021 });

  it('done and cancelled marks win over everything', () => {
    expect(at(d('май 2020'), '2021-06-01', parseMark('Выполнено'))).toBe('done');
    expect(at(d('непонятно'), '2021-06-01', parseMark('отменено'))).toBe('done');
    expect(at(d('постоянно'), '2021-06-01', parseMark('+'))).toBe('done');
  });

  it('unknown deadline → unknown, unless the mark moved it', () => {
    expect(at(d('непонятно'), '2021-06-01')).toBe('unknown');
    expect(at(parseDeadline(''), '2021-06-01')).toBe('unknown');
    expect(at(d('непонятно'), '2021-06-01', parseMark('перенесено на 01.05.2021'))).toBe('overdue');
  });

  it('ongoing and recurring before the period ends → ongoing', () => {
    expect(at(d('постоянно'), '2030-01-01')).toBe('ongoing');
    expect(at(d('ежемесячно'), '2021-06-01')).toBe('ongoing');
    expect(at(d('ежемесячно'), '2021-12-31')).toBe('ongoing');
    expect(at(d('ежемесячно'), '2022-01-01')).toBe('overdue');
    // a recurring item without a period: ongoing, ending with the period given to itemState
    const bare = parseDeadline('ежемесячно');
    expect(itemState(bare, NONE, { today: '2021-06-01' })).toBe('ongoing');
    expect(itemState(bare, NONE, { today: '2022-01-01', period: Y2021 })).toBe('overdue');
  });

  it('overdue the day after the due, due_soon from soonDays before it to the due itself', () => {
    const may = d('май 2021'); // due 2021-05-31, start 2021-05-01
    expect(at(may, '2021-06-01')).toBe('overdue');
    expect(at(may, '2021-05-31')).toBe('due_soon');
    expect(at(may, '2021-05-17')).toBe('due_soon'); // 14 days before
    expect(at(may, '2021-05-16')).toBe('in_progress'); // 15 days before, inside the month
    expect(at(may, '2021-05-01')).toBe('in_progress');
    expect(at(may, '2021-04-30')).toBe('upcoming');
  });

  it('honours soonDays, including 0', () => {
    const due = date('2021-05-31');
    expect(at(due, '2021-05-24', NONE, 7)).toBe('due_soon');
    expect(at(due, '2021-05-23', NONE, 7)).toBe('upcoming');
    expect(at(due, '2021-05-31', NONE, 0)).toBe('due_soon');
    expect(at(due, '2021-05-30', NONE, 0)).toBe('upcoming');
  });

  it('a period under way is in_progress, its last days due_soon', () => {
    const year = d('в течение года');
    expect(at(year, '2021-06-01')).toBe('in_progress');
    expect(at(year, '2021-12-20')).toBe('due_soon');
    expect(at(year, '2022-01-01')).toBe('overdue');
  });

  it('a moved deadline decides the state', () => {
    const moved = parseMark('перенесено на 30.09.2021');
    expect(at(d('май 2021'), '2021-06-15', moved)).toBe('upcoming');
    expect(at(d('май 2021'), '2021-09-20', moved)).toBe('due_soon');
    expect(at(d('май 2021'), '2021-10-01', moved)).toBe('overdue');
  });

  it('marks other than done do not stop an item being overdue', () => {
    for (const mark of ['в работе', 'частично выполнено', 'не выполнено']) {
      expect(at(d('май 2021'), '2021-06-01', parseMark(mark))).toBe('overdue');
    }
  });

  it('multiple is overdue only when all dues are past', () => {
    const m = d('апрель, октябрь 2021');
    expect(at(m, '2021-05-01')).toBe('upcoming');
    expect(at(m, '2021-10-20')).toBe('due_soon');
    expect(at(m, '2021-11-01')).toBe('overdue');
  });
});

describe('itemState properties', () => {
  const isoArb = fc
    .date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((x) => x.toISOString().slice(0, 10));
  const deadlineArb = fc
    .constantFrom(
      'май 2021',
      'Апрель, октябрь 2021 г.',
      'ежемесячно',
      'постоянно',
      'в течение года',
      'IV квартал 2021',
      'непонятно',
      '',
      'до 15.12.2021',
      'июнь-декабрь 2021',
    )
    .map((t) => parseDeadline(t, { period: Y2021 }));
  const markArb = fc
    .constantFrom(
      '',
      'выполнено',
      'в работе',
      'перенесено на 01.03.2022',
      'отменено',
      'не выполнено',
      'что-то',
    )
    .map((t) => parseMark(t));

  it('agrees with the effective due whenever the item is neither done nor ongoing', () => {
    fc.assert(
      fc.property(
        deadlineArb,
        markArb,
        isoArb,
        fc.integer({ min: 0, max: 60 }),
        (deadline, mark, today, soonDays) => {
          const state = itemState(deadline, mark, { today, soonDays, period: Y2021 });
          const due = effectiveDue(deadline, mark, today);
          if (mark.status === 'done' || mark.status === 'cancelled') expect(state).toBe('done');
          else if (state === 'ongoing') expect(['ongoing', 'recurring']).toContain(deadline.kind);
          else if (due === null) expect(state).toBe('unknown');
          else if (due < today) expect(state).toBe('overdue');
          else if (daysBetween(today, due) <= soonDays) expect(state).toBe('due_soon');
          else expect(['in_progress', 'upcoming']).toContain(state);
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it('parseMark never throws and always gives a valid mark', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.date()), (cell) => {
        expect(MarkSchema.safeParse(parseMark(cell)).success).toBe(true);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('parseMark with a plan period keeps its dates real, on mark-like texts', () => {
    const word = fc.constantFrom(
      'выполнено',
      'перенесено на',
      'срок перенесен на',
      'продлено до',
      'частично',
      'в работе',
      '№ 3 от',
    );
    const when = fc.constantFrom(
      '15.03',
      '15 марта',
      'май',
      '31.02.2021',
      '12.03.2021',
      'IV квартал',
      '2022 год',
      '99.99',
      '3 мероприятия',
    );
    const period = fc.constantFrom(Y2021, { start: '2018-09-01', end: '2019-08-31' }, null);
    fc.assert(
      fc.property(fc.array(fc.oneof(word, when), { minLength: 1, maxLength: 4 }), period, (parts, p) => {
        const mark = parseMark(parts.join(' '), { period: p, defaultYear: 2021 });
        expect(MarkSchema.safeParse(mark).success).toBe(true);
        for (const d of [mark.date, mark.movedTo]) if (d) expect(isValidIso(d)).toBe(true);
      }),
      { numRuns: runs(1000) },
    );
  });
});

// The state rule is stated once (itemState = stateOnDay ∘ dayBasis); its two stored forms are read
// off it: stateTimeline (the rollups' spans) and stateBasis (the columns the store's SQL judges,
// store/item-states.ts). Both must give itemState on any day.
describe('stateTimeline and stateBasis', () => {
  const texts = [
    'май 2021',
    'апрель, октябрь 2021',
    '15.03.2021, 20.05.2021, 01.12.2021',
    'ежеквартально',
    'ежеквартально в 2021 г.',
    'ежемесячно',
    'постоянно',
    'в течение года',
    'с 1 сентября по 30 ноября 2021',
    '2 квартал 2021',
    'без срока',
    'непонятно',
    '',
  ];
  const marks = ['', 'перенесено на 15.09.2021', 'выполнено 10.06.2021', 'отменено', 'частично'];
  const periods = [Y2021, null, { start: '2021-09-01', end: '2022-06-30' }];
  const days = fc.integer({ min: 0, max: 1200 }).map((n) => addDays('2020-06-01', n));
  // Besides the fixed texts: several dates, months, ranges, each at random.
  const dotted = days.map((iso) => iso.split('-').reverse().join('.'));
  const textArb = fc.oneof(
    fc.constantFrom(...texts),
    fc.array(dotted, { minLength: 1, maxLength: 5 }).map((all) => all.join(', ')),
    fc
      .tuple(
        fc.array(fc.constantFrom('январь', 'март', 'май', 'сентябрь', 'декабрь', '1 квартал'), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.constantFrom(' 2021', ' 2022', ''),
      )
      .map(([months, year]) => months.join(', ') + year),
    fc.tuple(dotted, dotted).map(([a, b]) => `с ${a} по ${b}`),
  );
  const markArb = fc.oneof(
    fc.constantFrom(...marks),
    dotted.map((day) => `перенесено на ${day}`),
  );

  /** What the store's SQL (store/item-states.ts) says of a basis on `today`, in JavaScript. */
  function judgedAsStored(b: StateBasis, today: string, soonDays: number): ItemState {
    const soon = addDays(today, soonDays);
    if (b.kind === 'done' || b.kind === 'ongoing' || b.kind === 'unknown') return b.kind;
    if (b.kind === 'recurring') return b.due! >= today ? 'ongoing' : 'overdue';
    if (b.due! < today) return 'overdue';
    if (b.due! <= soon || b.dues?.some((due) => due >= today && due <= soon)) return 'due_soon';
    if (b.firstDue! > soon && b.firstStart !== null && b.firstStart <= today) return 'in_progress';
    return 'upcoming';
  }

  // Half the days at the edges where a state turns: one of the item's own dates (or its soon window's
  // first day) give or take a day — a random day hits them too seldom to catch an off-by-one.
  const nearArb = fc.option(
    fc.record({ pick: fc.nat(), shift: fc.integer({ min: -1, max: 1 }), soon: fc.boolean() }),
    { freq: 2 },
  );
  function nearOwnDate(
    deadline: Deadline,
    mark: Mark,
    period: Period | null,
    soonDays: number,
    near: { pick: number; shift: number; soon: boolean },
  ): string {
    const own = [
      deadline.start,
      deadline.due,
      ...(deadline.dues ?? []),
      mark.movedTo,
      period?.start,
      period?.end,
    ];
    const dates = own.filter((x): x is string => !!x);
    if (dates.length === 0) return '2021-06-15';
    return addDays(dates[near.pick % dates.length], near.shift - (near.soon ? soonDays : 0));
  }

  // Now and then a deadline read under another plan period (and no default year) than the one
  // judging it — the rule is one of deadline, mark and period, whichever: «ежемесячно» read
  // without either is a rhythm that the judging period then ends.
  const parsedInArb = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.constantFrom(...periods), weight: 1 },
  );

  /** Asserts, for random items and days, that `judge` gives itemState of that day. */
  function agreesWithItemState(
    judge: (
      deadline: Deadline,
      mark: Mark,
      period: Period | null,
      day: string,
      soonDays: number,
    ) => ItemState,
  ): void {
    fc.assert(
      fc.property(
        textArb,
        markArb,
        fc.constantFrom(...periods),
        days,
        fc.integer({ min: 0, max: 40 }),
        nearArb,
        parsedInArb,
        (text, markText, period, randomDay, soonDays, near, parsedIn) => {
          const ctx = parsedIn === undefined ? { period, defaultYear: 2021 } : { period: parsedIn };
          const deadline = parseDeadline(text, ctx);
          const mark = parseMark(markText);
          const day = near ? nearOwnDate(deadline, mark, period, soonDays, near) : randomDay;
          expect(judge(deadline, mark, period, day, soonDays)).toBe(
            itemState(deadline, mark, { today: day, soonDays, period }),
          );
        },
      ),
      { numRuns: runs(3000) },
    );
  }

  it('stateBasis, judged as the store judges it, gives itemState on any day (every soon window)', () => {
    agreesWithItemState((deadline, mark, period, day, soonDays) =>
      judgedAsStored(stateBasis(deadline, mark, period), day, soonDays),
    );
  });

  it('stateBasis of each kind', () => {
    const basis = (text: string, mark = '') => stateBasis(d(text), parseMark(mark), Y2021);
    const none = { due: null, firstDue: null, firstStart: null, dues: null };
    expect(basis('май 2021', 'выполнено')).toEqual({ kind: 'done', ...none });
    expect(basis('постоянно')).toEqual({ kind: 'ongoing', ...none });
    expect(basis('непонятно')).toEqual({ kind: 'unknown', ...none });
    expect(basis('ежемесячно')).toEqual({ kind: 'recurring', ...none, due: '2021-12-31' });
    expect(basis('ежемесячно', 'перенесено на 15.09.2021')).toEqual({
      kind: 'dated',
      due: '2021-09-15',
      firstDue: '2021-09-15',
      firstStart: null,
      dues: null,
    });
    expect(basis('апрель, октябрь 2021')).toEqual({
      kind: 'dated',
      due: '2021-10-31',
      firstDue: '2021-04-30',
      firstStart: '2021-04-01',
      dues: ['2021-04-30', '2021-10-31'],
    });
  });

  /** The state on `day` as the timeline's span that holds it says. */
  function judgedByTimeline(
    deadline: Deadline,
    mark: Mark,
    period: Period | null,
    day: string,
    soonDays: number,
  ): ItemState {
    const span = stateTimeline(deadline, mark, period).find(
      (s) => (s.from === null || s.from <= day) && (s.until === null || day < s.until),
    );
    expect(span).toBeDefined();
    return stateOnDay(span!.basis, day, soonDays);
  }

  it('stateTimeline judged on any day gives itemState of that day (every soon window)', () => {
    agreesWithItemState(judgedByTimeline);
  });

  it('a rhythm read without a period is ongoing until the end of the period that judges it', () => {
    const rhythm = parseDeadline('ежемесячно', {});
    const days = ['2020-06-01', '2021-01-02', '2021-12-31', '2022-01-01'];
    const states = days.map((today) => itemState(rhythm, NONE, { today, period: Y2021 }));
    expect(states).toEqual(['ongoing', 'ongoing', 'ongoing', 'overdue']);
    for (const [k, day] of days.entries()) {
      expect(judgedByTimeline(rhythm, NONE, Y2021, day, DEFAULT_SOON_DAYS)).toBe(states[k]);
      expect(judgedAsStored(stateBasis(rhythm, NONE, Y2021), day, DEFAULT_SOON_DAYS)).toBe(states[k]);
    }
  });

  it('stateTimeline has spans in order, without gaps, the first from always and the last for ever', () => {
    const spans = stateTimeline(d('апрель, октябрь 2021'), NONE, Y2021);
    expect(spans[0].from).toBeNull();
    expect(spans.at(-1)!.until).toBeNull();
    for (let k = 1; k < spans.length; k++) expect(spans[k].from).toBe(spans[k - 1].until);
    expect(spans.map((s) => s.basis)).toEqual([
      { due: '2021-04-30', start: '2021-04-01' },
      { due: '2021-10-31', start: null },
    ]);
  });
});
