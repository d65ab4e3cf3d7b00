// An item's standing on the report's date, from the domain core's rules.
import {
  completionOf,
  daysBetween,
  dueOn,
  type ItemState,
  itemState,
  type Timeliness,
} from '@cluster/shared';
import type { ReportItem } from './model.ts';

// The completion rule lives in the domain core (the store keeps counts by it at sync time).
export { completionOf, type Timeliness, timelinessOf } from '@cluster/shared';

export interface ItemFacts {
  state: ItemState;
  /** The due date that counts on the report's date (moved deadlines win). */
  due: string | null;
  /** Days past the effective due (overdue items only; otherwise 0). */
  daysOverdue: number;
  timeliness: Timeliness;
  /** Days late: a late item's mark date past its due, an overdue item's days overdue; else 0. */
  daysLate: number;
}

/**
 * `movedDue`: the latest due the item's deadline was ever moved to, from the syncs' history (a
 * mark «перенесено на …» later replaced by «выполнено …» leaves no trace in the item itself).
 */
export function classify(
  item: ReportItem,
  asOf: string,
  defaultSoonDays: number,
  movedDue: string | null = null,
): ItemFacts {
  const soonDays = item.soonDays ?? defaultSoonDays;
  const state = itemState(item.deadline, item.mark, {
    today: asOf,
    soonDays,
    period: item.document.period,
  });
  const planned = dueOn(item.deadline, item.mark, asOf, item.document.period);
  // A done item is shown with the due it was judged against: the latest one it was moved to.
  const due = state === 'done' && movedDue && (!planned || movedDue > planned) ? movedDue : planned;
  const daysOverdue = state === 'overdue' && due ? daysBetween(due, asOf) : 0;
  const { timeliness, daysLate } = completionOf(item, movedDue);
  return { state, due, daysOverdue, timeliness, daysLate: timeliness === 'late' ? daysLate : daysOverdue };
}
