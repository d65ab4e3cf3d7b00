// `cluster-sync serve` as a real process: what a fresh start prints, /healthz, --demo with the
// project's samples, and a graceful SIGTERM that lets a sync in flight finish.
// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES_DIR } from '../../src/demo/load-demo.ts';
import { openStore } from '../../src/store/store.ts';
import { bigRoadmapRows } from '../helpers/big-sheet.ts';
import { runBin } from '../helpers/cli.ts';
import { BACKENDS, syncBody } from '../helpers/http-harness.ts';
import { createTempDatabase } from '../helpers/pg-database.ts';
import { type ServeProcess, startServe } from '../helpers/serve-process.ts';
import { processStore } from '../helpers/store-backends.ts';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out');
}

describe('serve', () => {
  let dir: string;
  const running: ServeProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'serve-'));
  });
  afterAll(() => {
    for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fresh start says what to do next and answers /healthz', async () => {
    const env = { DATA_DIR: join(dir, 'fresh'), DATABASE_URL: '' };
    const s = await startServe(env);
    running.push(s);
    expect(s.stdout()).toContain('cluster-sync token create --admin');
    expect(s.stdout()).toContain('token create --cluster');
    expect(s.stdout()).toContain(s.url);
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'sqlite', inflight: 0 });
    expect((await fetch(`${s.url}/api/v1/items`)).status).toBe(401);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    // With an admin token the advice is not repeated.
    expect((await runBin(['token', 'create', '--admin'], { env })).code).toBe(0);
    const again = await startServe(env);
    running.push(again);
    expect(again.stdout()).not.toContain('Что дальше');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it.each(BACKENDS)(
    '--demo (npm run demo) loads the samples into a store of its own, kept across runs (%s)',
    async (backend) => {
      const db = backend === 'postgres' ? await createTempDatabase() : undefined;
      try {
        // The real store is named too: the demo must leave it alone.
        const real = join(dir, `real-${backend}`);
        const env = {
          DATA_DIR: real,
          DATABASE_URL: '',
          DEMO_DATA_DIR: join(dir, `demo-${backend}`),
          DEMO_DATABASE_URL: db?.url ?? '',
        };
        const s = await startServe(env, ['--demo'], { timeoutMs: 120_000 });
        running.push(s);
        const token = /Токен кластера demo[^:]*: (\S+)/.exec(s.stdout())?.[1];
        const department = /Токен департамента demo-edu[^:]*: (\S+)/.exec(s.stdout())?.[1];
        expect(token).toBeTruthy();
        expect(department).toBeTruthy();
        expect(s.stdout()).not.toContain('Что дальше');
        const get = (url: string, t: string) => fetch(url, { headers: { authorization: `Bearer ${t}` } });
        const res = await get(`${s.url}/api/v1/items?cluster=demo&limit=5000`, token!);
        expect(res.status).toBe(200);
        const { items } = (await res.json()) as any;
        expect(items.length).toBeGreaterThan(50);
        // The department token reads the demo region.
        const seen = (await (await get(`${s.url}/api/v1/items?limit=5000`, department!)).json()) as any;
        expect(seen.items.length).toBe(items.length);
        const docs = (await (await get(`${s.url}/api/v1/documents`, token!)).json()) as any;
        expect(new Set(docs.documents.map((d: any) => d.kind)).size).toBeGreaterThanOrEqual(2);
        // Every example the project ships is there, one source per file.
        const samples = readdirSync(SAMPLES_DIR).filter((f) => /\.(txt|xlsx|csv)$/i.test(f));
        expect(new Set(docs.documents.map((d: any) => d.sourceId)).size).toBe(samples.length);
        s.child.kill('SIGTERM');
        expect(await s.exited).toBe(0);
        expect(existsSync(real)).toBe(false);
        // A second demo start reuses the store: the same items; new tokens, the old ones revoked.
        const again = await startServe(env, ['--demo'], { timeoutMs: 120_000 });
        running.push(again);
        const token2 = /Токен кластера demo[^:]*: (\S+)/.exec(again.stdout())?.[1];
        expect(token2).toBeTruthy();
        expect(token2).not.toBe(token);
        expect((await get(`${again.url}/api/v1/items?cluster=demo`, token!)).status).toBe(401);
        const after = (await (
          await get(`${again.url}/api/v1/items?cluster=demo&limit=5000`, token2!)
        ).json()) as any;
        expect(after.items.map((i: any) => i.id).sort()).toEqual(items.map((i: any) => i.id).sort());
        again.child.kill('SIGTERM');
        expect(await again.exited).toBe(0);
        expect(existsSync(real)).toBe(false);
      } finally {
        await db?.drop();
      }
    },
    300_000,
  );

  it.each(BACKENDS)(
    'SIGTERM lets a sync in flight finish before the process exits (%s)',
    async (backend) => {
      const db = await processStore(backend, join(dir, `graceful-${backend}`));
      const env = {
        ...db.env,
        BODY_LIMIT: '100mb',
      };
      try {
        for (const args of [
          ['cluster', 'add', 'big', '--name', 'Большой', '--region', 'R', '--new-region'],
          ['token', 'create', '--cluster', 'big'],
        ]) {
          const res = await runBin(args, { env });
          expect(res.code, res.stderr).toBe(0);
          if (args[0] === 'token') (env as Record<string, string>).TOKEN = res.stdout.trim();
        }
        const token = (env as Record<string, string>).TOKEN;
        const s = await startServe({ ...env, LOG_LEVEL: 'info' });
        running.push(s);
        const body = JSON.stringify(syncBody('big', bigRoadmapRows(20_000)));
        const answer = fetch(`${s.url}/api/v1/sync`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        // The service logs the start of a sync (after the body has arrived and been checked).
        await waitFor(async () => s.stderr().includes('"sync started"'));
        s.child.kill('SIGTERM');
        const res = await answer;
        expect(res.status).toBe(200);
        expect(((await res.json()) as any).created).toBe(20_000);
        // The signal came while the sync was running, and the process waited for it.
        const log = s.stderr();
        expect(log).toMatch(
          /"inflight":1[,}].*"msg":"shutting down"|"msg":"shutting down".*"inflight":1[,}]/,
        );
        expect(log.indexOf('"shutting down"')).toBeLessThan(log.indexOf('"sync applied"'));
        expect(await s.exited).toBe(0);
        const store = await openStore(db.config);
        try {
          expect((await store.counts()).items).toBe(20_000);
          const [run] = await store.syncRuns.list({ clusterSlugs: ['big'] });
          expect(run).toMatchObject({ outcome: 'changed', created: 20_000 });
        } finally {
          await store.close();
        }
      } finally {
        await db.drop();
      }
    },
    90_000,
  );
});
