// Scheduled pull (PULL_INTERVAL_MINUTES). Ticks are aligned to wall-clock slots of the interval
// so that every process ticks at the same moment; the store's lease lets one of them pull per
// slot, however many processes share the store.
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../services.ts';
import { pullSources } from './pull.ts';

export interface PullSchedule {
  stop(): void;
  /** Resolves when no pull is running. */
  idle(): Promise<void>;
}

export const PULL_LEASE = 'scheduled-pull';

export function startPullSchedule(services: AppServices): PullSchedule {
  const minutes = services.config.pullIntervalMinutes;
  if (!(minutes > 0)) return { stop() {}, idle: async () => {} };
  const intervalMs = Math.max(1000, Math.round(minutes * 60_000));
  const holder = `${process.pid}-${randomUUID()}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const tick = async () => {
    // Held for most of the slot: a process whose timer fires a little late still finds it taken.
    const acquired = await services.store.leases.tryAcquire(PULL_LEASE, holder, Math.floor(intervalMs * 0.9));
    if (!acquired) {
      services.logger.debug('scheduled pull: another process has it');
      return;
    }
    const results = await pullSources(services);
    const failed = results.filter((r) => !r.ok);
    services.logger.info({ sources: results.length, failed: failed.length }, 'scheduled pull done');
  };

  const schedule = () => {
    if (stopped) return;
    const wait = intervalMs - (Date.now() % intervalMs) + 5;
    timer = setTimeout(() => {
      running = tick().catch((error) => services.logger.error({ err: error }, 'scheduled pull failed'));
      running.finally(schedule);
    }, wait);
  };
  schedule();

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    idle: () => running,
  };
}
