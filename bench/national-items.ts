// One item row of the national data set (national-plan.ts): its cells as a coordinator writes them —
// a title from the roadmaps' wording, executors, a deadline in one of the forms roadmaps use, a
// mark — and the state it has on today, decided here from the dates the row was written with
// (the domain's order: done, ongoing, unknown, overdue, due soon, in progress, upcoming).
import { addDays, daysBetween, type ItemState, isoParts } from '@cluster/shared';
import {
  MONTHS,
  ORGANISATIONS,
  PEOPLE,
  POSTS,
  RARE_EVERY,
  RARE_WORD,
  RESULTS,
  TITLE_ACTIONS,
  TITLE_SUBJECTS,
  TITLE_TAILS,
} from './roadmap-words.ts';

export const SOON_DAYS = 14;

/** A small seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
export const ru = (iso: string) => {
  const [y, m, d] = isoParts(iso);
  return `${pad(d)}.${pad(m)}.${y}`;
};
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthEndIso = (y: number, m: number) => `${y}-${pad(m)}-${pad(lastDay(y, m))}`;
const ROMAN = ['I', 'II', 'III', 'IV'];

/** What a deadline cell says and the start and due it means. */
interface Timing {
  text: string;
  start: string | null;
  due: string | null;
  /** Several dues («10.11.2026, 10.12.2026, …»). */
  dues?: string[];
}

export interface Period {
  start: string;
  end: string;
}

/** The state the domain's rule gives a deadline with a start and a due on `today` (no mark). */
function datedState(t: Timing, today: string): ItemState {
  let due = t.due as string;
  let start = t.start;
  if (t.dues) {
    due = t.dues.find((d) => d >= today) ?? t.dues[t.dues.length - 1];
    start = due === t.dues[0] ? t.start : null;
  }
  if (due < today) return 'overdue';
  if (daysBetween(today, due) <= SOON_DAYS) return 'due_soon';
  if (start !== null && start <= today) return 'in_progress';
  return 'upcoming';
}

/** A deadline in one of the forms roadmaps use, around `anchor` (inside the plan period). */
function datedTiming(rnd: () => number, anchor: string, period: Period, multiple: boolean): Timing {
  const [y, m] = isoParts(anchor);
  const form = Math.floor(rnd() * (multiple ? 10 : 9));
  switch (form) {
    case 0:
      return { text: ru(anchor), start: anchor, due: anchor };
    case 1:
      return { text: `до ${ru(anchor)} г.`, start: anchor, due: anchor };
    case 2:
      // A real date cell: the add-in sends it as an ISO date.
      return { text: anchor, start: anchor, due: anchor };
    case 3:
      return { text: `${MONTHS[m - 1]} ${y} г.`, start: `${y}-${pad(m)}-01`, due: monthEndIso(y, m) };
    case 4: {
      const m2 = Math.min(12, m + 1 + Math.floor(rnd() * 4));
      if (m2 === m)
        return { text: `${MONTHS[m - 1]} ${y} г.`, start: `${y}-${pad(m)}-01`, due: monthEndIso(y, m) };
      const first = MONTHS[m - 1];
      return {
        text: `${first[0].toUpperCase()}${first.slice(1)}-${MONTHS[m2 - 1]} ${y}`,
        start: `${y}-${pad(m)}-01`,
        due: monthEndIso(y, m2),
      };
    }
    case 5: {
      const q = Math.floor((m - 1) / 3);
      return {
        text: `${ROMAN[q]} квартал ${y} г.`,
        start: `${y}-${pad(q * 3 + 1)}-01`,
        due: monthEndIso(y, q * 3 + 3),
      };
    }
    case 6: {
      const h = m <= 6 ? 0 : 1;
      return {
        text: `${ROMAN[h]} полугодие ${y}`,
        start: `${y}-${h ? '07' : '01'}-01`,
        due: `${y}-${h ? '12-31' : '06-30'}`,
      };
    }
    case 7:
      return { text: `${y} год`, start: `${y}-01-01`, due: `${y}-12-31` };
    case 8:
      return { text: 'в течение года', start: period.start, due: period.end };
    default: {
      const dues = [anchor, addDays(anchor, 30), addDays(anchor, 61)].filter((d) => d <= period.end);
      return { text: dues.map(ru).join(', '), start: dues[0], due: dues[dues.length - 1], dues };
    }
  }
}

const ONGOING = [
  'постоянно',
  'по мере необходимости',
  'ежемесячно',
  'ежеквартально',
  'по согласованию сторон',
];
const UNKNOWN = ['по итогам года', 'после утверждения бюджета', '—', 'уточняется'];
const OPEN_MARKS = ['', '', '', 'В работе', 'Не выполнено', 'Частично'];

/** One item row: its cells on the last day (and, when it changed, on the first), and what it counts as. */
export interface ItemRow {
  cells: (string | null)[];
  firstDay?: (string | null)[];
  state: ItemState;
  doneLate: boolean;
  moved: boolean;
  postponed: boolean;
  rare: boolean;
}

function executorsOf(rnd: () => number): string {
  const people = PEOPLE[Math.floor(rnd() * PEOPLE.length)];
  const post = POSTS[Math.floor(rnd() * POSTS.length)];
  const roll = rnd();
  if (roll < 0.3) return `${post}\n${people}`;
  if (roll < 0.55) return `${people}, ${PEOPLE[Math.floor(rnd() * PEOPLE.length)]}`;
  if (roll < 0.7) return `${post}; ${ORGANISATIONS[Math.floor(rnd() * ORGANISATIONS.length)]}`;
  return post;
}

export interface RowContext {
  rnd: () => number;
  today: string;
  period: Period;
  /** The cluster is synced on two days: this row may change in between. */
  twoDays: boolean;
  serial: number;
}

/** A random anchor date in the plan period, mostly within a year around today. */
function anchorIn(ctx: RowContext): string {
  const span = daysBetween(ctx.period.start, ctx.period.end);
  const near = addDays(ctx.today, Math.round((ctx.rnd() - 0.45) * 640));
  if (near >= ctx.period.start && near <= ctx.period.end) return near;
  return addDays(ctx.period.start, Math.floor(ctx.rnd() * span));
}

/** A deadline whose state on today is `target` (a dated state), drawn until one fits. */
function timingFor(ctx: RowContext, target: ItemState, simpleDate: boolean): Timing {
  for (let tries = 0; tries < 40 && !simpleDate; tries++) {
    const t = datedTiming(ctx.rnd, anchorIn(ctx), ctx.period, !ctx.twoDays);
    if (datedState(t, ctx.today) === target) return t;
  }
  const { today, rnd } = ctx;
  if (target === 'in_progress')
    return { text: 'в течение года', start: ctx.period.start, due: ctx.period.end };
  const day =
    target === 'overdue'
      ? addDays(today, -1 - Math.floor(rnd() * 200))
      : target === 'due_soon'
        ? addDays(today, Math.floor(rnd() * (SOON_DAYS + 1)))
        : addDays(today, SOON_DAYS + 1 + Math.floor(rnd() * 300));
  return { text: ru(day), start: day, due: day };
}

export function itemRow(ctx: RowContext, number: string): ItemRow {
  const { rnd, today } = ctx;
  const rare = ctx.serial % RARE_EVERY === RARE_EVERY - 1;
  const tail = TITLE_TAILS[Math.floor(rnd() * TITLE_TAILS.length)];
  const title = [
    TITLE_ACTIONS[Math.floor(rnd() * TITLE_ACTIONS.length)],
    TITLE_SUBJECTS[Math.floor(rnd() * TITLE_SUBJECTS.length)],
    rare ? `в области ${RARE_WORD}` : tail,
  ]
    .filter(Boolean)
    .join(' ');
  const executors = executorsOf(rnd);
  const result = RESULTS[Math.floor(rnd() * RESULTS.length)] || 'Информация';
  const row = (deadline: string, mark: string) => [number, title, executors, deadline, result, mark];
  const out = (cells: (string | null)[], state: ItemState, extra: Partial<ItemRow> = {}): ItemRow => ({
    cells,
    state,
    doneLate: false,
    moved: false,
    postponed: false,
    rare,
    ...extra,
  });

  const roll = rnd();
  if (roll < 0.22) {
    // Done on time: the mark's date is on or before the due (and not after today).
    const t = timingFor(ctx, rnd() < 0.7 ? 'overdue' : 'upcoming', false);
    const due = (t.dues ? t.dues[t.dues.length - 1] : t.due) as string;
    const on = addDays(due < today ? due : today, -Math.floor(rnd() * 20));
    const mark = rnd() < 0.5 ? `выполнено ${ru(on)}` : `Исполнено ${ru(on)} г.`;
    return out(row(t.text, mark), 'done', ctx.twoDays ? { firstDay: row(t.text, '') } : {});
  }
  if (roll < 0.28) {
    // Done late: due passed, completed after it.
    const t = timingFor(ctx, 'overdue', false);
    const due = (t.dues ? t.dues[t.dues.length - 1] : t.due) as string;
    const gap = Math.max(1, daysBetween(due, today));
    const on = addDays(due, 1 + Math.floor(rnd() * Math.min(90, gap)));
    if (on > today) return out(row(t.text, 'Выполнено'), 'done');
    return out(row(t.text, `выполнено ${ru(on)}`), 'done', { doneLate: true });
  }
  if (roll < 0.31) return out(row(timingFor(ctx, 'overdue', false).text, 'Выполнено'), 'done');
  if (roll < 0.32)
    return out(
      row(timingFor(ctx, 'upcoming', false).text, rnd() < 0.5 ? 'отменено' : 'снято с контроля'),
      'done',
    );
  if (roll < 0.82) {
    const target: ItemState =
      roll < 0.44 ? 'overdue' : roll < 0.5 ? 'due_soon' : roll < 0.64 ? 'in_progress' : 'upcoming';
    const mark = OPEN_MARKS[Math.floor(rnd() * OPEN_MARKS.length)];
    // On a second day, some deadlines move: the first day's sheet had an earlier date.
    const moves = ctx.twoDays && target !== 'in_progress' && rnd() < 0.25;
    const t = timingFor(ctx, target, moves);
    if (!moves) return out(row(t.text, mark), target);
    const earlier = addDays(t.due as string, -7 - Math.floor(rnd() * 50));
    return out(row(t.text, mark), target, { moved: true, firstDay: row(ru(earlier), mark) });
  }
  if (roll < 0.9)
    return out(row(ONGOING[Math.floor(rnd() * ONGOING.length)], rnd() < 0.7 ? '' : 'В работе'), 'ongoing');
  if (roll < 0.93) return out(row(UNKNOWN[Math.floor(rnd() * UNKNOWN.length)], ''), 'unknown');
  // Moved by its mark: judged by the new date, which has no start.
  const movedTo = addDays(today, Math.round((rnd() - 0.25) * 240));
  const state: ItemState =
    movedTo < today ? 'overdue' : daysBetween(today, movedTo) <= SOON_DAYS ? 'due_soon' : 'upcoming';
  const t = timingFor(ctx, 'overdue', false);
  return out(row(t.text, `перенесено на ${ru(movedTo)}`), state, { postponed: true });
}
