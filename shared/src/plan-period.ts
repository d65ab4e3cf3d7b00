// A plan whose period has ended is finished: it is reported with its final tally, not as items that
// grow more overdue every day. Documents without a period (protocols) are never finished by date.
import type { Period } from './model.ts';

/** The plan period ended before `today` (YYYY-MM-DD). */
export function planFinished(period: Period | null | undefined, today: string): boolean {
  return !!period && period.end < today;
}
