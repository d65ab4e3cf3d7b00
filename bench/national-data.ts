// The national data set (national-plan.ts) written into a real store through the sync's own path —
// the domain core reads each sheet, applySnapshot diffs and writes it in the source's transaction —
// so every stored column, tally, rollup, search index and document count is filled as a sync fills
// it. Regions, one department per region with its token, an admin token, a token per cluster (the
// syncs' actor). For the benches, nationalData() builds one store per backend once per process
// (SQLite in a temp folder, PostgreSQL in a database of its own) and removes it when the process ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recognizeTables } from '@cluster/shared';
import { addCluster, addDepartment } from '@cluster/sync-service/app/admin.ts';
import { gridOf } from '@cluster/sync-service/app/grid.ts';
import { applySnapshot } from '@cluster/sync-service/app/sync-snapshot.ts';
import { todayIn } from '@cluster/sync-service/config.ts';
import { SqlStore } from '@cluster/sync-service/store/sql-store.ts';
import { openStore, type Store } from '@cluster/sync-service/store/store.ts';
import { createTempDatabase } from '@cluster/sync-service/test/helpers/pg-database.ts';
import {
  type ClusterExpectation,
  type ClusterPlan,
  clusterPlan,
  FULL_SIZE,
  ITEM_STATES_ALL,
  type NationalSize,
  QUICK_SIZE,
  regionOf,
  SOON_DAYS,
} from './national-plan.ts';

export interface NationalManifest {
  size: NationalSize;
  /** The day the last syncs were read with; the expectations hold on it. */
  today: string;
  clusters: { slug: string; region: string; expected: ClusterExpectation }[];
  totals: ClusterExpectation;
  regions: string[];
  /** Secrets of the tokens made, for signing in. */
  tokens: { admin: string; departments: { slug: string; region: string; token: string }[] };
  /** How long writing took, ms. */
  writeMs: number;
}

export interface WriteOptions {
  /** Clusters written at once (PostgreSQL: over the pool's connections). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

function sumOf(all: readonly ClusterExpectation[]): ClusterExpectation {
  const total: ClusterExpectation = {
    items: 0,
    states: Object.fromEntries(ITEM_STATES_ALL.map((s) => [s, 0])) as ClusterExpectation['states'],
    doneLate: 0,
    removed: 0,
    moved: 0,
    postponed: 0,
    documents: 0,
    rare: 0,
  };
  for (const e of all) {
    for (const key of ['items', 'doneLate', 'removed', 'moved', 'postponed', 'documents', 'rare'] as const)
      total[key] += e[key];
    for (const s of ITEM_STATES_ALL) total.states[s] += e.states[s];
  }
  return total;
}

/** Every day's sheets of one cluster, synced in order as the add-in would send them. */
async function syncCluster(store: Store, plan: ClusterPlan, actor: string): Promise<void> {
  for (const day of plan.days) {
    for (const sheet of day.sheets) {
      const grid = gridOf(sheet.rows);
      const documents = recognizeTables(grid, {
        today: day.today,
        soonDays: SOON_DAYS,
        title: plan.name,
        sheetName: sheet.sheetName,
      });
      await applySnapshot(store, {
        cluster: plan.slug,
        source: {
          kind: 'sheet',
          spreadsheetId: plan.spreadsheetId,
          sheetId: sheet.sheetId,
          sheetName: sheet.sheetName,
        },
        title: plan.name,
        documents,
        rowIds: sheet.rows.map((r) => r.id),
        cells: grid,
        actor,
        today: day.today,
      });
    }
  }
}

/** Writes the data set of `size` into an empty store, as synced up to `today`. */
export async function writeNational(
  store: Store,
  size: NationalSize,
  today: string,
  options: WriteOptions = {},
): Promise<NationalManifest> {
  const started = performance.now();
  const regions = [...new Set(Array.from({ length: size.clusters }, (_, c) => regionOf(size, c)))];
  const departments: NationalManifest['tokens']['departments'] = [];
  for (const [k, region] of regions.entries()) {
    const slug = `dept-${String(k + 1).padStart(2, '0')}`;
    await addDepartment(store, {
      slug,
      name: `Департамент образования (${region})`,
      region,
      newRegion: true,
    });
    const { token } = await store.tokens.create({ kind: 'department', subject: slug });
    departments.push({ slug, region, token });
  }
  const admin = (await store.tokens.create({ kind: 'admin', subject: null })).token;

  const clusters: NationalManifest['clusters'] = new Array(size.clusters);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let c = next++; c < size.clusters; c = next++) {
      const plan = clusterPlan(size, c, today);
      await addCluster(store, { slug: plan.slug, name: plan.name, region: plan.region });
      const { record } = await store.tokens.create({ kind: 'cluster', subject: plan.slug });
      await syncCluster(store, plan, `token:${record.id}`);
      clusters[c] = { slug: plan.slug, region: plan.region, expected: plan.expected };
      options.onProgress?.(++done, size.clusters);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, worker));
  await store.analyze();
  return {
    size,
    today,
    clusters,
    totals: sumOf(clusters.map((c) => c.expected)),
    regions,
    tokens: { admin, departments },
    writeMs: performance.now() - started,
  };
}

export type NationalBackend = 'sqlite' | 'postgres';

export interface NationalData extends NationalManifest {
  backend: NationalBackend;
  /** The environment a `cluster-sync serve` over this store needs (DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
}

function withOptions(url: string, options: string): string {
  const u = new URL(url);
  u.searchParams.set('options', options);
  return u.toString();
}

const built = new Map<string, Promise<NationalData>>();
const cleanups: (() => Promise<void>)[] = [];

async function build(backend: NationalBackend, size: NationalSize): Promise<NationalData> {
  let env: Record<string, string>;
  if (backend === 'postgres') {
    const db = await createTempDatabase('cs_national');
    cleanups.push(() => db.drop());
    env = { DATABASE_URL: db.url, DATA_DIR: '' };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'national-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
  }
  // Written without waiting for each commit to reach the disk (the data set is rebuilt, never
  // recovered): PostgreSQL's synchronous_commit off for these connections, SQLite's synchronous OFF.
  const store = await openStore({
    dataDir: env.DATA_DIR || undefined,
    databaseUrl: env.DATABASE_URL ? withOptions(env.DATABASE_URL, '-c synchronous_commit=off') : undefined,
    poolSize: 6,
  });
  if (store instanceof SqlStore && backend === 'sqlite') await store.db.run('PRAGMA synchronous = OFF');
  try {
    const tick = Math.max(1, Math.floor(size.clusters / 10));
    const manifest = await writeNational(store, size, todayIn('Europe/Moscow'), {
      concurrency: backend === 'postgres' ? 4 : 1,
      onProgress: (done, total) => {
        if (done % tick === 0) console.error(`national data (${backend}): ${done}/${total} clusters`);
      },
    });
    // The load's dirty pages (and VACUUM's hint bits) written back now, not by a checkpoint in the
    // middle of the reads measured next (a search's p50 rose 4× in one full run).
    if (backend === 'postgres' && store instanceof SqlStore) await store.db.run('CHECKPOINT');
    return { ...manifest, backend, env };
  } finally {
    await store.close();
  }
}

/** The figures' size suffix: none for quick, else `_1m` for 1,000,000 items, `_200k` … */
export function sizeSuffix(data: Pick<NationalData, 'size'>, quick: boolean): string {
  const items = data.size.clusters * data.size.itemsPerCluster;
  if (quick) return '';
  return items >= 1_000_000 ? `_${items / 1_000_000}m` : `_${Math.round(items / 1000)}k`;
}

/**
 * The data set on `backend`, built on first use in this process (full: 2,000 clusters × 500 items;
 * quick: 100 × 200) and shared by every bench that asks; removed when the process is about to exit.
 */
export function nationalData(backend: NationalBackend, { quick }: { quick: boolean }): Promise<NationalData> {
  // NATIONAL_CLUSTERS scales the full size down for a rehearsal (figures then say e.g. `_200k`).
  const clusters = Number(process.env.NATIONAL_CLUSTERS) || FULL_SIZE.clusters;
  const size = quick ? QUICK_SIZE : { ...FULL_SIZE, clusters };
  const key = `${backend}:${size.clusters}x${size.itemsPerCluster}`;
  let data = built.get(key);
  if (!data) {
    if (built.size === 0)
      process.once('beforeExit', async () => {
        for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
      });
    data = build(backend, size);
    built.set(key, data);
  }
  return data;
}
