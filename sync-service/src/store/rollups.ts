// Counts on any day from the rollups the writers keep (rollup-write.ts): per cluster by state and
// КИД, per executor and per organisation — sums over the spans holding on the day, no item read.
// An open span is judged here as shared stateOnDay judges it (overdue, due soon, in progress,
// upcoming); the report's pass over the items must give the same numbers (dashboard tests).
import {
  addDays,
  addDiscipline,
  type DisciplineCounts,
  dayNumber,
  emptyDiscipline,
  emptyTally,
  executorDisplay,
  executorKey,
  TALLY_ORDER,
  type TallyKey,
} from '@cluster/shared';
import type { Store } from './api.ts';
import type { Db, Param } from './db.ts';
import { planCondition } from './reads.ts';
import { EXECUTORS_SEP, type RollupDim } from './rollup-write.ts';
import { scopeConditions } from './scope.ts';
import type { RollupFilter } from './types.ts';

const FROM =
  'FROM item_rollups r JOIN documents d ON d.id = r.document_id JOIN clusters c ON c.id = d.cluster_id';

interface Query {
  where: string;
  params: Param[];
}

/** Rows of `dim` holding on the day, in scope, of plans current on it. */
function rowsOn(filter: RollupFilter, dim: RollupDim): Query | null {
  const scope = scopeConditions(filter);
  if (!scope) return null;
  const plans = planCondition({ on: filter.asOf, which: 'current' });
  const where = ['r.dim = ?', 'r.from_day <= ?', 'r.until_day > ?', plans.sql, ...scope.where];
  const params: Param[] = [dim, filter.asOf, filter.asOf, ...plans.params, ...scope.params];
  if (!filter.includeArchived) where.push('d.archived_at IS NULL');
  return { where: where.join(' AND '), params };
}

const sum = (condition: string, what = 'r.n') => `SUM(CASE WHEN ${condition} THEN ${what} ELSE 0 END)`;
const OVERDUE = "r.tally = 'open' AND r.due < ?";

/** КИД sums (parameters: the day twice). */
const DISCIPLINE = `${sum("r.timeliness = 'on_time'")} AS on_time, ${sum("r.timeliness = 'late'")} AS late,
  ${sum("r.timeliness = 'late'", 'r.days')} AS late_days, ${sum(OVERDUE)} AS overdue,
  ${sum(OVERDUE, 'r.days')} AS overdue_dues`;

interface DisciplineRow {
  on_time: number | string;
  late: number | string;
  late_days: number | string;
  overdue: number | string;
  overdue_dues: number | string;
}

/** Days overdue summed: n × the day − the dues summed. */
function disciplineOf(r: DisciplineRow, asOf: string): DisciplineCounts {
  const overdue = Number(r.overdue);
  return {
    onTime: Number(r.on_time),
    late: Number(r.late),
    overdue,
    daysLate: Number(r.late_days) + overdue * dayNumber(asOf) - Number(r.overdue_dues),
  };
}

/** Each tally key's count (the open spans judged against the day and the soon window's end). */
function stateSums(): { sql: string; params: (asOf: string, soonEnd: string) => Param[] } {
  const parts: string[] = [];
  const params: ((asOf: string, soonEnd: string) => Param)[] = [];
  for (const key of TALLY_ORDER) {
    switch (key) {
      case 'overdue':
        parts.push(`${sum(OVERDUE)} AS s_${key}`);
        params.push((asOf) => asOf);
        break;
      case 'due_soon':
        parts.push(`${sum("r.tally = 'open' AND r.due >= ? AND r.due <= ?")} AS s_${key}`);
        params.push(
          (asOf) => asOf,
          (_, soonEnd) => soonEnd,
        );
        break;
      case 'in_progress':
        parts.push(`${sum("r.tally = 'open' AND r.due > ? AND r.start <> '' AND r.start <= ?")} AS s_${key}`);
        params.push(
          (_, soonEnd) => soonEnd,
          (asOf) => asOf,
        );
        break;
      case 'upcoming':
        parts.push(`${sum("r.tally = 'open' AND r.due > ? AND (r.start = '' OR r.start > ?)")} AS s_${key}`);
        params.push(
          (_, soonEnd) => soonEnd,
          (asOf) => asOf,
        );
        break;
      default:
        parts.push(`${sum('r.tally = ?')} AS s_${key}`);
        params.push(() => key);
    }
  }
  return { sql: parts.join(', '), params: (asOf, soonEnd) => params.map((p) => p(asOf, soonEnd)) };
}

const STATES = stateSums();

export function rollupsRepo(db: Db): Store['rollups'] {
  return {
    async clusters(filter) {
      const on = rowsOn(filter, 'item');
      if (!on) return [];
      const soonEnd = addDays(filter.asOf, filter.soonDays);
      const rows = await db.all<DisciplineRow & Record<string, number | string> & { slug: string }>(
        `SELECT c.slug, ${STATES.sql}, ${DISCIPLINE} ${FROM} WHERE ${on.where} GROUP BY c.slug`,
        [...STATES.params(filter.asOf, soonEnd), filter.asOf, filter.asOf, ...on.params],
      );
      return rows.map((r) => {
        const byState = emptyTally();
        let items = 0;
        for (const key of TALLY_ORDER) {
          byState[key as TallyKey] = Number(r[`s_${key}`]);
          items += byState[key as TallyKey];
        }
        return { clusterSlug: r.slug, items, byState, discipline: disciplineOf(r, filter.asOf) };
      });
    },

    async executors(filter) {
      const on = rowsOn(filter, 'executor');
      if (!on) return [];
      const rows = await db.all<DisciplineRow & { slug: string; label: string }>(
        `SELECT * FROM (SELECT c.slug, MIN(r.label) AS label, ${DISCIPLINE} ${FROM} WHERE ${on.where}
           GROUP BY c.slug, r.who) x WHERE on_time + late + overdue > 0`,
        [filter.asOf, filter.asOf, ...on.params],
      );
      return rows.map((r) => ({
        clusterSlug: r.slug,
        executor: r.label,
        counts: disciplineOf(r, filter.asOf),
      }));
    },

    async organisations(filter) {
      const out = new Map<string, { organisation: string; counts: DisciplineCounts }>();
      const add = (key: string, label: string, counts: DisciplineCounts) => {
        const row = out.get(key) ?? { organisation: label, counts: emptyDiscipline() };
        out.set(key, row);
        addDiscipline(row.counts, counts);
      };
      const named = rowsOn(filter, 'organisation');
      if (!named) return [];
      const rows = await db.all<DisciplineRow & { who: string; label: string }>(
        `SELECT r.who, MIN(r.label) AS label, ${DISCIPLINE} ${FROM} WHERE ${named.where} GROUP BY r.who`,
        [filter.asOf, filter.asOf, ...named.params],
      );
      for (const r of rows) add(r.who, r.label, disciplineOf(r, filter.asOf));
      // Items whose table names none count for their first executor with a contact naming one.
      const contacts = await db.all<{ cluster_id: string; executor_key: string; organisation: string }>(
        'SELECT cluster_id, executor_key, organisation FROM contacts WHERE organisation IS NOT NULL',
      );
      if (contacts.length > 0) {
        const byExecutor = new Map(
          contacts.map((k) => [`${k.cluster_id}\u0000${k.executor_key}`, k.organisation]),
        );
        const on = rowsOn(filter, 'executors');
        if (!on) return [];
        const lists = await db.all<DisciplineRow & { cluster_id: string; who: string }>(
          `SELECT d.cluster_id, r.who, ${DISCIPLINE} ${FROM}
           WHERE ${on.where} AND d.cluster_id IN (SELECT cluster_id FROM contacts WHERE organisation IS NOT NULL)
           GROUP BY d.cluster_id, r.who`,
          [filter.asOf, filter.asOf, ...on.params],
        );
        for (const r of lists) {
          const found = r.who
            .split(EXECUTORS_SEP)
            .map((key) => byExecutor.get(`${r.cluster_id}\u0000${key}`))
            .find((o) => o !== undefined);
          if (found) add(executorKey(found), executorDisplay(found), disciplineOf(r, filter.asOf));
        }
      }
      return [...out.values()].filter((o) => o.counts.onTime + o.counts.late + o.counts.overdue > 0);
    },
  };
}
