// КИД counts per cluster and per executor within a cluster, gathered in the pass over the items.
// An executor is counted within its cluster: «Председатель КС» of two clusters are two people.
import { addDiscipline, type DisciplineCounts, emptyDiscipline } from '@cluster/shared';
import type { ItemFacts } from './classify.ts';
import { cachedExecutorKey, executorDisplay } from './executors.ts';
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

/** An organisation's counts over every cluster of the scope it works in. */
export interface OrganisationRow {
  organisation: string;
  counts: DisciplineCounts;
}

export class DisciplineTallies {
  readonly #clusters = new Map<string, DisciplineRow>();
  readonly #executors = new Map<string, DisciplineRow>();
  readonly #organisations = new Map<string, OrganisationRow>();

  constructor(clusters: readonly ReportCluster[]) {
    for (const c of clusters) this.#cluster(c);
  }

  add(
    cluster: ReportCluster,
    executors: readonly string[],
    facts: ItemFacts,
    organisation: string | null = null,
  ): void {
    const counts = disciplineOf(facts);
    if (!counts) return;
    addDiscipline(this.#cluster(cluster).counts, counts);
    if (organisation) {
      const key = cachedExecutorKey(organisation);
      let row = this.#organisations.get(key);
      if (!row) {
        row = { organisation: executorDisplay(organisation), counts: emptyDiscipline() };
        this.#organisations.set(key, row);
      }
      addDiscipline(row.counts, counts);
    }
    const seen = new Set<string>();
    for (const raw of executors) {
      const key = cachedExecutorKey(raw);
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

  organisations(): OrganisationRow[] {
    return [...this.#organisations.values()];
  }

  total(): DisciplineCounts {
    const total = emptyDiscipline();
    for (const row of this.#clusters.values()) addDiscipline(total, row.counts);
    return total;
  }
}
