// Counts on any day from the rollups the writers keep (rollup-write.ts): per cluster by state and
// КИД, per executor and per organisation — sums over the spans holding on the day, one row read per
// group, no item read. An open span is judged by the domain's stateOnDay, as itemState judges.
// A cluster's sums for a day are remembered until its stamp moves (rollups written, a document
// archived, contacts changed): a dashboard read between syncs reads only the stamps. A scope's sums
// (a region's, every cluster's: the five worst of a hundred thousand executors…) are remembered
// while they are made of the same cluster sums, so such a read does not add up the scope again.
// Sums being made are shared too: a read that needs a cluster's sums another read (or the warm-up
// at start, app/warm-rollups.ts) is making for the same stamp and day waits for those.
import {
  addDiscipline,
  compareRu,
  type DisciplineCounts,
  dayNumber,
  emptyDiscipline,
  emptyTally,
  executorDisplay,
  executorKey,
  stateOnDay,
  type TallyKey,
  worstByKid,
} from '@cluster/shared';
import { pace, turn } from '../turn.ts';
import type { Store } from './api.ts';
import { type Db, marks } from './db.ts';
import { planCondition } from './reads.ts';
import { EXECUTORS_SEP, type RollupDim, type SpanEntry } from './rollup-write.ts';
import { scopeConditions } from './scope.ts';
import type { ClusterRollup, ExecutorRollup, OrganisationRollup, RollupFilter } from './types.ts';

interface GroupRow {
  cluster_id: string;
  dim: RollupDim;
  who: string;
  label: string;
  spans: string;
}

/** Adds the spans holding on the day: states (when asked) and КИД counts, as classify would. */
function addSpans(
  spans: string,
  day: { asOf: string; soonDays: number },
  discipline: DisciplineCounts,
  byState?: Record<TallyKey, number>,
): void {
  const { asOf, soonDays } = day;
  const n0 = dayNumber(asOf);
  for (const [tally, timeliness, from, until, due, start, n, days] of JSON.parse(spans) as SpanEntry[]) {
    if (from > asOf || until <= asOf) continue;
    const key =
      tally === 'open' ? stateOnDay({ due, start: start || null }, asOf, soonDays) : (tally as TallyKey);
    if (byState) byState[key] += n;
    if (timeliness === 'on_time') discipline.onTime += n;
    else if (timeliness === 'late') {
      discipline.late += n;
      discipline.daysLate += days;
    } else if (key === 'overdue') {
      // `days` sums the dues' day numbers: days overdue = n × the day − that sum.
      discipline.overdue += n;
      discipline.daysLate += n * n0 - days;
    }
  }
}

const counted = (c: DisciplineCounts) => c.onTime + c.late + c.overdue > 0;

function addTo(
  into: Map<string, OrganisationRollup>,
  key: string,
  label: string,
  counts: DisciplineCounts,
): void {
  const row = into.get(key) ?? { organisation: label, counts: emptyDiscipline() };
  into.set(key, row);
  addDiscipline(row.counts, counts);
}

/** One cluster's sums on one day. */
interface ClusterDay {
  rollup: ClusterRollup;
  executors: ExecutorRollup[];
  /** Its worst executors by КИД and the names of those with an overdue item: a national scope holds
   * a hundred thousand executors, so a read merges these few per cluster instead. */
  worst: ExecutorRollup[];
  overdueNames: string[];
  organisations: Map<string, OrganisationRollup>;
}

interface Stamped {
  id: string;
  slug: string;
  stamp: number | string;
}

/** Each cluster's stamp: moved by every writer of what its sums read (rollup-write.ts bumpClusters). */
const STAMPS = 'SELECT c.id, c.slug, c.rollup_stamp AS stamp FROM clusters c';

/**
 * Clusters summed per query when none is remembered (a service just started): each chunk's rows are
 * read and decoded in one go, so a small chunk lets other requests run in between (~25,000 rows).
 */
const COMPUTE_CHUNK = 100;

/** Scopes whose sums are remembered (the administrator's, a few regions', a few clusters'). */
const SCOPES_KEPT = 32;

/** Executors in `worst`: the five of the reports' «Исполнительская дисциплина». */
const WORST = 5;

/** Days remembered per cluster (the dashboard's today, and a few dates asked for). */
const DAYS_KEPT = 4;

type DaySums = Awaited<ReturnType<Store['rollups']['day']>>;

/** The scope's sums from its clusters' (in slug order, so ties keep one order). */
function sumDays(days: readonly ClusterDay[]): DaySums {
  const organisations = new Map<string, OrganisationRollup>();
  for (const d of days)
    for (const [k, o] of d.organisations) addTo(organisations, k, o.organisation, o.counts);
  const overdue = new Set<string>();
  for (const d of days) for (const name of d.overdueNames) overdue.add(name);
  return {
    clusters: days.filter((d) => d.rollup.items > 0).map((d) => d.rollup),
    executors: () => days.flatMap((d) => d.executors),
    // The scope's worst are among its clusters' worst (worstByKid keeps the order of ties).
    worst: worstByKid(
      days.flatMap((d) => d.worst),
      (e) => e.counts,
      WORST,
    ),
    overdueExecutors: [...overdue].sort(compareRu),
    organisations: [...organisations.values()].filter((o) => counted(o.counts)),
  };
}

export function rollupsRepo(db: Db): Store['rollups'] {
  const memo = new Map<string, { stamp: string; days: Map<string, ClusterDay> }>();
  /** Sums per scope and day, with the cluster sums they were made from (most recent last). */
  const scopes = new Map<string, { days: ClusterDay[]; sums: DaySums }>();
  const stampOf = (c: Stamped) => String(c.stamp);

  /** Sums the clusters' groups on the day (documents of plans current on it). */
  async function compute(
    clusters: readonly Stamped[],
    filter: RollupFilter,
    signal: AbortSignal | undefined,
  ): Promise<Map<string, ClusterDay>> {
    const out = new Map<string, ClusterDay>();
    for (const c of clusters)
      out.set(c.id, {
        rollup: { clusterSlug: c.slug, items: 0, byState: emptyTally(), discipline: emptyDiscipline() },
        executors: [],
        worst: [],
        overdueNames: [],
        organisations: new Map(),
      });
    const contacts = await db.all<{ cluster_id: string; executor_key: string; organisation: string }>(
      'SELECT cluster_id, executor_key, organisation FROM contacts WHERE organisation IS NOT NULL',
    );
    const named = new Map(contacts.map((k) => [`${k.cluster_id}\u0000${k.executor_key}`, k.organisation]));
    const plans = planCondition({ on: filter.asOf, which: 'current' });
    const ids = [...out.keys()];
    for (let i = 0; i < ids.length; i += COMPUTE_CHUNK) {
      signal?.throwIfAborted();
      const chunk = ids.slice(i, i + COMPUTE_CHUNK);
      const where = [`d.cluster_id IN (${marks(chunk.length)})`, plans.sql];
      if (!filter.includeArchived) where.push('d.archived_at IS NULL');
      const groups = await db.all<GroupRow>(
        `SELECT d.cluster_id, r.dim, r.who, r.label, r.spans
         FROM item_rollups r JOIN documents d ON d.id = r.document_id WHERE ${where.join(' AND ')}`,
        [...chunk, ...plans.params],
      );
      const executors = new Map<string, ExecutorRollup>();
      // Every cluster's spans at once (a cold start at national scale) take seconds: other
      // requests get a turn every few ms.
      const slices = pace(10);
      for (const g of groups) {
        if (slices.due()) await slices.turn();
        const day = out.get(g.cluster_id);
        if (!day) continue;
        if (g.dim === 'item') addSpans(g.spans, filter, day.rollup.discipline, day.rollup.byState);
        else if (g.dim === 'executor') {
          const key = `${g.cluster_id}\u0000${g.who}`;
          const row = executors.get(key) ?? {
            clusterSlug: day.rollup.clusterSlug,
            executor: g.label,
            counts: emptyDiscipline(),
          };
          if (!executors.has(key)) {
            executors.set(key, row);
            day.executors.push(row);
          }
          addSpans(g.spans, filter, row.counts);
        } else {
          // Named by the table, or by the contacts of the first executor that has one.
          const found =
            g.dim === 'organisation'
              ? { key: g.who, label: g.label }
              : g.who
                  .split(EXECUTORS_SEP)
                  .map((key) => named.get(`${g.cluster_id}\u0000${key}`))
                  .filter((o) => o !== undefined)
                  .map((o) => ({ key: executorKey(o), label: executorDisplay(o) }))[0];
          if (!found) continue;
          const counts = emptyDiscipline();
          addSpans(g.spans, filter, counts);
          addTo(day.organisations, found.key, found.label, counts);
        }
      }
    }
    for (const day of out.values()) {
      day.rollup.items = Object.values(day.rollup.byState).reduce((a, b) => a + b, 0);
      day.executors = day.executors.filter((e) => counted(e.counts));
      day.worst = worstByKid(day.executors, (e) => e.counts, WORST);
      day.overdueNames = [
        ...new Set(day.executors.filter((e) => e.counts.overdue > 0).map((e) => e.executor)),
      ];
    }
    return out;
  }

  /** Cluster sums being made, by day key and cluster id, with the stamp they were read at. */
  const making = new Map<string, Map<string, { stamp: string; sums: Promise<Map<string, ClusterDay>> }>>();

  return {
    async day(filter, options = {}) {
      const scope = scopeConditions(filter);
      if (!scope)
        return { clusters: [], executors: () => [], worst: [], overdueExecutors: [], organisations: [] };
      const clusters = await db.all<Stamped>(
        `${STAMPS}${scope.where.length ? ` WHERE ${scope.where.join(' AND ')}` : ''} ORDER BY c.slug`,
        scope.params,
      );
      const key = `${filter.asOf}/${filter.soonDays}/${filter.includeArchived ? 1 : 0}`;
      const got = new Map<string, ClusterDay>();
      const joined = new Map<string, Promise<Map<string, ClusterDay>>>();
      const stale: Stamped[] = [];
      const underway = making.get(key) ?? new Map();
      for (const c of clusters) {
        const remembered = memo.get(c.id);
        const day = remembered?.stamp === stampOf(c) ? remembered.days.get(key) : undefined;
        const other = underway.get(c.id);
        if (day) got.set(c.id, day);
        // Made from the same stamp, another read's sums are what this one would make.
        else if (other?.stamp === stampOf(c)) joined.set(c.id, other.sums);
        else stale.push(c);
      }
      if (stale.length > 0) {
        const sums = compute(stale, filter, options.signal);
        making.set(key, underway);
        for (const c of stale) underway.set(c.id, { stamp: stampOf(c), sums });
        try {
          const fresh = await sums;
          for (const c of stale) {
            const day = fresh.get(c.id) as ClusterDay;
            got.set(c.id, day);
            const m = memo.get(c.id);
            // A long summing (the warm-up) may end after a read of a later stamp (a sync meanwhile)
            // remembered its own sums: those stay.
            if (m && Number(m.stamp) > Number(stampOf(c))) continue;
            const days = m && m.stamp === stampOf(c) ? m.days : new Map<string, ClusterDay>();
            if (days.size >= DAYS_KEPT) days.delete(days.keys().next().value as string);
            days.set(key, day);
            memo.set(c.id, { stamp: stampOf(c), days });
          }
        } finally {
          for (const c of stale) if (underway.get(c.id)?.sums === sums) underway.delete(c.id);
          if (underway.size === 0 && making.get(key) === underway) making.delete(key);
        }
      }
      for (const [id, sums] of joined) got.set(id, (await sums).get(id) as ClusterDay);
      await turn();
      const days = clusters.map((c) => got.get(c.id) as ClusterDay);
      // The scope's sums stand while each of its clusters' sums is the one they were made from.
      const scopeKey = `${key}|${filter.region ?? ''}|${filter.clusterSlugs?.join(',') ?? '*'}`;
      const kept = scopes.get(scopeKey);
      if (kept && kept.days.length === days.length && kept.days.every((d, i) => d === days[i]))
        return kept.sums;
      const sums = sumDays(days);
      scopes.delete(scopeKey);
      if (scopes.size >= SCOPES_KEPT) scopes.delete(scopes.keys().next().value as string);
      scopes.set(scopeKey, { days, sums });
      return sums;
    },
  };
}
