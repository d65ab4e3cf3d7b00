// An item's standing on the report's date, from the domain core's rules.
import { daysBetween, dueOn, type ItemState, itemState } from '@cluster/shared';
import type { ReportItem } from './model.ts';

/** How a finished item met its deadline (see `timelinessOf`). */
export type Timeliness = 'on_time' | 'late' | 'undated' | 'cancelled' | 'open';

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
  const due = dueOn(item.deadline, item.mark, asOf, item.document.period);
  const daysOverdue = state === 'overdue' && due ? daysBetween(due, asOf) : 0;
  const { timeliness, daysLate } = completionOf(item, movedDue);
  return { state, due, daysOverdue, timeliness, daysLate: timeliness === 'late' ? daysLate : daysOverdue };
}

/**
 * The rule for «в срок» / «с опозданием»: a done item is on time when the date its mark names
 * («выполнено 27.09.2024», or a date alone) is on or before the due date that counted on that
 * day (for several dues, the nearest one not yet past then; for recurring and period items, the
 * plan period's end) or on or before the latest due the deadline was moved to (`movedDue`).
 * Without a date in the mark, or without a readable due, it is «undated»: we do not guess from
 * the sync time. Cancelled items are counted apart.
 */
export function timelinessOf(item: ReportItem, movedDue: string | null = null): Timeliness {
  return completionOf(item, movedDue).timeliness;
}

/** `timelinessOf`, with the days a late item was done after the due that counted. */
export function completionOf(
  item: ReportItem,
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
