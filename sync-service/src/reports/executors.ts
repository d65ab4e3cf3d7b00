// Executors counted across documents: the same person or role is spelled in many ways
// («Иванов И. И.», «Иванов И.И.»; «Руководители ПОО», «руководители  ПОО»).
import { executorDisplay, executorKey } from '@cluster/shared';
import type { Timeliness } from './classify.ts';

export { executorDisplay, executorKey };

/** Keys of spellings already seen: the same few spellings repeat over thousands of items. */
const keys = new Map<string, string>();

/** executorKey, remembered for the spellings met (a bounded cache). */
export function cachedExecutorKey(raw: string): string {
  let key = keys.get(raw);
  if (key === undefined) {
    key = executorKey(raw);
    if (keys.size > 50_000) keys.clear();
    keys.set(raw, key);
  }
  return key;
}

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
