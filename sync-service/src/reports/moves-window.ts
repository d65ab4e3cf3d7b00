// The one rule for «на дату» (README «Reports as of a date»): a report on day D judges every item
// with what the store knows now — each document's latest sync — on day D. The deadline moves are
// part of that knowledge, so «Переносы сроков» lists every move the store knows of for the report's
// items, whenever it was seen: one a sync saw (the due changed between two syncs) and one the row
// already carried when first synced («перенесено на …»). The item's state uses the same moved due;
// when a move was seen is shown, never used to leave it out. Days are the report's zone's days.
import { isoInTimeZone } from '@cluster/shared';
import type { ReportMove } from './model.ts';

export class MoveDays {
  readonly #timeZone: string;

  constructor(timeZone: string) {
    this.#timeZone = timeZone;
  }

  /** The day the move was seen, in the report's zone (a move seen at 01:00 MSK is that day's). */
  dayOf(move: ReportMove): string {
    return isoInTimeZone(new Date(move.seenAt), this.#timeZone);
  }
}
