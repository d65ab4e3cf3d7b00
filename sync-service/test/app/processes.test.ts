// Two real processes syncing one sheet of one store at the same time (SQLite file / PostgreSQL).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SyncSummary } from '@cluster/shared';
import { describe, expect, it } from 'vitest';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('../helpers/sync-process-child.ts', import.meta.url));

describe.each(BACKENDS)('two processes on one $name store', (backend) => {
  const stores = useStores(backend, 'all');

  it('serialise their syncs of one sheet: no duplicate, no lost or half-applied sync', async () => {
    const { store, config } = await stores.fresh();
    await store.clusters.create({ slug: 'kaluga', name: 'Машиностроение', region: 'Калужская область' });
    const times = 12;
    const startAt = String(Date.now() + 1500);
    const children = ['A', 'B'].map((who) =>
      run(process.execPath, [CHILD, JSON.stringify(config), who, String(times), startAt], {
        timeout: 60_000,
      }),
    );
    const results = await Promise.all(children);
    const summaries = results.flatMap((r) => JSON.parse(r.stdout) as SyncSummary[]);
    expect(summaries).toHaveLength(2 * times);

    const runs = (await store.syncRuns.list({ limit: 1000 })).reverse();
    expect(runs).toHaveLength(2 * times);
    // Replay the runs in commit order: each one's counts follow from the one before it.
    const live = new Set<string>();
    const ever = new Set<string>();
    for (const r of runs) {
      const s = summaries.find((x) => x.syncId === r.id)!;
      const now = new Set(s.items.map((i) => i.id));
      expect(s.created).toBe([...now].filter((id) => !ever.has(id)).length);
      expect(s.removed).toBe([...live].filter((id) => !now.has(id)).length);
      live.clear();
      for (const id of now) {
        live.add(id);
        ever.add(id);
      }
    }
    // 3 shared rows + at most one added row per process, each created once and restored after.
    expect((await store.counts()).items).toBe(ever.size);
    expect(ever.size).toBeLessThanOrEqual(5);
    const titles = (await store.items.list({ includeRemoved: true })).map((i) => i.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
