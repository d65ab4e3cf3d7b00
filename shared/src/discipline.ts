// КИД — коэффициент исполнительской дисциплины, as Russian public bodies measure it (Directum RX:
// on time ÷ (on time + late + open overdue)), plain and weighted by days late.

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
  return entries
    .filter((e) => disciplineBase(counts(e)) > 0)
    .map((e) => ({ e, c: counts(e), k: kid(counts(e)) as number }))
    .sort((a, b) => a.k - b.k || b.c.overdue - a.c.overdue || b.c.daysLate - a.c.daysLate)
    .slice(0, n)
    .map((x) => x.e);
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
