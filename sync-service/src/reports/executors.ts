// Executors counted across documents: the same person or role is spelled in many ways
// («Иванов И. И.», «Иванов И.И.»; «Руководители ПОО», «руководители  ПОО»).
import { executorDisplay, executorKey } from '@cluster/shared';
import type { Timeliness } from './classify.ts';

export { executorDisplay, executorKey };

/** `fn` remembered for the spellings met (a bounded cache): the same few spellings repeat over thousands of items. */
export function bySpelling(fn: (raw: string) => string): (raw: string) => string {
  const seen = new Map<string, string>();
  return (raw) => {
    let out = seen.get(raw);
    if (out === undefined) {
      out = fn(raw);
      if (seen.size > 50_000) seen.clear();
      seen.set(raw, out);
    }
    return out;
  };
}

/** executorKey of a spelling, remembered. */
export const cachedExecutorKey = bySpelling(executorKey);

export interface ExecutorTally {
  /** The first spelling seen, tidied (see executorDisplay), as shown in the report. */
  name: string;
  items: number;
  onTime: number;
  late: number;
  undated: number;
  cancelled: number;
  overdue: number;
}

/** Per-executor counts; memory grows with the number of distinct executors, not of items. */
export class ExecutorTallies {
  readonly #byKey = new Map<string, ExecutorTally>();
  add(executors: readonly string[], timeliness: Timeliness, overdue: boolean): void {
    const seen = new Set<string>();
    for (const raw of executors) {
      const key = cachedExecutorKey(raw);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let t = this.#byKey.get(key);
      if (!t) {
        t = {
          name: executorDisplay(raw),
          items: 0,
          onTime: 0,
          late: 0,
          undated: 0,
          cancelled: 0,
          overdue: 0,
        };
        this.#byKey.set(key, t);
      }
      t.items++;
      if (timeliness === 'on_time') t.onTime++;
      else if (timeliness === 'late') t.late++;
      else if (timeliness === 'undated') t.undated++;
      else if (timeliness === 'cancelled') t.cancelled++;
      if (overdue) t.overdue++;
    }
  }

  /** Most overdue first, then most late, then by name. */
  sorted(): ExecutorTally[] {
    return [...this.#byKey.values()].sort(
      (a, b) => b.overdue - a.overdue || b.late - a.late || a.name.localeCompare(b.name, 'ru'),
    );
  }
}
