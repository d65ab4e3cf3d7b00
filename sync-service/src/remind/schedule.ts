// The daily reminder run in `serve` (REMIND_AT in APP_TIME_ZONE). Every process checks once a
// minute (and at start); the store's run row for the day lets exactly one of them run it, however
// many share the store, and a run left unfinished by a stopped process is taken over after a while.
// The same lease pattern as the scheduled pull (pull/schedule.ts) retries failed sends every 15 minutes.
import { randomUUID } from 'node:crypto';
import { isoInTimeZone } from '@cluster/shared';
import { retryFailed, runReminders } from '../app/remind.ts';
import type { AppServices } from '../services.ts';

export interface RemindSchedule {
  stop(): void;
  /** Resolves when no run is going on. */
  idle(): Promise<void>;
}

const TICK_MS = 60_000;
const RETRY_EVERY_MS = 15 * 60_000;
/** A day's run that has not finished after this long is taken over by another process. */
const RUN_STALE_MS = 60 * 60_000;
export const RETRY_LEASE = 'remind-retry';

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The local date (ISO) and minutes after midnight of an instant in a time zone. */
export function localClock(now: Date, timeZone: string): { date: string; minutes: number } {
  const format =
    hourFormats.get(timeZone) ??
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  hourFormats.set(timeZone, format);
  const [hours, minutes] = format.format(now).split(':').map(Number);
  return { date: isoInTimeZone(now, timeZone), minutes: hours * 60 + minutes };
}

export function startRemindSchedule(services: AppServices): RemindSchedule {
  const { at, smtpUrl, maxBotToken, vkteamsBotToken } = services.config.remind;
  // Without a channel there is nothing to send; the day is not taken, so a restart with one still runs it.
  if (at === null || !(smtpUrl || maxBotToken || vkteamsBotToken)) return { stop() {}, idle: async () => {} };
  const holder = `${process.pid}-${randomUUID()}`;
  let done = '';
  let lastRetry = Date.now();
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    const { date, minutes } = localClock(new Date(), services.config.timeZone);
    if (minutes >= at && done !== date) {
      const stale = new Date(Date.now() - RUN_STALE_MS).toISOString();
      if (await services.store.reminders.startRun(date, holder, stale)) {
        const result = await runReminders(services, { asOf: date });
        await services.store.reminders.finishRun(date, holder);
        services.logger.info(
          { asOf: date, delivered: result.delivered, failed: result.failed },
          'scheduled reminders done',
        );
      } else services.logger.debug('scheduled reminders: another process has the day');
      done = date;
      lastRetry = Date.now();
      return;
    }
    if (Date.now() - lastRetry >= RETRY_EVERY_MS) {
      lastRetry = Date.now();
      if (await services.store.leases.tryAcquire(RETRY_LEASE, holder, RETRY_EVERY_MS * 0.9)) {
        const retried = await retryFailed(services);
        if (retried.length) services.logger.info({ retried: retried.length }, 'reminders retried');
      }
    }
  };

  const schedule = (wait: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().catch((error) => services.logger.error({ err: error }, 'scheduled reminders failed'));
      running.finally(() => schedule(TICK_MS - (Date.now() % TICK_MS) + 5));
    }, wait);
  };
  schedule(0);

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    idle: () => running,
  };
}
