// Daily tallies per cluster and state, kept by the syncs (a sync that writes rewrites its cluster's
// row set for its day), and the days reports were made on. Trends read these, never the history.
import { type DisciplineCounts, ITEM_STATES, type ItemState } from '@cluster/shared';
import type { Store } from './api.ts';
import type { Db, Tx } from './db.ts';
import { scopeConditions } from './scope.ts';
import type { TallyPoint } from './types.ts';

/**
 * Rewrites the cluster's counts by stored state for `day`, inside the sync's transaction. Syncs of
 * other sources of the cluster may end at the same time: the cluster's tally lock makes each count
 * see the others' committed items, and the upsert keeps the key unique whatever the order.
 */
export async function recordTally(tx: Tx, clusterId: string, day: string): Promise<void> {
  await tx.lock(`tally:${clusterId}`);
  const rows = await tx.all<{ state: ItemState; n: number | string }>(
    'SELECT state, COUNT(*) AS n FROM items WHERE cluster_id = ? AND removed = 0 GROUP BY state',
    [clusterId],
  );
  const counts = new Map(rows.map((r) => [r.state, Number(r.n)]));
  await tx.run(
    `INSERT INTO cluster_tallies (cluster_id, day, state, items) VALUES ${ITEM_STATES.map(() => '(?, ?, ?, ?)').join(', ')}
     ON CONFLICT (cluster_id, day, state) DO UPDATE SET items = excluded.items`,
    ITEM_STATES.flatMap((s) => [clusterId, day, s, counts.get(s) ?? 0]),
  );
}

export const emptyByState = (): Record<ItemState, number> =>
  Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemState, number>;

export function talliesRepo(db: Db): Store['tallies'] {
  return {
    async series(filter) {
      const scope = scopeConditions(filter);
      if (!scope) return [];
      const { where, params } = scope;
      // From the last tally on or before `since` (the baseline) up to `until`.
      where.push(
        't.day <= ?',
        `t.day >= COALESCE((SELECT MAX(b.day) FROM cluster_tallies b
           WHERE b.cluster_id = t.cluster_id AND b.day <= ?), ?)`,
      );
      params.push(filter.until, filter.since, filter.since);
      const rows = await db.all<{ slug: string; day: string; state: ItemState; items: number | string }>(
        `SELECT c.slug, t.day, t.state, t.items FROM cluster_tallies t JOIN clusters c ON c.id = t.cluster_id
         WHERE ${where.join(' AND ')} ORDER BY c.slug, t.day`,
        params,
      );
      // The КИД counts of the same days (the same scope and range, so the same conditions).
      const kids = await db.all<KidRow & { slug: string; day: string }>(
        `SELECT c.slug, t.day, t.on_time, t.late, t.overdue, t.days_late FROM cluster_kid_tallies t
         JOIN clusters c ON c.id = t.cluster_id WHERE ${where.join(' AND ')}`,
        params,
      );
      const discipline = new Map(kids.map((k) => [`${k.slug}\u0000${k.day}`, countsOf(k)]));
      const out: TallyPoint[] = [];
      for (const r of rows) {
        let last = out[out.length - 1];
        if (!last || last.clusterSlug !== r.slug || last.day !== r.day) {
          const counts = discipline.get(`${r.slug}\u0000${r.day}`) ?? null;
          last = { clusterSlug: r.slug, day: r.day, byState: emptyByState(), discipline: counts };
          out.push(last);
        }
        if (r.state in last.byState) last.byState[r.state] = Number(r.items);
      }
      return out;
    },

    async totalOn(filter, day) {
      const total = emptyByState();
      const scope = scopeConditions(filter);
      if (!scope) return total;
      const { where, params } = scope;
      where.push('b.day <= ?');
      const rows = await db.all<{ state: ItemState; n: number | string }>(
        `SELECT t.state, SUM(t.items) AS n FROM cluster_tallies t JOIN (
           SELECT b.cluster_id, MAX(b.day) AS day FROM cluster_tallies b JOIN clusters c ON c.id = b.cluster_id
           WHERE ${where.join(' AND ')} GROUP BY b.cluster_id) m ON m.cluster_id = t.cluster_id AND m.day = t.day
         GROUP BY t.state`,
        [...params, day],
      );
      for (const r of rows) if (r.state in total) total[r.state] = Number(r.n);
      return total;
    },

    async recordDiscipline(clusterSlug, day, c) {
      await db.run(
        `INSERT INTO cluster_kid_tallies (cluster_id, day, on_time, late, overdue, days_late)
         SELECT id, ?, ?, ?, ?, ? FROM clusters WHERE slug = ?
         ON CONFLICT (cluster_id, day) DO UPDATE SET on_time = excluded.on_time, late = excluded.late,
           overdue = excluded.overdue, days_late = excluded.days_late`,
        [day, c.onTime, c.late, c.overdue, c.daysLate, clusterSlug],
      );
    },
  };
}

interface KidRow {
  on_time: number | string;
  late: number | string;
  overdue: number | string;
  days_late: number | string;
}

const countsOf = (r: KidRow): DisciplineCounts => ({
  onTime: Number(r.on_time),
  late: Number(r.late),
  overdue: Number(r.overdue),
  daysLate: Number(r.days_late),
});

export function reportsMadeRepo(db: Db): Store['reportsMade'] {
  return {
    async record(scope, asOf) {
      await db.run('INSERT INTO reports_made (scope, as_of, made_at) VALUES (?, ?, ?)', [
        scope,
        asOf,
        new Date().toISOString(),
      ]);
    },
    async previous(scope, asOf) {
      const [row] = await db.all<{ day: string | null }>(
        'SELECT MAX(as_of) AS day FROM reports_made WHERE scope = ? AND as_of < ?',
        [scope, asOf],
      );
      return row?.day ?? null;
    },
  };
}
