// Counts on any day from the rollups the writers keep (rollup-write.ts): per cluster by state and
// КИД, per executor and per organisation — sums over the spans holding on the day, one row read per
// group, no item read. An open span is judged by the domain's stateOnDay, as itemState judges.
import {
  addDiscipline,
  type DisciplineCounts,
  dayNumber,
  emptyDiscipline,
  emptyTally,
  executorDisplay,
  executorKey,
  stateOnDay,
  type TallyKey,
} from '@cluster/shared';
import type { Store } from './api.ts';
import type { Db, Param } from './db.ts';
import { planCondition } from './reads.ts';
import { EXECUTORS_SEP, type RollupDim, type SpanEntry } from './rollup-write.ts';
import { scopeConditions } from './scope.ts';
import type { RollupFilter } from './types.ts';

interface GroupRow {
  slug: string;
  cluster_id: string;
  who: string;
  label: string;
  spans: string;
}

/** The groups of `dim` in scope, of documents whose plan is current on the day. */
async function groupsOn(db: Db, filter: RollupFilter, dim: RollupDim, extra = ''): Promise<GroupRow[]> {
  const scope = scopeConditions(filter);
  if (!scope) return [];
  const plans = planCondition({ on: filter.asOf, which: 'current' });
  const where = ['r.dim = ?', plans.sql, ...scope.where];
  const params: Param[] = [dim, ...plans.params, ...scope.params];
  if (!filter.includeArchived) where.push('d.archived_at IS NULL');
  if (extra) where.push(extra);
  return db.all<GroupRow>(
    `SELECT c.slug, d.cluster_id, r.who, r.label, r.spans
     FROM item_rollups r JOIN documents d ON d.id = r.document_id JOIN clusters c ON c.id = d.cluster_id
     WHERE ${where.join(' AND ')}`,
    params,
  );
}

/** Adds the spans holding on the day: states (when asked) and КИД counts, as classify would. */
function addSpans(
  spans: string,
  filter: RollupFilter,
  discipline: DisciplineCounts,
  byState?: Record<TallyKey, number>,
): void {
  const { asOf, soonDays } = filter;
  const day = dayNumber(asOf);
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
      discipline.daysLate += n * day - days;
    }
  }
}

const counted = (c: DisciplineCounts) => c.onTime + c.late + c.overdue > 0;

export function rollupsRepo(db: Db): Store['rollups'] {
  return {
    async clusters(filter) {
      const out = new Map<string, { byState: Record<TallyKey, number>; discipline: DisciplineCounts }>();
      for (const g of await groupsOn(db, filter, 'item')) {
        const c = out.get(g.slug) ?? { byState: emptyTally(), discipline: emptyDiscipline() };
        out.set(g.slug, c);
        addSpans(g.spans, filter, c.discipline, c.byState);
      }
      return [...out].map(([clusterSlug, c]) => ({
        clusterSlug,
        items: Object.values(c.byState).reduce((a, b) => a + b, 0),
        byState: c.byState,
        discipline: c.discipline,
      }));
    },

    async executors(filter) {
      const out = new Map<string, { clusterSlug: string; executor: string; counts: DisciplineCounts }>();
      for (const g of await groupsOn(db, filter, 'executor')) {
        const key = `${g.slug}\u0000${g.who}`;
        const row = out.get(key) ?? { clusterSlug: g.slug, executor: g.label, counts: emptyDiscipline() };
        out.set(key, row);
        addSpans(g.spans, filter, row.counts);
      }
      return [...out.values()].filter((r) => counted(r.counts));
    },

    async organisations(filter) {
      const out = new Map<string, { organisation: string; counts: DisciplineCounts }>();
      const add = (key: string, label: string, counts: DisciplineCounts) => {
        const row = out.get(key) ?? { organisation: label, counts: emptyDiscipline() };
        out.set(key, row);
        addDiscipline(row.counts, counts);
      };
      for (const g of await groupsOn(db, filter, 'organisation')) {
        const counts = emptyDiscipline();
        addSpans(g.spans, filter, counts);
        add(g.who, g.label, counts);
      }
      // Items whose table names none count for their first executor with a contact naming one.
      const contacts = await db.all<{ cluster_id: string; executor_key: string; organisation: string }>(
        'SELECT cluster_id, executor_key, organisation FROM contacts WHERE organisation IS NOT NULL',
      );
      if (contacts.length > 0) {
        const named = new Map(
          contacts.map((k) => [`${k.cluster_id}\u0000${k.executor_key}`, k.organisation]),
        );
        const lists = await groupsOn(
          db,
          filter,
          'executors',
          'd.cluster_id IN (SELECT cluster_id FROM contacts WHERE organisation IS NOT NULL)',
        );
        for (const g of lists) {
          const found = g.who
            .split(EXECUTORS_SEP)
            .map((key) => named.get(`${g.cluster_id}\u0000${key}`))
            .find((o) => o !== undefined);
          if (!found) continue;
          const counts = emptyDiscipline();
          addSpans(g.spans, filter, counts);
          add(executorKey(found), executorDisplay(found), counts);
        }
      }
      return [...out.values()].filter((o) => counted(o.counts));
    },
  };
}
