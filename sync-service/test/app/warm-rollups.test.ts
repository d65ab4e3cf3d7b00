// The dashboard's sums are made in the background once `serve` listens (and again when the day
// changes), a read arriving meanwhile shares them, and a sync during the summing still shows in the
// next read: both backends.
import { type Logger, pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { startRollupWarmer } from '../../src/app/warm-rollups.ts';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { type AppServices, makeServices } from '../../src/services.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import type { RollupFilter } from '../../src/store/types.ts';
import { turn } from '../../src/turn.ts';
import { AS_OF, MARKS_CLUSTER, marksPlan, seedReportData, syncText } from '../helpers/report-data.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';

/** A logger whose lines the test reads. */
function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const warmOn = (lines: Record<string, unknown>[], asOf: string) =>
  lines.find((l) => l.msg === 'rollups warm' && l.asOf === asOf);

const syncMarks = (store: Store, moved: boolean) =>
  syncText(store, MARKS_CLUSTER.slug, 'plan.txt', marksPlan(moved));

describe.each(BACKENDS)('rollups warmed at start on $name', (backend) => {
  const stores = useStores(backend);

  function servicesOver(store: Store, logger: Logger, today: () => string): AppServices {
    const config = loadConfig({ LOG_LEVEL: 'info' });
    return { ...makeServices(config, store, logger), today };
  }

  it("serve makes today's sums right after it listens, without a request, and stops cleanly", async () => {
    const config = await backend.freshConfig();
    // Not the suite's: the server closes its store.
    const store = await openStore(config);
    await seedReportData(store);
    const { logger, lines } = capturingLogger();
    const running = await startServer(
      servicesOver(store, logger, () => AS_OF),
      { port: 0, host: '127.0.0.1' },
    );
    try {
      const warm = await until('the warm-up', () => warmOn(lines, AS_OF));
      const truth = await (await stores.open(config)).rollups.day({
        asOf: AS_OF,
        soonDays: 14,
        includeArchived: false,
      });
      expect(truth.clusters.length).toBeGreaterThan(3);
      expect(warm.clusters).toBe(truth.clusters.length);
    } finally {
      await running.close();
    }
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('warms the new day once the day changes', async () => {
    const { store } = await stores.fresh();
    await seedReportData(store);
    const { logger, lines } = capturingLogger();
    let today = AS_OF;
    const warmer = startRollupWarmer(
      servicesOver(store, logger, () => today),
      { tickMs: 50 },
    );
    try {
      await until('the first day', () => warmOn(lines, AS_OF));
      today = '2021-11-21';
      await until('the next day', () => warmOn(lines, today));
      expect(lines.filter((l) => l.msg === 'rollups warm' && l.asOf === AS_OF)).toHaveLength(1);
    } finally {
      warmer.stop();
      await warmer.idle();
    }
  });

  it('a read during the summing waits for the same sums; a sync meanwhile shows in the next read', async () => {
    const { store, config } = await stores.fresh();
    await seedReportData(store);
    // More clusters than one query sums (COMPUTE_CHUNK), so the summing waits for the database
    // between them.
    for (let i = 0; i < 250; i++)
      await store.clusters.create({ slug: `zz-${i}`, name: `Пустой ${i}`, region: 'Тверская область' });
    // Not the default 14 days: each sync that writes keeps its cluster's КИД from that day's sums
    // with the default (app/sync-snapshot.ts), so those would be summed already.
    const filter = { asOf: AS_OF, soonDays: 15, includeArchived: false };
    // Summing decodes each group's spans: count the decoding of one summing alone, and of two
    // reads, the second arriving as the first decodes its first spans.
    const parse = JSON.parse;
    let second: ReturnType<Store['rollups']['day']> | undefined;
    let decoded = 0;
    let armed = false;
    const spy = vi.spyOn(JSON, 'parse').mockImplementation((text: string, ...rest) => {
      if (typeof text === 'string' && text.startsWith('[[')) {
        decoded++;
        if (armed) second ??= store.rollups.day(filter);
      }
      return parse(text, ...rest);
    });
    let once: number;
    let read: Awaited<ReturnType<Store['rollups']['day']>>;
    try {
      await store.rollups.day({ ...filter, soonDays: 13 });
      once = decoded;
      decoded = 0;
      armed = true;
      read = await store.rollups.day(filter);
      expect(await second).toBe(read);
    } finally {
      // A spy left behind would wrap itself in the next backend's run.
      spy.mockRestore();
    }
    expect(once).toBeGreaterThan(20);
    // The second waited for the first's sums instead of summing again.
    expect(decoded).toBe(once);

    const fresh = await stores.open(config);
    const marks = (sums: Awaited<ReturnType<Store['rollups']['day']>>) =>
      sums.clusters.find((c) => c.clusterSlug === MARKS_CLUSTER.slug);
    let before = marks(await read);
    // The sync lands at several points of the summing (each soonDays a day not yet summed).
    for (const [i, turns] of [0, 1, 2, 3, 5, 8, 13].entries()) {
      const day: RollupFilter = { ...filter, soonDays: 20 + i };
      const summing = store.rollups.day(day);
      for (let t = 0; t < turns; t++) await turn();
      await syncMarks(store, i % 2 === 1);
      await summing;
      const after = await store.rollups.day(day);
      const truth = await fresh.rollups.day(day);
      expect(after.clusters, `after ${turns} turns`).toEqual(truth.clusters);
      expect(after.worst).toEqual(truth.worst);
      expect(after.organisations).toEqual(truth.organisations);
      expect(after.overdueExecutors).toEqual(truth.overdueExecutors);
      // The sync changed what the sums show.
      expect(marks(after)?.byState).not.toEqual(before?.byState);
      before = marks(after);
    }
  });
});
