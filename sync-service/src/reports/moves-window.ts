// Which deadline moves a report «на дату» lists: those seen on or before its date (a report on
// 01.06.2021 must not show a move found later) and, when that date falls within the plan period of
// the item's document, seen within that period. Days are the report's zone's days.
import { addDays, isoInTimeZone } from '@cluster/shared';
import type { ReportMove } from './model.ts';

export class MoveWindow {
  readonly #asOf: string;
  readonly #timeZone: string;

  constructor(asOf: string, timeZone: string) {
    this.#asOf = asOf;
    this.#timeZone = timeZone;
  }

  /**
   * A bound for the store's read (instants compare as UTC text): the as-of day ends before this in
   * every zone (UTC−12 … UTC+14), so nothing it cuts could be listed; the exact cut is `dayOf`.
   */
  get readUntil(): string {
    return `${addDays(this.#asOf, 1)}T23:59:59.999Z`;
  }

  /** The day the move was seen, in the report's zone (a move seen at 01:00 MSK is that day's). */
  dayOf(move: ReportMove): string {
    return isoInTimeZone(new Date(move.seenAt), this.#timeZone);
  }

  /** Seen on or before the report's date. */
  known(day: string): boolean {
    return day <= this.#asOf;
  }

  /** Listed on «Переносы сроков» (and counted for the item). */
  lists(move: ReportMove, day: string): boolean {
    if (!this.known(day)) return false;
    const period = move.documentPeriod;
    const covered = period !== null && period.start <= this.#asOf && this.#asOf <= period.end;
    return !covered || day >= period.start;
  }
}
