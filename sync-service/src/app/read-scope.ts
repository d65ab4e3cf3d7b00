// What a reader sees, from the one rule readableScope(principal): the clusters it may list, and the
// store scope of a list or report, narrowed to one cluster when the request names one.
import type { Store } from '../store/api.ts';
import type { Cluster } from '../store/types.ts';
import { clusterFor, type Principal, type ReadableScope, readableScope } from './access.ts';

/** The clusters the principal may read, ordered by slug. */
export async function readableClusters(store: Pick<Store, 'clusters'>, p: Principal): Promise<Cluster[]> {
  const scope = readableScope(p);
  const all = await store.clusters.list(scope.region === undefined ? {} : { region: scope.region });
  const only = scope.clusterSlugs && new Set(scope.clusterSlugs);
  return only ? all.filter((c) => only.has(c.slug)) : all;
}

/** The scope of a read: the named cluster (checked: not_found, forbidden) or all the principal may read. */
export async function readScope(
  services: { store: Pick<Store, 'clusters'> },
  p: Principal,
  cluster: string | undefined,
): Promise<ReadableScope> {
  if (cluster) return { clusterSlugs: [(await clusterFor(services, p, cluster, 'read')).slug] };
  return readableScope(p);
}
