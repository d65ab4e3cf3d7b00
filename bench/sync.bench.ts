// sync: POST /api/v1/sync over real HTTP on loopback into a real store, SQLite and PostgreSQL; the
// client runs in a worker thread (sync-client.ts), as the add-in runs elsewhere.
//   sync_ingest_ratio[_pg]         first HTTP sync of a 10,000-row sheet (quick: 2,000) / the
//                                  store's bare transactional insert of the same item rows
//                                  (bareInsertBaseline), same run (target ≤ 2)
//   resync_noop_ratio[_pg]         identical resync (second and third sync) / first sync (target ≤ 0.25)
// Every ratio is the median of per-round ratios: a round measures both sides back to back, so
// the load of a shared machine, which drifts, hits both alike.
//   resync_noop_rows_written[_pg]  item, history and document rows either identical resync inserted or
//                                  updated, read from the tables by time (must be 0)
//   sync_p99_ms_20_clients[_pg]    p99 latency of 20 concurrent clients, each syncing its own
//                                  500-row sheet (quick: 200) several times with a few changed rows
//   resync_cold_ratio[_pg]         the identical sync once more through a second app on the same
//                                  store, as another service process would get it (nothing in its
//                                  memory: the answer is rebuilt from the stored items) / first sync
//   sync_first_ms[_pg], resync_ms[_pg], baseline_insert_ms[_pg]  the medians behind the ratios

import { Worker } from 'node:worker_threads';
import { recognizeTables } from '@cluster/shared';
import { gridOf } from '@cluster/sync-service/app/grid.ts';
import { bareInsertBaseline } from '@cluster/sync-service/store/baseline.ts';
import { SqlStore } from '@cluster/sync-service/store/sql-store.ts';
import { bigRoadmapRows } from '@cluster/sync-service/test/helpers/big-sheet.ts';
import type { ClientAnswer, ClientRequest } from './sync-client.ts';
import { type BackendName, type BenchServer, startBenchServer, syncBody } from './sync-server.ts';
import { median, percentile } from './timing.ts';

/** Sends syncs from the client worker (sync-client.ts) and waits for their answers. */
class SyncClient {
  readonly #worker = new Worker(new URL('./sync-client.ts', import.meta.url));
  readonly #waiting = new Map<number, (answer: ClientAnswer) => void>();
  #next = 0;

  constructor() {
    this.#worker.on('message', (answer: ClientAnswer) => {
      this.#waiting.get(answer.id)?.(answer);
      this.#waiting.delete(answer.id);
    });
  }

  async post(
    h: { url: string },
    token: string,
    body: string,
  ): Promise<{ ms: number; json: { created: number; unchanged: number } }> {
    const id = this.#next++;
    const answer = await new Promise<ClientAnswer>((resolve) => {
      this.#waiting.set(id, resolve);
      this.#worker.postMessage({ id, url: h.url, token, body } satisfies ClientRequest);
    });
    if (answer.status !== 200) throw new Error(`sync bench: ${answer.status} ${answer.error}`);
    return { ms: answer.ms, json: { created: answer.created!, unchanged: answer.unchanged! } };
  }

  close(): Promise<number> {
    return this.#worker.terminate();
  }
}

/**
 * Item, history and document rows inserted or updated at or after `since` (ISO time), read from
 * the tables themselves rather than from the sync's own count.
 */
async function rowsWrittenSince(h: BenchServer, since: string): Promise<number> {
  const store = h.services.store;
  if (!(store instanceof SqlStore)) throw new Error('sync bench: needs the SQL store');
  const [r] = await store.db.all<{
    items: number | string;
    events: number | string;
    documents: number | string;
  }>(
    `SELECT (SELECT COUNT(*) FROM items WHERE created_at >= ? OR updated_at >= ? OR removed_at >= ?) AS items,
       (SELECT COUNT(*) FROM item_events WHERE at >= ?) AS events,
       (SELECT COUNT(*) FROM documents WHERE updated_at >= ?) AS documents`,
    [since, since, since, since, since],
  );
  return Number(r.items) + Number(r.events) + Number(r.documents);
}

async function benchBackend(backend: BackendName, quick: boolean): Promise<Record<string, number>> {
  const rows = quick ? 2_000 : 10_000;
  const reps = quick ? 3 : 7;
  const clientRows = quick ? 200 : 500;
  const clientRounds = quick ? 3 : 5;
  const h = await startBenchServer(backend);
  const client = new SyncClient();
  const postSync = client.post.bind(client);
  try {
    await h.services.store.clusters.create({ slug: 'bench', name: 'Bench', region: 'R' });
    const token = await h.token('bench');
    const sheet = bigRoadmapRows(rows);
    const grid = gridOf(sheet);
    const today = h.services.today();
    const documents = recognizeTables(grid, { today, soonDays: 14 });
    const items = documents.reduce((n, d) => n + d.items.length, 0);
    if (items !== rows) throw new Error(`sync bench: recognised ${items} of ${rows} rows`);

    // Warm-up: JIT, statements, the first write to a file.
    await postSync(h, token, JSON.stringify(syncBody('bench', bigRoadmapRows(200), 'warm-up-sheet-0')));
    await (
      await bareInsertBaseline(h.services.store, { cluster: 'bench', documents, cells: grid, today })
    ).cleanup();

    const first: number[] = [];
    const resync: number[] = [];
    const coldResync: number[] = [];
    const baseline: number[] = [];
    let written = 0;
    for (let k = 0; k < reps; k++) {
      // Interleaved so that drift on a noisy machine hits both sides alike; a new sheet each time
      // so every first sync creates all its items.
      const body = JSON.stringify(syncBody('bench', sheet, `bench-sheet-${k}-abcdef`));
      const t0 = performance.now();
      const bare = await bareInsertBaseline(h.services.store, {
        cluster: 'bench',
        documents,
        cells: grid,
        today,
      });
      baseline.push(performance.now() - t0);
      if (bare.rows !== rows) throw new Error(`sync bench: baseline wrote ${bare.rows} rows`);
      await bare.cleanup();
      const created = await postSync(h, token, body);
      if (created.json.created !== rows) throw new Error(`sync bench: created ${created.json.created}`);
      first.push(created.ms);
      const since = new Date().toISOString();
      if ((await rowsWrittenSince(h, since)) !== 0) throw new Error('sync bench: clock went back');
      // Two identical resyncs per round: twice the samples for the median on a noisy machine.
      for (let again = 0; again < 2; again++) {
        const same = await postSync(h, token, body);
        if (same.json.unchanged !== rows)
          throw new Error(`sync bench: resync left ${same.json.unchanged} unchanged`);
        resync.push(same.ms);
      }
      written = Math.max(written, await rowsWrittenSince(h, since));
      // The same snapshot through the second app, as another service process would get it: nothing
      // in its memory, so the last answer is rebuilt from the stored items.
      const sinceCold = new Date().toISOString();
      const cold = await postSync(h.other, token, body);
      if (cold.json.unchanged !== rows)
        throw new Error(`sync bench: cold resync left ${cold.json.unchanged} unchanged`);
      coldResync.push(cold.ms);
      written = Math.max(written, await rowsWrittenSince(h, sinceCold));
    }

    // 20 clients, each its own sheet, several rounds with a few rows changed between rounds.
    const clients = Array.from({ length: 20 }, (_, c) => c);
    const latencies: number[] = [];
    await Promise.all(
      clients.map(async (c) => {
        for (let round = 0; round < clientRounds; round++) {
          const rowsOfClient = bigRoadmapRows(clientRows);
          for (let i = 3 + round; i < rowsOfClient.length; i += 25)
            rowsOfClient[i].cells[4] = `Отчёт, раунд ${round}`;
          const body = JSON.stringify(syncBody('bench', rowsOfClient, `client-${c}-sheet-abcdef`));
          latencies.push((await postSync(h, token, body)).ms);
        }
      }),
    );

    const suffix = backend === 'postgres' ? '_pg' : '';
    return {
      [`sync_ingest_ratio${suffix}`]: median(first.map((ms, k) => ms / baseline[k])),
      [`resync_noop_ratio${suffix}`]: median(resync.map((ms, k) => ms / first[Math.floor(k / 2)])),
      [`resync_noop_rows_written${suffix}`]: written,
      [`sync_p99_ms_20_clients${suffix}`]: percentile(latencies, 99),
      [`resync_cold_ratio${suffix}`]: median(coldResync.map((ms, k) => ms / first[k])),
      [`sync_first_ms${suffix}`]: median(first),
      [`resync_ms${suffix}`]: median(resync),
      [`baseline_insert_ms${suffix}`]: median(baseline),
    };
  } finally {
    await client.close();
    await h.close();
  }
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  return { ...(await benchBackend('sqlite', quick)), ...(await benchBackend('postgres', quick)) };
}
