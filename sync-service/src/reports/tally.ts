// Per-cluster counts for «Сводка», gathered in the same pass that writes the item sheets.
import { emptyTally, type TallyKey } from '@cluster/shared';
import type { ReportCluster } from './model.ts';

export interface ClusterTally {
  cluster: ReportCluster;
  items: number;
  /** By state, decisions with no deadline (`no_deadline`) apart from unreadable deadlines. */
  byState: Record<TallyKey, number>;
}

export class ClusterTallies {
  readonly #bySlug = new Map<string, ClusterTally>();

  constructor(clusters: readonly ReportCluster[]) {
    for (const c of clusters) this.#ensure(c);
  }

  add(cluster: ReportCluster, state: TallyKey): void {
    const t = this.#ensure(cluster);
    t.items++;
    t.byState[state]++;
  }

  #ensure(cluster: ReportCluster): ClusterTally {
    let t = this.#bySlug.get(cluster.slug);
    if (!t) {
      t = { cluster, items: 0, byState: emptyTally() };
      this.#bySlug.set(cluster.slug, t);
    }
    return t;
  }

  /** By region, then cluster name. */
  sorted(): ClusterTally[] {
    return [...this.#bySlug.values()].sort(
      (a, b) =>
        a.cluster.region.localeCompare(b.cluster.region, 'ru') ||
        a.cluster.name.localeCompare(b.cluster.name, 'ru'),
    );
  }

  total(): Omit<ClusterTally, 'cluster'> {
    const total = { items: 0, byState: emptyTally() };
    for (const t of this.#bySlug.values()) {
      total.items += t.items;
      for (const s of Object.keys(t.byState) as TallyKey[]) total.byState[s] += t.byState[s];
    }
    return total;
  }
}
