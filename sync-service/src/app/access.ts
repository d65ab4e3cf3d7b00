// Who may do what: a cluster token reads and writes its own cluster, a department token reads the
// clusters of its region, an admin token may do everything. One rule for every list, read and report.
import { forbidden, notFound } from './errors.ts';

export type Principal =
  | { kind: 'admin'; tokenId: string }
  | { kind: 'cluster'; tokenId: string; clusterId: string; clusterSlug: string; region: string }
  | { kind: 'department'; tokenId: string; departmentId: string; region: string };

/** The smallest view of a cluster access decisions need. */
export interface ClusterRef {
  id: string;
  slug: string;
  region: string;
}

/** Which clusters a principal may read, as the store's scope filter (no field: all of them). */
export interface ReadableScope {
  clusterSlugs?: string[];
  region?: string;
}

export function readableScope(p: Principal): ReadableScope {
  if (p.kind === 'cluster') return { clusterSlugs: [p.clusterSlug] };
  if (p.kind === 'department') return { region: p.region };
  return {};
}

export function canRead(p: Principal, cluster: ClusterRef): boolean {
  if (p.kind === 'admin') return true;
  if (p.kind === 'cluster') return p.clusterId === cluster.id;
  return p.region === cluster.region;
}

export function canWrite(p: Principal, cluster: ClusterRef): boolean {
  if (p.kind === 'admin') return true;
  if (p.kind === 'cluster') return p.clusterId === cluster.id;
  return false;
}

/** Who a sync is recorded as: the token's id. */
export function actorOf(p: Principal): string {
  return `token:${p.tokenId}`;
}

/** The cluster by slug; not_found when there is none, forbidden when the caller may not read (write) it. */
export async function clusterFor<C extends ClusterRef>(
  services: { store: { clusters: { getBySlug(slug: string): Promise<C | null> } } },
  p: Principal,
  slug: string,
  mode: 'read' | 'write',
): Promise<C> {
  const cluster = await services.store.clusters.getBySlug(slug);
  if (!cluster) throw notFound(`Кластер «${slug}» не найден`);
  const ok = mode === 'read' ? canRead(p, cluster) : canWrite(p, cluster);
  if (!ok) {
    throw forbidden(
      mode === 'write'
        ? `Этот токен не может изменять данные кластера «${slug}»`
        : `Этот токен не даёт доступа к кластеру «${slug}»`,
    );
  }
  return cluster;
}
