// КИД counts per cluster and per executor within a cluster, gathered in the pass over the items.
// An executor is counted within its cluster: «Председатель КС» of two clusters are two people.
import { addDiscipline, type DisciplineCounts, emptyDiscipline } from '@cluster/shared';
import type { ItemFacts } from './classify.ts';
import { executorDisplay, executorKey } from './executors.ts';
import type { ReportCluster } from './model.ts';

export interface DisciplineRow {
  cluster: ReportCluster;
  /** Null for the cluster's own row. */
  executor: string | null;
  counts: DisciplineCounts;
}

/** What one item adds to its executors' and cluster's counts (nothing when its due has not come). */
export function disciplineOf(facts: ItemFacts): DisciplineCounts | null {
  if (facts.timeliness === 'on_time') return { onTime: 1, late: 0, overdue: 0, daysLate: 0 };
  if (facts.timeliness === 'late') return { onTime: 0, late: 1, overdue: 0, daysLate: facts.daysLate };
  if (facts.state === 'overdue') return { onTime: 0, late: 0, overdue: 1, daysLate: facts.daysLate };
  return null;
}

export class DisciplineTallies {
  readonly #clusters = new Map<string, DisciplineRow>();
  readonly #executors = new Map<string, DisciplineRow>();

  constructor(clusters: readonly ReportCluster[]) {
    for (const c of clusters) this.#cluster(c);
  }

  add(cluster: ReportCluster, executors: readonly string[], facts: ItemFacts): void {
    const counts = disciplineOf(facts);
    if (!counts) return;
    addDiscipline(this.#cluster(cluster).counts, counts);
    const seen = new Set<string>();
    for (const raw of executors) {
      const key = executorKey(raw);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const id = `${cluster.slug}\u0000${key}`;
      let row = this.#executors.get(id);
      if (!row) {
        row = { cluster, executor: executorDisplay(raw), counts: emptyDiscipline() };
        this.#executors.set(id, row);
      }
      addDiscipline(row.counts, counts);
    }
  }

  #cluster(cluster: ReportCluster): DisciplineRow {
    let row = this.#clusters.get(cluster.slug);
    if (!row) {
      row = { cluster, executor: null, counts: emptyDiscipline() };
      this.#clusters.set(cluster.slug, row);
    }
    return row;
  }

  clusters(): DisciplineRow[] {
    return [...this.#clusters.values()];
  }

  executors(): DisciplineRow[] {
    return [...this.#executors.values()];
  }

  total(): DisciplineCounts {
    const total = emptyDiscipline();
    for (const row of this.#clusters.values()) addDiscipline(total, row.counts);
    return total;
  }
}
