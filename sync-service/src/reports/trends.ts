// Trends from the daily tallies the syncs keep (store/tallies.ts): per cluster, the counts on the
// baseline day and on the report's day, and the points between for a small chart.
import {
  addDays,
  addDiscipline,
  type DisciplineCounts,
  emptyDiscipline,
  type ItemState,
  kid,
} from '@cluster/shared';
import type { TallyPoint } from '../store/types.ts';

/** Days back a trend starts from when no earlier report names its day. */
export const TREND_DAYS = 30;

export type { TallyPoint };

export interface TrendFigures {
  items: number;
  done: number;
  overdue: number;
}

export interface ClusterTrend {
  clusterSlug: string;
  /** Counts as the last sync on or before `since` left them; null when the cluster had none yet. */
  before: TrendFigures | null;
  /** КИД counts as of the day of `before`; null when that sync kept none (or there is no `before`). */
  beforeDiscipline: DisciplineCounts | null;
  /** Counts as the last sync on or before the report's day left them. */
  now: TrendFigures | null;
  /** One point per day with a sync, from the baseline on (for the chart). */
  points: { day: string; figures: TrendFigures }[];
}

export const figuresOf = (byState: Record<ItemState, number>): TrendFigures => ({
  items: Object.values(byState).reduce((a, b) => a + b, 0),
  done: byState.done,
  overdue: byState.overdue,
});

/** The default start of a trend: the previous report's day, or TREND_DAYS before `asOf`. */
export function trendSince(asOf: string, previousReport: string | null): string {
  return previousReport ?? addDays(asOf, -TREND_DAYS);
}

/** Groups the store's points (ordered by cluster, then day) into one trend per cluster. */
export function trendsOf(points: readonly TallyPoint[], since: string): Map<string, ClusterTrend> {
  const out = new Map<string, ClusterTrend>();
  for (const p of points) {
    let t = out.get(p.clusterSlug);
    if (!t) {
      t = { clusterSlug: p.clusterSlug, before: null, beforeDiscipline: null, now: null, points: [] };
      out.set(p.clusterSlug, t);
    }
    const figures = figuresOf(p.byState);
    if (p.day <= since) {
      t.before = figures;
      t.beforeDiscipline = p.discipline;
    }
    t.now = figures;
    t.points.push({ day: p.day, figures });
  }
  return out;
}

/** Now minus before, per figure; null when either end is unknown. */
export function changeOf(t: { before: TrendFigures | null; now: TrendFigures | null }): TrendFigures | null {
  if (!t.now) return null;
  const before = t.before ?? { items: 0, done: 0, overdue: 0 };
  return {
    items: t.now.items - before.items,
    done: t.now.done - before.done,
    overdue: t.now.overdue - before.overdue,
  };
}

/** The sum over clusters of `before` and `now`. */
export function totalTrend(trends: Iterable<ClusterTrend>): { before: TrendFigures; now: TrendFigures } {
  const before = { items: 0, done: 0, overdue: 0 };
  const now = { items: 0, done: 0, overdue: 0 };
  for (const t of trends) {
    for (const k of ['items', 'done', 'overdue'] as const) {
      before[k] += t.before?.[k] ?? 0;
      now[k] += t.now?.[k] ?? 0;
    }
  }
  return { before, now };
}

/**
 * The scope's КИД counts on the trend's start: the sum of its clusters' that had a sync by then;
 * null when one of those kept no КИД counts (a sum without it would be another scope's КИД).
 */
export function disciplineBefore(trends: Iterable<ClusterTrend>): DisciplineCounts | null {
  const total = emptyDiscipline();
  for (const t of trends) {
    if (!t.before) continue;
    if (!t.beforeDiscipline) return null;
    addDiscipline(total, t.beforeDiscipline);
  }
  return total;
}

/**
 * A КИД's change in percentage points (`rule`: kid or kidWeighted), now minus then; null when the
 * earlier counts were not kept or either end has no item due yet.
 */
export function kidChange(
  now: DisciplineCounts,
  then: DisciplineCounts | null | undefined,
  rule: (c: DisciplineCounts) => number | null = kid,
): number | null {
  const a = then ? rule(then) : null;
  const b = rule(now);
  return a === null || b === null ? null : b - a;
}
