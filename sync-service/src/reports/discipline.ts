// КИД counts per cluster and per executor within a cluster, gathered in the pass over the items.
// An executor is counted within its cluster: «Председатель КС» of two clusters are two people.
import { addDiscipline, type DisciplineCounts, emptyDiscipline } from '@cluster/shared';
import type { ItemFacts } from './classify.ts';
import { bySpelling, cachedExecutorKey, executorDisplay } from './executors.ts';
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

/**
 * An executor's row: its counts are its own fields (`counts` reads them out), so a row is one small
 * object; at national scale there are ~100,000 of them, held until the report's end.
 */
class ExecutorRow implements DisciplineRow, DisciplineCounts {
  readonly cluster: ReportCluster;
  readonly executor: string;
  onTime = 0;
  late = 0;
  overdue = 0;
  daysLate = 0;
  constructor(cluster: ReportCluster, executor: string) {
    this.cluster = cluster;
    this.executor = executor;
  }
  get counts(): DisciplineCounts {
    return { onTime: this.onTime, late: this.late, overdue: this.overdue, daysLate: this.daysLate };
  }
}

/** One display string per spelling: the same few spellings recur in every cluster. */
const sharedDisplay = bySpelling(executorDisplay);

export class DisciplineTallies {
  readonly #clusters = new Map<string, DisciplineRow>();
  /** Per cluster (by slug), its executors by key: no key string made per cluster and executor. */
  readonly #executors = new Map<string, Map<string, ExecutorRow>>();
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
    let ofCluster = this.#executors.get(cluster.slug);
    if (!ofCluster) {
      ofCluster = new Map();
      this.#executors.set(cluster.slug, ofCluster);
    }
    const seen = executors.length > 1 ? new Set<string>() : null;
    for (const raw of executors) {
      const key = cachedExecutorKey(raw);
      if (!key || seen?.has(key)) continue;
      seen?.add(key);
      let row = ofCluster.get(key);
      if (!row) {
        row = new ExecutorRow(cluster, sharedDisplay(raw));
        ofCluster.set(key, row);
      }
      addDiscipline(row, counts);
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
    const out: DisciplineRow[] = [];
    for (const ofCluster of this.#executors.values()) for (const row of ofCluster.values()) out.push(row);
    return out;
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
