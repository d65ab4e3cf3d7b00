// Item state from its deadline, its mark and "today" (DESIGN.md, Item JSON — contract).
import { addDays, daysBetween } from './dates.ts';
import type { Deadline, ItemState, Mark, Period } from './model.ts';

export const DEFAULT_SOON_DAYS = 14;

/** The deadline a mark moved the item to («перенесено на 15.05.2021»), or null. */
export function movedDue(mark: Pick<Mark, 'status' | 'movedTo'>): string | null {
  return mark.status === 'postponed' && mark.movedTo ? mark.movedTo : null;
}

/** The due the plan now says: a mark's new deadline, else the deadline's own due. */
export function plannedDue(
  deadline: Pick<Deadline, 'due'>,
  mark: Pick<Mark, 'status' | 'movedTo'>,
): string | null {
  return movedDue(mark) ?? deadline.due;
}

/** Work that repeats: kind recurring, or a rhythm with no dates of its own (ongoing with `every`). */
export function isRecurring(deadline: Pick<Deadline, 'kind' | 'every'>): boolean {
  return deadline.kind === 'recurring' || (deadline.kind === 'ongoing' && deadline.every !== undefined);
}

/** When repeating work ends: its own due, else the plan period's end. */
export function recurringEnd(
  deadline: Pick<Deadline, 'due'>,
  period: Period | null | undefined,
): string | null {
  return deadline.due ?? period?.end ?? null;
}

/**
 * The due that counts on `day`: the effective due (see below), or for repeating work with no due
 * of its own the plan period's end.
 */
export function dueOn(
  deadline: Deadline,
  mark: Mark,
  day: string,
  period: Period | null | undefined,
): string | null {
  return effectiveDue(deadline, mark, day) ?? (isRecurring(deadline) ? recurringEnd(deadline, period) : null);
}

/**
 * The due date that counts today: a deadline moved by the mark wins; for `multiple`, the nearest
 * due not yet past (today counts as not past), else the last one; otherwise `deadline.due`.
 */
export function effectiveDue(deadline: Deadline, mark: Mark, today: string): string | null {
  if ((mark.status === 'postponed' || mark.status === 'done') && mark.movedTo) return mark.movedTo;
  if (deadline.kind === 'multiple' && deadline.dues && deadline.dues.length > 0) {
    for (const due of deadline.dues) if (due >= today) return due;
    return deadline.dues[deadline.dues.length - 1];
  }
  return deadline.due;
}

export interface StateOptions {
  /** YYYY-MM-DD in the cluster's time zone. */
  today: string;
  /** Soon-window in days, inclusive (default 14; 0 = only today). */
  soonDays?: number;
  /** Plan period: the end of a recurring item whose deadline has no due of its own. */
  period?: Period | null;
}

/**
 * Checks, first match wins:
 * 1. done — mark done or cancelled;
 * 2. ongoing — kind ongoing (no moved deadline), or recurring while today ≤ its end (period end);
 * 3. unknown — no effective due (unreadable deadline);
 * 4. overdue — effective due < today;
 * 5. due_soon — effective due within `soonDays` from today (inclusive; today itself is due soon);
 * 6. in_progress — start ≤ today (so a period or range under way, its last days being due_soon);
 * 7. upcoming.
 */
export function itemState(deadline: Deadline, mark: Mark, opts: StateOptions): ItemState {
  return stateOnDay(
    dayBasis(deadline, mark, opts.today, opts.period),
    opts.today,
    opts.soonDays ?? DEFAULT_SOON_DAYS,
  );
}

/**
 * What checks 1–3 of `itemState` decide on `day`: a state the day does not move (done, ongoing,
 * unknown), or the due and the start (of the part under way) that checks 4–7 compare with the day.
 */
export type DayBasis = { state: FixedState } | { due: string; start: string | null };

/** The states an item is in whatever the day compares (checks 1–3 of `itemState`). */
export type FixedState = Extract<ItemState, 'done' | 'ongoing' | 'unknown'>;

export function dayBasis(
  deadline: Deadline,
  mark: Mark,
  day: string,
  period: Period | null | undefined,
): DayBasis {
  if (mark.status === 'done' || mark.status === 'cancelled') return { state: 'done' };
  const moved = movedDue(mark);
  if (!moved) {
    if (deadline.kind === 'ongoing' && !deadline.every) return { state: 'ongoing' };
    if (isRecurring(deadline)) {
      const end = recurringEnd(deadline, period);
      if (end === null || day <= end) return { state: 'ongoing' };
    }
  }
  const due = moved ?? dueOn(deadline, mark, day, period);
  if (due === null) return { state: 'unknown' };
  return { due, start: moved ? null : currentStart(deadline, due) };
}

/** Checks 4–7 of `itemState`: the basis against `today`. */
export function stateOnDay(basis: DayBasis, today: string, soonDays: number): ItemState {
  if ('state' in basis) return basis.state;
  if (basis.due < today) return 'overdue';
  if (daysBetween(today, basis.due) <= soonDays) return 'due_soon';
  if (basis.start !== null && basis.start <= today) return 'in_progress';
  return 'upcoming';
}

/** The basis from `from` (null: always before) until the day before `until` (null: for ever). */
export interface BasisSpan {
  from: string | null;
  until: string | null;
  basis: DayBasis;
}

const sameBasis = (a: DayBasis, b: DayBasis) =>
  'state' in a
    ? 'state' in b && a.state === b.state
    : !('state' in b) && a.due === b.due && a.start === b.start;

const EARLIEST_DAY = '0000-01-01';
const LATEST_DAY = '9999-12-31';

/**
 * The basis compares the day only with dates the item and its plan carry (a due passed, a
 * recurring end passed), so it holds from the day after one such date through the next: `dates`
 * are all such dates (ascending, distinct; a few more than dayBasis compares, so that steps stay
 * right should it come to compare them), `bases[k]` the basis through `dates[k]` (judged on that
 * date), the last one after them all. One dayBasis per date and no date arithmetic: a sync reads
 * it per item.
 */
function basisSteps(
  deadline: Deadline,
  mark: Mark,
  period: Period | null | undefined,
): { dates: string[]; bases: DayBasis[] } {
  const dates: string[] = [];
  addDate(dates, deadline.start);
  addDate(dates, deadline.due);
  addDate(dates, mark.movedTo);
  addDate(dates, period?.start);
  addDate(dates, period?.end);
  if (deadline.dues) for (const d of deadline.dues) addDate(dates, d);
  const bases: DayBasis[] = [];
  for (const d of dates) bases.push(dayBasis(deadline, mark, d, period));
  bases.push(dayBasis(deadline, mark, LATEST_DAY, period));
  return { dates, bases };
}

/** Inserts `day` into ascending distinct `dates` (a handful: cheaper than a sort). */
function addDate(dates: string[], day: string | null | undefined): void {
  if (!day) return;
  let k = dates.length;
  while (k > 0 && dates[k - 1] > day) k--;
  if (k > 0 && dates[k - 1] === day) return;
  dates.push(day);
  for (let j = dates.length - 1; j > k; j--) dates[j] = dates[j - 1];
  dates[k] = day;
}

/**
 * The item's basis over all days, as spans (see basisSteps): `stateOnDay(spanOn(day).basis, day,
 * soon)` is `itemState` on any day. Counts for any day are then sums over spans (store/rollups.ts).
 */
export function stateTimeline(
  deadline: Deadline,
  mark: Mark,
  period: Period | null | undefined,
): BasisSpan[] {
  const { dates, bases } = basisSteps(deadline, mark, period);
  const spans: BasisSpan[] = [];
  let span: BasisSpan = { from: null, until: null, basis: bases[0] };
  for (let k = 1; k < bases.length; k++) {
    if (sameBasis(bases[k], span.basis)) continue;
    const from = addDays(dates[k - 1], 1);
    spans.push({ ...span, until: from });
    span = { from, until: null, basis: bases[k] };
  }
  spans.push(span);
  return spans;
}

/** Start of the part under way: for `multiple`, the item's start only while its first due is current. */
function currentStart(deadline: Deadline, due: string): string | null {
  if (deadline.kind === 'multiple') return deadline.dues && deadline.dues[0] === due ? deadline.start : null;
  return deadline.start;
}

/**
 * What an item's state on any day follows from, none of it depending on the day (a store keeps
 * it and decides states in SQL). Kinds: `done`, `ongoing`, `unknown` hold whatever the day;
 * `recurring` is ongoing up to `due` (its end), overdue after; `dated` is judged against `due`
 * (the last due: overdue after it), `firstDue` (the current due while it has not passed; with
 * several dues, a day before the last one is due soon when a due falls in its soon window) and
 * `firstStart` (the start that counts while `firstDue` is current).
 */
export interface StateBasis {
  kind: FixedState | 'recurring' | 'dated';
  due: string | null;
  firstDue: string | null;
  firstStart: string | null;
  /** A `dated` item's several dues (from the first to the last), else null. */
  dues: string[] | null;
}

/**
 * The basis, read off the rule above (dayBasis) so that it is stated once: a state that holds on the
 * first and the last day holds on all; ongoing and then dated is recurring work, ongoing up to its
 * end; otherwise the item is dated, its first day giving `firstDue`/`firstStart`, its last the due,
 * and — when they differ — its steps (basisSteps) the dues between.
 */
export function stateBasis(deadline: Deadline, mark: Mark, period: Period | null | undefined): StateBasis {
  const first = dayBasis(deadline, mark, EARLIEST_DAY, period);
  const last = dayBasis(deadline, mark, LATEST_DAY, period);
  if ('state' in last) return { kind: last.state, due: null, firstDue: null, firstStart: null, dues: null };
  if ('state' in first)
    return { kind: 'recurring', due: last.due, firstDue: null, firstStart: null, dues: null };
  return {
    kind: 'dated',
    due: last.due,
    firstDue: first.due,
    firstStart: first.start,
    dues: first.due === last.due ? null : stepDues(deadline, mark, period),
  };
}

/** The dues the basis takes over the days, in their order (basisSteps). */
function stepDues(deadline: Deadline, mark: Mark, period: Period | null | undefined): string[] {
  const dues: string[] = [];
  for (const basis of basisSteps(deadline, mark, period).bases)
    if (!('state' in basis) && !dues.includes(basis.due)) dues.push(basis.due);
  return dues;
}
