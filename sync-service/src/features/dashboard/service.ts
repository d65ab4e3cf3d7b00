// What the dashboard shows, read through the same paths as the reports: the store's item pages
// (storeReportSource), the report's classification (classify) and its per-cluster tallies, so the
// dashboard's counts are the counts of the report's «Сводка».
import {
  type DisciplineCounts,
  executorsSearchText,
  foldText,
  type ItemState,
  itemSearchText,
  tallyKeyOf,
  worstByKid,
} from '@cluster/shared';
import { canRead, type Principal, readableScope } from '../../app/access.ts';
import { trendStart } from '../../app/trend-scope.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { classify } from '../../reports/classify.ts';
import { type DisciplineRow, DisciplineTallies, type OrganisationRow } from '../../reports/discipline.ts';
import { FinalTallies, type FinalTally } from '../../reports/final-tally.ts';
import type { ReportCluster, ReportDocument } from '../../reports/model.ts';
import { scanMoves } from '../../reports/move-scan.ts';
import { storeReportSource } from '../../reports/store-source.ts';
import { ClusterTallies, type ClusterTally } from '../../reports/tally.ts';
import { type ClusterTrend, type TrendFigures, totalTrend, trendsOf } from '../../reports/trends.ts';
import type { AppServices } from '../../services.ts';
import type { Cluster, DocumentRecord, HistoryEvent, StoredItem } from '../../store/types.ts';

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
  /** КИД per cluster, the five worst executors, per organisation (when the tables name one). */
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
  tallies: ClusterTally[];
  total: Omit<ClusterTally, 'cluster'>;
  /** Overdue items matching the filter, most overdue first, at most `limit` of them. */
  overdue: OverdueRow[];
  /** How many overdue items match the filter in all. */
  overdueMatched: number;
  /** Executors of every overdue item in scope (the filter's suggestions). */
  overdueExecutors: string[];
  /** Documents of the current plans, with «Данные на». */
  documents: ReportDocument[];
  /** Plans finished by `asOf` with their final tally; null unless asked for. */
  finished: { document: ReportDocument; tally: FinalTally }[] | null;
  /** Rows gone from their sheets (newest first, at most `limit`). */
  removed: RemovedRow[];
}

/** Same folding as the store's search columns (lower case, ё = е). */
function matches(
  filter: OverdueFilter,
  item: { cluster: ReportCluster; executors: string[] },
  text: () => string,
): boolean {
  if (filter.cluster && item.cluster.slug !== filter.cluster) return false;
  if (filter.executor && !executorsSearchText(item.executors).includes(foldText(filter.executor)))
    return false;
  if (filter.q && !text().includes(foldText(filter.q))) return false;
  return true;
}

const collator = new Intl.Collator('ru', { numeric: true });

/** Most overdue first, then by cluster and number; cut to `limit`. */
function keep(rows: OverdueRow[], limit: number): void {
  rows.sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue ||
      collator.compare(a.cluster.name, b.cluster.name) ||
      collator.compare(a.number, b.number),
  );
  rows.length = Math.min(rows.length, limit);
}

/** One pass over the reader's items: per-cluster counts and the filtered overdue list. */
export async function overview(
  services: AppServices,
  p: Principal,
  asOf: string,
  filter: OverdueFilter,
  limit = 500,
  sinceAsked?: string,
): Promise<Overview> {
  const scope = readableScope(p);
  const source = storeReportSource(services.store, {
    ...scope,
    plansOn: asOf,
    includeArchived: filter.archived,
  });
  const scopeClusters = await source.clusters();
  const tallies = new ClusterTallies(scopeClusters);
  const discipline = new DisciplineTallies(scopeClusters);
  // As the report counts «в срок»: a deadline moved later counts.
  const { movedDue } = await scanMoves(source, services.config.timeZone);
  const overdue: OverdueRow[] = [];
  let matched = 0;
  const executors = new Set<string>();
  for await (const item of source.items()) {
    const facts = classify(item, asOf, services.config.soonDays, movedDue.get(item.id) ?? null);
    tallies.add(item.cluster, tallyKeyOf(facts.state, item.deadline));
    discipline.add(item.cluster, item.executors, facts, item.organisation ?? null);
    if (facts.state !== 'overdue') continue;
    for (const e of item.executors) executors.add(e);
    const text = () => itemSearchText(item);
    if (!matches(filter, item, text)) continue;
    matched++;
    // Only the most overdue `limit` rows are shown: trim now and then, so memory stays bounded.
    if (overdue.length >= 2 * limit) keep(overdue, limit);
    overdue.push({
      id: item.id,
      cluster: item.cluster,
      documentTitle: item.document.title,
      number: item.number,
      title: item.title,
      executors: item.executors,
      deadlineRaw: item.deadline.raw,
      due: facts.due,
      daysOverdue: facts.daysOverdue,
      result: item.result,
      markRaw: item.mark.raw,
    });
  }
  keep(overdue, limit);
  const documents = await source.documents();
  let finished: Overview['finished'] = null;
  if (filter.plans === 'finished') {
    const finals = new FinalTallies();
    for await (const item of source.finishedItems()) finals.add(item);
    finished = documents.finished.map((document) => ({ document, tally: finals.of(document.id) }));
  }
  const start = await trendStart(services.store, scope, asOf, sinceAsked);
  const byCluster = trendsOf(
    (await source.tallies?.({ since: start.since, until: asOf })) ?? [],
    start.since,
  );
  return {
    asOf,
    discipline: {
      clusters: discipline.clusters(),
      worst: worstByKid(discipline.executors(), (e) => e.counts),
      organisations: discipline.organisations(),
      total: discipline.total(),
    },
    trend: { ...start, byCluster, total: totalTrend(byCluster.values()) },
    tallies: tallies.sorted(),
    total: tallies.total(),
    overdue,
    overdueMatched: matched,
    overdueExecutors: [...executors].sort((a, b) => a.localeCompare(b, 'ru')),
    documents: documents.current,
    finished,
    removed: await removedRows(services, scope, documents, limit),
  };
}

async function removedRows(
  services: AppServices,
  scope: ReturnType<typeof readableScope>,
  documents: { current: ReportDocument[]; finished: ReportDocument[] },
  limit: number,
): Promise<RemovedRow[]> {
  const titles = new Map([...documents.current, ...documents.finished].map((d) => [d.id, d]));
  const items = await services.store.items.list({ ...scope, removedOnly: true, limit: 100_000 });
  return items
    .sort((a, b) => (b.removedAt ?? '').localeCompare(a.removedAt ?? ''))
    .slice(0, limit)
    .map((i) => ({
      id: i.id,
      clusterName: titles.get(i.documentId)?.cluster.name ?? i.clusterSlug,
      documentTitle: titles.get(i.documentId)?.title ?? '',
      number: i.number,
      title: i.title,
      removedAt: i.removedAt,
    }));
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
