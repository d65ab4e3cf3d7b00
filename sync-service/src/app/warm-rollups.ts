// The dashboard's sums for today, made in the background once `serve` listens and again when the
// day changes (APP_TIME_ZONE): otherwise the first overview after a start (or after midnight) sums
// every cluster itself, seconds at national scale. The summing takes turns of the loop as any read
// does (store/rollups.ts), so /healthz and syncs go on meanwhile, and a dashboard read arriving
// during it waits for the same sums instead of making them again. A sync meanwhile moves its
// cluster's stamp: the next read sums that cluster anew, so it never shows sums from before it.
// Nothing is kept on disk: the sums are per day, and the rollups they are made from are the store's.
import type { AppServices } from '../services.ts';

export interface RollupWarmer {
  /** No more warm-ups; one under way stops at its next chunk. */
  stop(): void;
  /** Resolves when no warm-up is going on. */
  idle(): Promise<void>;
}

/** How often the day is looked at: today's sums are made within a minute after midnight. */
const TICK_MS = 60_000;

export function startRollupWarmer(services: AppServices, { tickMs = TICK_MS } = {}): RollupWarmer {
  const { store, config, logger } = services;
  const stopping = new AbortController();
  let warmed = '';
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const warm = async () => {
    const asOf = services.today();
    if (asOf === warmed) return;
    const started = performance.now();
    // The administrator's overview: every cluster (readableScope), current plans, no archive. The
    // sums are remembered per cluster, so a region's or a cluster's overview reads them too.
    const sums = await store.rollups.day(
      { asOf, soonDays: config.soonDays, includeArchived: false },
      { signal: stopping.signal },
    );
    warmed = asOf;
    logger.info(
      { asOf, clusters: sums.clusters.length, ms: Math.round(performance.now() - started) },
      'rollups warm',
    );
  };

  const schedule = (wait: number) => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => {
      running = warm().catch((error) => {
        if (!stopping.signal.aborted) logger.error({ err: error }, 'rollups warm-up failed');
      });
      running.finally(() => schedule(tickMs - (Date.now() % tickMs) + 5));
    }, wait);
    timer.unref();
  };
  schedule(0);

  return {
    stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
    },
    idle: () => running,
  };
}
