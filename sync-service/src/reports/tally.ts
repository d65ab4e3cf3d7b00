// Per-cluster counts for «Сводка», gathered in the same pass that writes the item sheets.
import type { ItemState } from '@cluster/shared';
import type { ReportCluster } from './model.ts';

export interface ClusterTally {
  cluster: ReportCluster;
  items: number;
  byState: Record<ItemState, number>;
}

const emptyStates = (): Record<ItemState, number> => ({
  done: 0,
  overdue: 0,
  due_soon: 0,
  in_progress: 0,
  upcoming: 0,
  ongoing: 0,
  unknown: 0,
});

export class ClusterTallies {
  readonly #bySlug = new Map<string, ClusterTally>();

  constructor(clusters: readonly ReportCluster[]) {
    for (const c of clusters) this.#ensure(c);
  }

  add(cluster: ReportCluster, state: ItemState): void {
    const t = this.#ensure(cluster);
    t.items++;
    t.byState[state]++;
  }

  #ensure(cluster: ReportCluster): ClusterTally {
    let t = this.#bySlug.get(cluster.slug);
    if (!t) {
      t = { cluster, items: 0, byState: emptyStates() };
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
    const total = { items: 0, byState: emptyStates() };
    for (const t of this.#bySlug.values()) {
      total.items += t.items;
      for (const s of Object.keys(t.byState) as ItemState[]) total.byState[s] += t.byState[s];
    }
    return total;
  }
}
