// «Данные на …»: when a cluster's or document's data last came in (sync or import), and whether a
// cluster has been silent too long. Judged against the time the report or page is made, not its
// as-of date: freshness is about the data, not about the day the states are computed for.

export const DEFAULT_STALE_DAYS = 30;

export interface Freshness {
  /** The last sync or import (ISO instant), null if none. */
  at: string | null;
  /** Whole days since then; null if none. */
  silentDays: number | null;
  /** Never synced, or silent for longer than the allowed days. */
  stale: boolean;
}

const DAY_MS = 86_400_000;

export function freshnessOf(at: string | null | undefined, now: Date, staleDays: number): Freshness {
  if (!at) return { at: null, silentDays: null, stale: true };
  const silentDays = Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / DAY_MS));
  return { at, silentDays, stale: silentDays > staleDays };
}
