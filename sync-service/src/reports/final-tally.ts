// A finished plan's final tally: what was done on time, done late, done without a date in the mark,
// not done, and cancelled — counted once the period is over, never as days overdue.
import { completionOf } from './classify.ts';
import type { ReportItem } from './model.ts';

export interface FinalTally {
  items: number;
  onTime: number;
  late: number;
  /** Done, but the mark names no date (on time or not cannot be told). */
  undated: number;
  notDone: number;
  cancelled: number;
}

export const emptyFinalTally = (): FinalTally => ({
  items: 0,
  onTime: 0,
  late: 0,
  undated: 0,
  notDone: 0,
  cancelled: 0,
});

/** Final tallies by document id. */
export class FinalTallies {
  readonly #byDocument = new Map<string, FinalTally>();

  add(item: ReportItem): void {
    const key = item.document.id ?? `${item.cluster.slug}\u0000${item.document.title}`;
    let t = this.#byDocument.get(key);
    if (!t) {
      t = emptyFinalTally();
      this.#byDocument.set(key, t);
    }
    t.items++;
    const { timeliness } = completionOf(item);
    if (timeliness === 'on_time') t.onTime++;
    else if (timeliness === 'late') t.late++;
    else if (timeliness === 'undated') t.undated++;
    else if (timeliness === 'cancelled') t.cancelled++;
    else t.notDone++;
  }

  of(documentId: string): FinalTally {
    return this.#byDocument.get(documentId) ?? emptyFinalTally();
  }
}
