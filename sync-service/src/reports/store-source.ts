// The store as a report's source: the clusters of the scope, and items and deadline moves read in
// batches (the store pages by key), so a report never loads everything at once.
import { organisationOf, planFinished, plannedDue } from '@cluster/shared';
import type { Store } from '../store/store.ts';
import type { MoveAtCreation, ReportItem as StoredReportItem } from '../store/types.ts';
import { executorKey } from './executors.ts';
import type { ReportCluster, ReportDocument, ReportItem, ReportMove, ReportSource } from './model.ts';

export interface ReportScope {
  /** Only this region's clusters. */
  region?: string | null;
  /** Only these clusters (by slug). */
  clusterSlugs?: string[] | null;
  /**
   * The report's date: items and moves then cover only the plans current on it, and
   * `finishedItems` the plans finished by it. Without it every plan counts as current.
   */
  plansOn?: string | null;
  /** Items of archived documents too (the dashboard's filter; reports leave them out). */
  includeArchived?: boolean | undefined;
}

const BATCH = 500;

/** The key reports made are remembered under: «cluster:slug», «region:…» or «all». */
export function scopeKey(scope: ReportScope): string {
  if (scope.clusterSlugs?.length === 1) return `cluster:${scope.clusterSlugs[0]}`;
  if (scope.clusterSlugs) return `clusters:${[...scope.clusterSlugs].sort().join(',')}`;
  if (scope.region) return `region:${scope.region}`;
  return 'all';
}

/**
 * The organisations the clusters' contacts name for their executors: an item whose table names none
 * counts for its first executor's organisation. Contacts are few next to items: read once.
 */
async function contactOrganisations(
  store: Store,
  scope: ReportScope,
): Promise<(clusterSlug: string, executors: readonly string[]) => string | null> {
  const byExecutor = new Map<string, string>();
  const wanted = scope.clusterSlugs ? new Set(scope.clusterSlugs) : null;
  for (const c of await store.contacts.list()) {
    if (!c.organisation || (wanted && !wanted.has(c.clusterSlug))) continue;
    byExecutor.set(`${c.clusterSlug}\u0000${c.executorKey}`, c.organisation);
  }
  if (byExecutor.size === 0) return () => null;
  return (clusterSlug, executors) => {
    for (const e of executors) {
      const found = byExecutor.get(`${clusterSlug}\u0000${executorKey(e)}`);
      if (found) return found;
    }
    return null;
  };
}

export function storeReportSource(store: Store, scope: ReportScope): Required<ReportSource> {
  const filter = {
    ...(scope.region ? { region: scope.region } : {}),
    ...(scope.clusterSlugs ? { clusterSlugs: scope.clusterSlugs } : {}),
    ...(scope.includeArchived ? { includeArchived: true } : {}),
  };
  const plans = (which: 'current' | 'finished') =>
    scope.plansOn ? { plans: { on: scope.plansOn, which } } : {};
  // One object per cluster, shared by its items.
  const clusters = new Map<string, ReportCluster>();
  const clusterOf = (slug: string, name: string, region: string): ReportCluster => {
    let c = clusters.get(slug);
    if (!c) {
      c = { slug, name, region };
      clusters.set(slug, c);
    }
    return c;
  };
  const itemOf = (
    it: StoredReportItem,
    organisationOfContact: (clusterSlug: string, executors: readonly string[]) => string | null,
  ): ReportItem => ({
    id: it.id,
    cluster: clusterOf(it.clusterSlug, it.clusterName, it.region),
    document: { id: it.documentId, title: it.documentTitle, period: it.period },
    row: it.row,
    number: it.number,
    task: it.task,
    title: it.title,
    executors: it.executors,
    deadline: it.deadline,
    result: it.result,
    mark: it.mark,
    organisation: organisationOf(it.extra) ?? organisationOfContact(it.clusterSlug, it.executors),
  });

  return {
    async clusters() {
      const list = await store.clusters.list(scope.region ? { region: scope.region } : undefined);
      const wanted = scope.clusterSlugs ? new Set(scope.clusterSlugs) : null;
      const last = await store.syncRuns.lastByCluster(filter);
      return list
        .filter((c) => !wanted || wanted.has(c.slug))
        .map((c) => {
          const cluster = clusterOf(c.slug, c.name, c.region);
          cluster.lastSyncAt = last.get(c.slug) ?? null;
          return cluster;
        });
    },

    async *items(): AsyncGenerator<ReportItem> {
      const organisationOfContact = await contactOrganisations(store, scope);
      for await (const batch of store.items.iterate({ ...filter, ...plans('current') }, BATCH)) {
        for (const it of batch) yield itemOf(it, organisationOfContact);
      }
    },

    async *finishedItems(): AsyncGenerator<ReportItem> {
      if (!scope.plansOn) return;
      const organisationOfContact = await contactOrganisations(store, scope);
      for await (const batch of store.items.iterate({ ...filter, ...plans('finished') }, BATCH)) {
        for (const it of batch) yield itemOf(it, organisationOfContact);
      }
    },

    async documents(known) {
      const byCluster = new Map<string, ReportCluster>();
      for (const c of known ?? (await this.clusters())) byCluster.set(c.slug, c);
      const docs = await store.documents.list(filter);
      const all = docs.flatMap((d): ReportDocument[] => {
        const cluster = byCluster.get(d.clusterSlug);
        if (!cluster) return [];
        return [
          {
            id: d.id,
            cluster,
            title: d.title,
            period: d.period,
            items: d.itemCount,
            lastSyncAt: d.lastSyncAt,
          },
        ];
      });
      // Finished by the report's date only when the source splits the plans (see `plansOn`).
      const done = (d: ReportDocument) => !!scope.plansOn && planFinished(d.period, scope.plansOn);
      return { current: all.filter((d) => !done(d)), finished: all.filter(done) };
    },

    tallies(range) {
      return store.tallies.series({ ...filter, ...range });
    },

    async *moves(range = {}): AsyncGenerator<ReportMove> {
      const until = range.until ? { until: range.until } : {};
      const wanted = { ...filter, ...plans('current'), ...until };
      // Moves the rows carried when first synced (no sync saw them), then those syncs saw.
      const moveOf = (
        m: Omit<MoveAtCreation, 'deadline' | 'mark' | 'at'>,
        from: string | null,
        to: string | null,
        seenAt: string,
      ): ReportMove => ({
        itemId: m.itemId,
        cluster: clusterOf(m.clusterSlug, m.clusterName, m.region),
        documentTitle: m.documentTitle,
        documentPeriod: m.documentPeriod,
        number: m.number,
        title: m.title,
        from,
        to,
        seenAt,
      });
      for await (const batch of store.items.iterateMovesAtCreation(wanted, BATCH)) {
        for (const m of batch) {
          const to = plannedDue(m.deadline, m.mark);
          const from = m.deadline.due;
          if (from !== null && to !== null && from !== to) yield moveOf(m, from, to, m.at);
        }
      }
      for await (const batch of store.items.iterateDeadlineMoves(wanted, BATCH)) {
        for (const m of batch) yield moveOf(m, m.oldDue, m.newDue, m.at);
      }
    },
  };
}
