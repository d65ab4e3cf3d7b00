// КИД — коэффициент исполнительской дисциплины, as Russian public bodies measure it (Directum RX:
// on time ÷ (on time + late + open overdue)), plain and weighted by days late.
import { daysBetween } from './dates.ts';
import type { Deadline, Mark, Period } from './model.ts';
import { dueOn } from './state.ts';

/** What one executor, organisation or cluster did with the items whose due has come. */
export interface DisciplineCounts {
  /** Done on or before the due that counted. */
  onTime: number;
  /** Done after it. */
  late: number;
  /** Not done, due passed on the day counted for. */
  overdue: number;
  /** Days late summed over `late` (till the mark's date) and `overdue` (till the day counted for). */
  daysLate: number;
}

/** Days late that weigh as one more item in the weighted КИД's denominator. */
export const KID_DAYS_PER_ITEM = 30;

/** Bands (upper bounds, inclusive) in which a КИД is shown red or yellow; above them, green. */
export const KID_RED_MAX = 50;
export const KID_YELLOW_MAX = 75;

export type KidBand = 'red' | 'yellow' | 'green';

export const emptyDiscipline = (): DisciplineCounts => ({ onTime: 0, late: 0, overdue: 0, daysLate: 0 });

/** Items whose due has come (the КИД's base). */
export function disciplineBase(c: DisciplineCounts): number {
  return c.onTime + c.late + c.overdue;
}

/** КИД, % = on time ÷ (on time + late + overdue) × 100; null when no item's due has come. */
export function kid(c: DisciplineCounts): number | null {
  const base = disciplineBase(c);
  return base === 0 ? null : (100 * c.onTime) / base;
}

/**
 * Weighted КИД, % = on time ÷ (on time + Σ over late and overdue items of (1 + days late ÷ 30)) × 100:
 * an item a month late weighs as two, so lateness lowers it more the longer it lasts. Never above `kid`.
 */
export function kidWeighted(c: DisciplineCounts): number | null {
  const base = disciplineBase(c);
  if (base === 0) return null;
  return (100 * c.onTime) / (base + c.daysLate / KID_DAYS_PER_ITEM);
}

export function kidBand(value: number): KidBand {
  if (value <= KID_RED_MAX) return 'red';
  if (value <= KID_YELLOW_MAX) return 'yellow';
  return 'green';
}

export function addDiscipline(into: DisciplineCounts, c: DisciplineCounts): void {
  into.onTime += c.onTime;
  into.late += c.late;
  into.overdue += c.overdue;
  into.daysLate += c.daysLate;
}

/**
 * The `n` worst by КИД (lowest first; ties: more overdue, then more days late), of those whose due
 * has come. `counts` picks each entry's counts.
 */
export function worstByKid<T>(entries: readonly T[], counts: (e: T) => DisciplineCounts, n = 5): T[] {
  // One pass keeping the n worst (a nation's executors are ~10⁵; sorting them all held the
  // service's event loop for a dashboard page). Equals stay in the order given, as a stable sort.
  const worst: { e: T; c: DisciplineCounts; k: number }[] = [];
  const before = (a: (typeof worst)[number], b: (typeof worst)[number]) =>
    a.k - b.k || b.c.overdue - a.c.overdue || b.c.daysLate - a.c.daysLate;
  for (const e of entries) {
    const c = counts(e);
    const k = kid(c);
    if (k === null) continue;
    const x = { e, c, k };
    if (worst.length === n && (n === 0 || before(x, worst[n - 1]) >= 0)) continue;
    let at = worst.length;
    while (at > 0 && before(x, worst[at - 1]) < 0) at--;
    worst.splice(at, 0, x);
    if (worst.length > n) worst.pop();
  }
  return worst.map((x) => x.e);
}

/** The rule as a reader is told it (reports, dashboard, README). */
export const KID_RULE_RU =
  'КИД (коэффициент исполнительской дисциплины) = выполнено в срок ÷ (выполнено в срок + выполнено ' +
  'с опозданием + просрочено на дату отчёта) × 100%. КИД с учётом дней опоздания: в знаменателе каждое ' +
  `мероприятие, выполненное с опозданием или просроченное, весит 1 + дни опоздания ÷ ${KID_DAYS_PER_ITEM}. ` +
  'Не входят: мероприятия, срок которых ещё не наступил, отменённые, выполненные без даты в отметке ' +
  `и с нераспознанным сроком. Цвет: до ${KID_RED_MAX}% — красный, до ${KID_YELLOW_MAX}% — жёлтый, выше — зелёный.`;

export const KID_RULE_EN =
  'Execution discipline (KID) = done on time ÷ (done on time + done late + overdue on the report date) × 100%. ' +
  `Weighted: in the denominator each late or overdue item weighs 1 + days late ÷ ${KID_DAYS_PER_ITEM}. ` +
  'Not counted: items not yet due, cancelled, done without a date in the mark, unreadable deadlines. ' +
  `Colour: up to ${KID_RED_MAX}% red, up to ${KID_YELLOW_MAX}% yellow, above green.`;

/** A column whose header names the executing organisation (kept as an item's extra). */
const ORGANISATION_HEADER = /организаци|учреждени|предприяти/i;

/**
 * The organisation an item's table names in a column of its own («Организация», «Учреждение»,
 * «Предприятие»), or null: executors are people or posts, so the КИД per organisation needs the
 * table to say which organisation it is.
 */
export function organisationOf(extra: Readonly<Record<string, string>> | null | undefined): string | null {
  if (!extra) return null;
  for (const [header, value] of Object.entries(extra)) {
    const v = value.trim();
    if (v && ORGANISATION_HEADER.test(header.trim())) return v;
  }
  return null;
}

/** How a finished item met its deadline (see `timelinessOf`). */
export type Timeliness = 'on_time' | 'late' | 'undated' | 'cancelled' | 'open';

/** What the completion rule reads of an item. */
export interface CompletionItem {
  deadline: Deadline;
  mark: Mark;
  document: { period?: Period | null | undefined };
}

/**
 * The rule for «в срок» / «с опозданием»: a done item is on time when the date its mark names
 * («выполнено 27.09.2024», or a date alone) is on or before the due date that counted on that
 * day (for several dues, the nearest one not yet past then; for recurring and period items, the
 * plan period's end) or on or before the latest due the deadline was moved to (`movedDue`).
 * Without a date in the mark, or without a readable due, it is «undated»: we do not guess from
 * the sync time. Cancelled items are counted apart.
 */
export function timelinessOf(item: CompletionItem, movedDue: string | null = null): Timeliness {
  return completionOf(item, movedDue).timeliness;
}

/** `timelinessOf`, with the days a late item was done after the due that counted. */
export function completionOf(
  item: CompletionItem,
  movedDue: string | null = null,
): { timeliness: Timeliness; daysLate: number } {
  const { mark } = item;
  const only = (timeliness: Timeliness) => ({ timeliness, daysLate: 0 });
  if (mark.status === 'cancelled') return only('cancelled');
  if (mark.status !== 'done') return only('open');
  if (!mark.date) return only('undated');
  const due = dueOn(item.deadline, mark, mark.date, item.document.period);
  const latest = due && movedDue && movedDue > due ? movedDue : (due ?? movedDue);
  if (!latest) return only('undated');
  return mark.date <= latest
    ? only('on_time')
    : { timeliness: 'late', daysLate: daysBetween(latest, mark.date) };
}
