// What the dashboard shows: counts from the rollups the store keeps at sync time (the numbers of the
// report's «Сводка» and «Исполнительская дисциплина» for the same day), lists as pages cut in SQL.
import {
  addDiscipline,
  compareRu,
  type DisciplineCounts,
  emptyDiscipline,
  emptyTally,
  type ItemState,
  kid,
  TALLY_ORDER,
} from '@cluster/shared';
import { canRead, type Principal, readableScope } from '../../app/access.ts';
import { readableClusters } from '../../app/read-scope.ts';
import { trendStart } from '../../app/trend-scope.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { classify } from '../../reports/classify.ts';
import type { DisciplineRow, OrganisationRow } from '../../reports/discipline.ts';
import { FinalTallies, type FinalTally } from '../../reports/final-tally.ts';
import type { ReportCluster, ReportDocument } from '../../reports/model.ts';
import { storeReportSource } from '../../reports/store-source.ts';
import type { ClusterTally } from '../../reports/tally.ts';
import { type ClusterTrend, figuresOf, type TrendFigures, trendsOf } from '../../reports/trends.ts';
import type { AppServices } from '../../services.ts';
import type { Cluster, DocumentRecord, HistoryEvent, ItemFilter, StoredItem } from '../../store/types.ts';

export interface OverdueFilter {
  /** Cluster slug. */
  cluster?: string | undefined;
  /** Part of an executor's name. */
  executor?: string | undefined;
  /** Text in number, task, title, executors, result or mark. */
  q?: string | undefined;
  /** `finished`: also the plans finished by the date, with their final tally. */
  plans?: 'current' | 'finished' | undefined;
  /** Count and list the items of archived documents too. */
  archived?: boolean | undefined;
}

/** A row gone from its sheet: its page stays readable. */
export interface RemovedRow {
  id: string;
  clusterName: string;
  documentTitle: string;
  number: string;
  title: string;
  removedAt: string | null;
}

export interface OverdueRow {
  id: string;
  cluster: ReportCluster;
  documentTitle: string;
  number: string;
  title: string;
  executors: string[];
  deadlineRaw: string;
  due: string | null;
  daysOverdue: number;
  result: string;
  markRaw: string;
}

export interface Overview {
  asOf: string;
  /** КИД per cluster shown, the five worst executors, per organisation (when the tables name one). */
  discipline: {
    clusters: DisciplineRow[];
    worst: DisciplineRow[];
    organisations: OrganisationRow[];
    total: DisciplineCounts;
  };
  /** Change since `since`, from the tallies the syncs kept. */
  trend: {
    since: string;
    previousReport: boolean;
    byCluster: Map<string, ClusterTrend>;
    total: { before: TrendFigures; now: TrendFigures };
  };
  /** The clusters of the page shown (`clusterPager`), in its order. */
  tallies: ClusterTally[];
  /** Over every cluster in scope. */
  total: Omit<ClusterTally, 'cluster'>;
  clusterPager: Pager & { sort: ClusterSort };
  /** A page of the overdue items matching the filter, most overdue first. */
  overdue: OverdueRow[];
  /** How many overdue items match the filter in all. */
  overdueMatched: number;
  overduePager: Pager;
  /** Executors of every overdue item in scope (the filter's suggestions). */
  overdueExecutors: string[];
  /** Documents of the current plans of the clusters shown, with «Данные на». */
  documents: ReportDocument[];
  /** Plans finished by `asOf` with their final tally; null unless asked for. */
  finished: { document: ReportDocument; tally: FinalTally }[] | null;
  /** A page of the rows gone from their sheets, newest first. */
  removed: RemovedRow[];
  removedPager: Pager;
}

/** Rows per page of the cluster table (with its КИД, trend and documents), the overdue and removed lists: 25 keeps the admin overview under 300 KB of HTML (a cluster row with its bar, КИД, trend and documents is ≈5 KB). */
export const OVERVIEW_PAGE = { clusters: 25, overdue: 25, removed: 25 } as const;

/** Orders of the cluster table. */
export const CLUSTER_SORTS = ['name', 'overdue', 'kid', 'items'] as const;
export type ClusterSort = (typeof CLUSTER_SORTS)[number];

export interface OverviewPaging {
  /** 1-based pages of the cluster table, the overdue list and the removed rows. */
  clusters?: number | undefined;
  clusterSort?: ClusterSort | undefined;
  overdue?: number | undefined;
  removed?: number | undefined;
  /** Rows per page of the cluster table and the removed rows (default OVERVIEW_PAGE; tests ask for fewer). */
  sizes?: { clusters?: number; removed?: number };
}

export interface Pager {
  page: number;
  pages: number;
  total: number;
  /** Rows per page. */
  size: number;
}

function pagerOf(total: number, size: number, asked: number | undefined): Pager {
  const pages = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(Math.max(1, asked ?? 1), pages), pages, total, size };
}

const byName = (a: ClusterRank, b: ClusterRank) => a.byName - b.byName;

const CLUSTER_ORDER: Record<ClusterSort, (a: ClusterRank, b: ClusterRank) => number> = {
  name: byName,
  overdue: (a, b) => b.tally.byState.overdue - a.tally.byState.overdue || byName(a, b),
  kid: (a, b) => a.kid - b.kid || byName(a, b),
  items: (a, b) => b.tally.items - a.tally.items || byName(a, b),
};

interface ClusterRank {
  tally: ClusterTally;
  counts: DisciplineCounts;
  /** КИД, 101 when nothing is due yet (last in the КИД order). */
  kid: number;
  /** Its place by region, then name (nameOrder). */
  byName: number;
}

/** Name orders remembered (the administrator's list, a few regions'). */
const NAME_ORDERS_KEPT = 16;
const nameOrders = new Map<string, Int32Array>();

/**
 * Each cluster's place by region, then name (Russian order; equal names in list order), by its index
 * in `clusters`. Remembered per list: collating 2,000 names was ~10 ms of every admin overview on
 * the event loop, and the list changes only when a cluster is registered, renamed or moved.
 */
function nameOrder(clusters: readonly ReportCluster[]): Int32Array {
  const key = clusters.map((c) => `${c.region}\u0000${c.name}`).join('\u0001');
  const kept = nameOrders.get(key);
  if (kept) return kept;
  const sorted = clusters
    .map((_, i) => i)
    .sort(
      (a, b) =>
        compareRu(clusters[a].region, clusters[b].region) || compareRu(clusters[a].name, clusters[b].name),
    );
  const order = new Int32Array(clusters.length);
  for (const [place, i] of sorted.entries()) order[i] = place;
  if (nameOrders.size >= NAME_ORDERS_KEPT) nameOrders.delete(nameOrders.keys().next().value as string);
  nameOrders.set(key, order);
  return order;
}

/**
 * The counts come from the rollups the store keeps at write time (store/rollups.ts): the same
 * numbers the report's pass over the items gives (classify, ClusterTallies, DisciplineTallies), for
 * any day, without reading items. The lists are pages the store cuts in SQL.
 */
export async function overview(
  services: AppServices,
  p: Principal,
  asOf: string,
  filter: OverdueFilter,
  limit: number = OVERVIEW_PAGE.overdue,
  sinceAsked?: string,
  paging: OverviewPaging = {},
): Promise<Overview> {
  const { store, config } = services;
  const scope = readableScope(p);
  // The scope's clusters and their sums («Данные на» only for those of the page), and the trend's
  // total now: the longest read of the page on PostgreSQL, so it starts first.
  const [listed, sums, totalNow] = await Promise.all([
    readableClusters(store, p),
    store.rollups.day({ ...scope, asOf, soonDays: config.soonDays, includeArchived: filter.archived }),
    store.tallies.totalOn(scope, asOf),
  ]);
  const scopeClusters: ReportCluster[] = listed.map((c) => ({
    slug: c.slug,
    name: c.name,
    region: c.region,
  }));
  const rollups = new Map(sums.clusters.map((r) => [r.clusterSlug, r]));
  const names = nameOrder(scopeClusters);
  const ranks: ClusterRank[] = scopeClusters.map((cluster, i) => {
    const r = rollups.get(cluster.slug);
    const counts = r?.discipline ?? emptyDiscipline();
    return {
      tally: { cluster, items: r?.items ?? 0, byState: r ? { ...r.byState } : emptyTally() },
      counts,
      kid: kid(counts) ?? 101,
      byName: names[i],
    };
  });
  const total = { items: 0, byState: emptyTally() };
  const disciplineTotal = emptyDiscipline();
  for (const r of ranks) {
    total.items += r.tally.items;
    for (const k of TALLY_ORDER) total.byState[k] += r.tally.byState[k];
    addDiscipline(disciplineTotal, r.counts);
  }
  const sort = paging.clusterSort ?? 'name';
  ranks.sort(CLUSTER_ORDER[sort]);
  const clusterPager = pagerOf(
    ranks.length,
    paging.sizes?.clusters ?? OVERVIEW_PAGE.clusters,
    paging.clusters,
  );
  const shown = ranks.slice(
    (clusterPager.page - 1) * clusterPager.size,
    clusterPager.page * clusterPager.size,
  );
  const shownClusters = shown.map((r) => r.tally.cluster);
  const shownSlugs = shownClusters.map((c) => c.slug);

  const bySlug = new Map(scopeClusters.map((c) => [c.slug, c]));
  const worst = sums.worst.flatMap((e): DisciplineRow[] => {
    const cluster = bySlug.get(e.clusterSlug);
    return cluster ? [{ cluster, executor: e.executor, counts: e.counts }] : [];
  });

  const overdueFilter: ItemFilter = {
    ...scope,
    ...(filter.cluster ? { clusterSlugs: scopedSlugs(scope, filter.cluster) } : {}),
    plans: { on: asOf, which: 'current' },
    includeArchived: filter.archived,
    state: 'overdue',
    stateOn: { today: asOf, soonDays: config.soonDays },
    executor: filter.executor,
    q: filter.q,
    sort: 'due',
  };
  // The parts below read apart: on PostgreSQL each over a connection of its own, at once.
  const overdue = async () => {
    // Without a text or executor filter the rollups have the count already.
    const matched =
      filter.executor || filter.q
        ? await store.items.count(overdueFilter)
        : filter.cluster
          ? (rollups.get(filter.cluster)?.byState.overdue ?? 0)
          : total.byState.overdue;
    const pager = pagerOf(matched, limit, paging.overdue);
    const items = await store.items.list({
      ...overdueFilter,
      limit,
      offset: (pager.page - 1) * limit,
      matches: matched,
    });
    const titles = await store.documents.titles(items.map((i) => i.documentId));
    return {
      matched,
      pager,
      rows: items.map((item) => overdueRow(item, bySlug, titles, asOf, config.soonDays)),
    };
  };
  // Documents of the clusters shown only: a page, not every document in scope.
  const shownSource = storeReportSource(store, { clusterSlugs: shownSlugs, plansOn: asOf });
  const documentsOfPage = async () => {
    const [documents, last] = await Promise.all([
      shownSource.documents(shownClusters),
      store.syncRuns.lastByCluster({ clusterSlugs: shownSlugs }),
    ]);
    for (const c of shownClusters) c.lastSyncAt = last.get(c.slug) ?? null;
    let finished: Overview['finished'] = null;
    if (filter.plans === 'finished') {
      const finals = new FinalTallies();
      for await (const item of shownSource.finishedItems()) finals.add(item);
      finished = documents.finished.map((document) => ({ document, tally: finals.of(document.id) }));
    }
    return { current: documents.current, finished };
  };
  const trend = async () => {
    const start = await trendStart(store, scope, asOf, sinceAsked);
    // The clusters shown have their series; the total line sums every cluster's tallies in SQL.
    const [series, before] = await Promise.all([
      store.tallies.series({ clusterSlugs: shownSlugs, since: start.since, until: asOf }),
      store.tallies.totalOn(scope, start.since),
    ]);
    return {
      ...start,
      byCluster: trendsOf(series, start.since),
      total: { before: figuresOf(before), now: figuresOf(totalNow) },
    };
  };
  const [overdueList, documents, trendData, removed] = await Promise.all([
    overdue(),
    documentsOfPage(),
    trend(),
    removedRows(services, scope, bySlug, paging.removed, paging.sizes?.removed),
  ]);
  return {
    asOf,
    discipline: {
      clusters: shown.map((r) => ({ cluster: r.tally.cluster, executor: null, counts: r.counts })),
      worst,
      organisations: sums.organisations,
      total: disciplineTotal,
    },
    trend: trendData,
    tallies: shown.map((r) => r.tally),
    total,
    clusterPager: { ...clusterPager, sort },
    overdue: overdueList.rows,
    overdueMatched: overdueList.matched,
    overduePager: overdueList.pager,
    overdueExecutors: sums.overdueExecutors,
    documents: documents.current,
    finished: documents.finished,
    removed: removed.rows,
    removedPager: removed.pager,
  };
}

/** The cluster asked for, if the reader's scope holds it (the store applies the region too). */
function scopedSlugs(scope: ReturnType<typeof readableScope>, slug: string): string[] {
  return scope.clusterSlugs ? scope.clusterSlugs.filter((s) => s === slug) : [slug];
}

function overdueRow(
  item: StoredItem,
  clusters: Map<string, ReportCluster>,
  titles: Map<string, string>,
  asOf: string,
  soonDays: number,
): OverdueRow {
  const cluster = clusters.get(item.clusterSlug) ?? {
    slug: item.clusterSlug,
    name: item.clusterSlug,
    region: '',
  };
  const documentTitle = titles.get(item.documentId) ?? '';
  // Judged as the report judges it (the page holds a few rows).
  const facts = classify(
    { ...item, cluster, document: { title: documentTitle, period: item.period } },
    asOf,
    soonDays,
  );
  return {
    id: item.id,
    cluster,
    documentTitle,
    number: item.number,
    title: item.title,
    executors: item.executors,
    deadlineRaw: item.deadline.raw,
    due: facts.due,
    daysOverdue: facts.daysOverdue,
    result: item.result,
    markRaw: item.mark.raw,
  };
}

/** Rows gone from their sheets, newest first, a page cut in SQL. */
async function removedRows(
  services: AppServices,
  scope: ReturnType<typeof readableScope>,
  clusters: Map<string, ReportCluster>,
  page: number | undefined,
  size: number = OVERVIEW_PAGE.removed,
): Promise<{ rows: RemovedRow[]; pager: Pager }> {
  const filter: ItemFilter = { ...scope, removedOnly: true, sort: 'removed' };
  const pageAt = (n: number) => services.store.items.list({ ...filter, limit: size, offset: (n - 1) * size });
  // The count and the page asked for at once; a page past the last reads the last.
  const asked = Math.max(1, page ?? 1);
  const [total, read] = await Promise.all([services.store.items.count(filter), pageAt(asked)]);
  const pager = pagerOf(total, size, page);
  const items = pager.page === asked ? read : await pageAt(pager.page);
  const titles = await services.store.documents.titles(items.map((i) => i.documentId));
  const rows = items.map((i) => ({
    id: i.id,
    clusterName: clusters.get(i.clusterSlug)?.name ?? i.clusterSlug,
    documentTitle: titles.get(i.documentId) ?? '',
    number: i.number,
    title: i.title,
    removedAt: i.removedAt,
  }));
  return { rows, pager };
}

export interface ItemPage {
  item: StoredItem;
  cluster: Cluster;
  document: DocumentRecord | null;
  /** State and due on `asOf`. */
  state: ItemState;
  due: string | null;
  daysOverdue: number;
  events: HistoryEvent[];
}

/** One item with its history, if the reader may see its cluster. */
export async function itemPage(
  services: AppServices,
  p: Principal,
  id: string,
  asOf: string,
): Promise<ItemPage> {
  const { store } = services;
  const item = await store.items.get(id);
  if (!item) throw notFound('Мероприятие не найдено');
  const cluster = await store.clusters.getById(item.clusterId);
  if (!cluster || !canRead(p, cluster)) throw forbidden('Этот токен не даёт доступа к этому мероприятию');
  const document = await store.documents.getById(item.documentId);
  // Judged exactly as the report judges it.
  const facts = classify(
    {
      id: item.id,
      cluster: { slug: cluster.slug, name: cluster.name, region: cluster.region },
      document: { title: document?.title ?? '', period: item.period },
      row: item.row,
      number: item.number,
      task: item.task,
      title: item.title,
      executors: item.executors,
      deadline: item.deadline,
      result: item.result,
      mark: item.mark,
    },
    asOf,
    services.config.soonDays,
  );
  return {
    item,
    cluster,
    document,
    state: facts.state,
    due: facts.due,
    daysOverdue: facts.daysOverdue,
    events: await store.items.history(id),
  };
}
