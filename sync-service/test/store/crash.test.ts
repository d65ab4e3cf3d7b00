// kill -9 during a large sync, then a restart: the store holds all of that sync or none of it.
// `serve` runs as a real process; the kill lands at several points after the sync has started
// (reading, diffing, writing, committing).
// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.ts';
import { bigRoadmapRows } from '../helpers/big-sheet.ts';
import { runBin } from '../helpers/cli.ts';
import { syncBody } from '../helpers/http-harness.ts';
import { type ServeProcess, startServe } from '../helpers/serve-process.ts';
import { processStore } from '../helpers/store-backends.ts';

const ROWS = 20_000;
const body = JSON.stringify(syncBody('crash', bigRoadmapRows(ROWS)));

async function waitForLog(s: ServeProcess, text: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!s.stderr().includes(text)) {
    if (Date.now() > until) throw new Error(`no «${text}» in the log: ${s.stderr()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function storeState(env: Record<string, string>) {
  const store = await openStore({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL || undefined });
  try {
    const items = await store.items.list({ clusterSlugs: ['crash'], includeRemoved: true, limit: ROWS + 10 });
    const runs = await store.syncRuns.list({ clusterSlugs: ['crash'] });
    let events = 0;
    for (const item of items.slice(0, 50)) events += (await store.items.history(item.id)).length;
    return { items: items.length, runs: runs.length, sampledEvents: events };
  } finally {
    await store.close();
  }
}

describe.each([
  ['sqlite', [150, 600, 1000, 4000]],
  ['postgres', [300, 1200, 4000]],
] as const)('kill -9 during a sync on %s', (backend, delays) => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crash-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(delays)(
    'killed %i ms after the sync started: all or nothing',
    async (delay) => {
      // Each case its own: a case that outlives its timeout must not drop the next one's database.
      const db = await processStore(backend, join(dir, `data-${delay}`));
      const env = {
        ...db.env,
        BODY_LIMIT: '100mb',
        LOG_LEVEL: 'info',
      };
      const servers: ServeProcess[] = [];
      try {
        expect(
          (
            await runBin(['cluster', 'add', 'crash', '--name', 'Crash', '--region', 'R', '--new-region'], {
              env,
            })
          ).code,
        ).toBe(0);
        const issued = await runBin(['token', 'create', '--cluster', 'crash'], { env });
        const token = issued.stdout.trim();

        const first = await startServe(env);
        servers.push(first);
        const answer = fetch(`${first.url}/api/v1/sync`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        }).then(
          (r) => r.status,
          () => 'cut',
        );
        await waitForLog(first, '"sync started"');
        await new Promise((r) => setTimeout(r, delay));
        first.child.kill('SIGKILL');
        expect(await first.exited).toBe('SIGKILL');
        await answer;

        const state = await storeState(env);
        if (state.items === 0) {
          expect(state).toEqual({ items: 0, runs: 0, sampledEvents: 0 });
        } else {
          expect(state.items).toBe(ROWS);
          expect(state.runs).toBe(1);
          expect(state.sampledEvents).toBe(50);
        }

        // After a restart the same snapshot completes the picture either way.
        const second = await startServe(env);
        servers.push(second);
        const res = await fetch(`${second.url}/api/v1/sync`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        expect(res.status).toBe(200);
        const summary = (await res.json()) as any;
        if (state.items === 0) expect(summary).toMatchObject({ created: ROWS, unchanged: 0 });
        else expect(summary).toMatchObject({ created: 0, changed: 0, unchanged: ROWS });
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
        expect((await storeState(env)).items).toBe(ROWS);
      } finally {
        for (const s of servers)
          if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
        await db.drop();
      }
    },
    60_000,
  );
});
