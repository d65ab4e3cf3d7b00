// Where a trend starts: the day asked for, else the previous report of the same scope, else 30 days back.
import { type ReportScope, scopeKey } from '../reports/store-source.ts';
import { trendSince } from '../reports/trends.ts';
import type { Store } from '../store/api.ts';

export interface TrendStart {
  since: string;
  /** True when `since` is the day of the previous report of the scope. */
  previousReport: boolean;
}

export async function trendStart(
  store: Pick<Store, 'reportsMade'>,
  scope: ReportScope,
  asOf: string,
  asked?: string,
): Promise<TrendStart> {
  if (asked) return { since: asked, previousReport: false };
  const previous = await store.reportsMade.previous(scopeKey(scope), asOf);
  return { since: trendSince(asOf, previous), previousReport: previous !== null };
}
