// The reader's scope as SQL conditions over a query that joins `clusters c`: the same rule for
// documents, items, deadline moves, sync runs and sources, so no list can leak past a token's scope.
import { marks, type Param } from './db.ts';

export interface Scope {
  /** Only these clusters; an empty list means nothing at all. */
  clusterSlugs?: readonly string[];
  region?: string;
  sourceId?: string;
}

export interface Conditions {
  where: string[];
  params: Param[];
}

/** Conditions for `scope`, with the source id read from `sourceColumn`; null when nothing can match. */
export function scopeConditions(scope: Scope, sourceColumn?: string): Conditions | null {
  const where: string[] = [];
  const params: Param[] = [];
  if (scope.clusterSlugs) {
    if (scope.clusterSlugs.length === 0) return null;
    where.push(`c.slug IN (${marks(scope.clusterSlugs.length)})`);
    params.push(...scope.clusterSlugs);
  }
  if (scope.region !== undefined) {
    where.push('c.region = ?');
    params.push(scope.region);
  }
  if (scope.sourceId !== undefined && sourceColumn) {
    where.push(`${sourceColumn} = ?`);
    params.push(scope.sourceId);
  }
  return { where, params };
}
