// national: the read side at national scale — the data set of national-data.ts (full: 2,000 clusters
// × 500 items = 1,000,000 items over 85 regions; --quick: 100 × 200 over 20) behind a real
// `cluster-sync serve` process, read over HTTP on loopback as officials and clients read it, each
// figure beside the same question asked in plain SQL of the same store in the same run
// (national-bare.ts). Quick mode writes the plain names, full mode adds `_1m`; PostgreSQL adds `_pg`.
//   dashboard_p50_ms           GET / signed in: the larger of the department's (the largest region)
//                              and the admin's overview (dashboard_dept_p50_ms, dashboard_admin_p50_ms);
//                              dashboard_bare_ms: the counts per cluster and state of both, by GROUP BY
//   items_state_p50_ms         the slowest state's p50 of GET /api/v1/items?state=S&limit=100 (admin
//                              token) and the dashboard's /items?state=S (admin session), S = overdue,
//                              due_soon, in_progress, upcoming, done; items_state_bare_ms: 100 rows of S
//                              in SQL (the slowest state's)
//   documents_list_ms          GET /api/v1/documents (admin: every document with its item count);
//                              documents_list_bare_ms: the same with counts served by the index
//   item_page_p50_ms           the dashboard's item page (/items/ID) of items with and without moves;
//                              item_page_bare_ms: the item, its history and its document's count
//   search_p50_ms              GET /api/v1/items?q=… matching some items (a rare word) and none (the
//                              larger p50); search_bare_ms: LIKE over the stored search text
//   healthz_p99_ms_during_reads  /healthz every 50 ms (from a worker thread) while 4 clients hammer the
//                              admin overview and the documents list (quick: 8 s, full: 30 s); requests_failed_during_reads:
//                              how many of those requests (or /healthz) failed (connection reset)
//   dashboard_html_kb_max      the largest HTML page fetched (overview, lists, item pages, /admin), KB
//   national_generate_s        how long writing the data set took (per backend)
// A slow answer is sampled fewer times (one sample when the first took over 10 s), and a request is
// given up at NATIONAL_REQUEST_CAP_S (default 300 s; the figure is then the cap, «at least»), so a
// full run ends in bounded time whatever main's code does.

import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { todayIn } from '@cluster/sync-service/config.ts';
import { openStore } from '@cluster/sync-service/store/store.ts';
import { clusterCounts, signIn } from '@cluster/sync-service/test/helpers/dashboard.ts';
import { startServe } from '@cluster/sync-service/test/helpers/serve-process.ts';
import { BareSql, type OpenState } from './national-bare.ts';
import { type NationalBackend, type NationalData, nationalData, sizeSuffix } from './national-data.ts';
import { RARE_WORD } from './roadmap-words.ts';
import type { BenchContext } from './run.ts';
import { median, percentile } from './timing.ts';

const STATES: OpenState[] = ['overdue', 'due_soon', 'in_progress', 'upcoming', 'done'];
const NO_MATCH = 'квазиэлектродинамика';

/** Times `fn` `reps` times (fewer when it is slow); the samples. */
async function sample(reps: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let k = 0; k < reps; k++) {
    const t = performance.now();
    try {
      await fn();
    } catch (error) {
      if (!(error instanceof TooSlow)) throw error;
      times.push(CAP_MS);
      break;
    }
    times.push(performance.now() - t);
    if (times[0] > 10_000 || (k >= 2 && median(times) > 2_000)) break;
  }
  return times;
}

/**
 * A request that has not answered in NATIONAL_REQUEST_CAP_S seconds (default 300) is given up: its
 * figure is the cap (read it as «at least»), so a full run ends whatever main's code does.
 */
const CAP_MS = (Number(process.env.NATIONAL_REQUEST_CAP_S) || 300) * 1000;
class TooSlow extends Error {}

/** Runs `fn`; a request given up at the cap is only reported. */
async function unlessTooSlow(what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof TooSlow)) throw error;
    console.error(`national bench: ${what} gave no answer in ${CAP_MS / 1000} s`);
  }
}

/**
 * GET over a connection of its own, up to the cap (fetch gives up on headers after 300 s whatever
 * is asked): the status and the whole body.
 */
function get(
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

class Reader {
  largestHtml = 0;
  readonly url: string;
  readonly auth: { cookie: string; bearer: string };
  constructor(url: string, auth: { cookie: string; bearer: string }) {
    this.url = url;
    this.auth = auth;
  }

  async page(path: string, cookie = this.auth.cookie, signal?: AbortSignal): Promise<string> {
    const { status, text } = await get(`${this.url}${path}`, { cookie }, signal);
    if (status !== 200) throw new Error(`national bench: ${path} answered ${status}: ${text.slice(0, 200)}`);
    this.largestHtml = Math.max(this.largestHtml, Buffer.byteLength(text));
    return text;
  }

  async api(path: string, signal?: AbortSignal): Promise<unknown> {
    const { status, text } = await get(
      `${this.url}/api/v1${path}`,
      { authorization: `Bearer ${this.auth.bearer}` },
      signal,
    );
    if (status !== 200) throw new Error(`national bench: ${path} answered ${status}: ${text.slice(0, 200)}`);
    return JSON.parse(text);
  }
}

/**
 * /healthz every 50 ms while `clients` loop over the admin overview and the documents list: its p99
 * (a failed /healthz counts with the time it took to fail) and how many requests of either kind
 * failed (the connection reset or refused: what a client of a stalled service sees). The poller runs
 * in a worker thread (healthz-poller.ts), as a monitor runs apart from the service's clients: on the
 * bench's main thread its times held the clients' own parsing (tens of ms at p99).
 */
async function healthDuringReads(
  r: Reader,
  seconds: number,
  clients: number,
): Promise<{ p99: number; failed: number }> {
  const stop = new AbortController();
  const poller = new Worker(new URL('./healthz-poller.ts', import.meta.url), {
    workerData: { url: r.url, seconds },
  });
  const polled = new Promise<{ latencies: number[]; failed: number }>((resolve, reject) => {
    poller.once('message', resolve);
    poller.once('error', reject);
    poller.once('exit', (code) => reject(new Error(`national bench: the /healthz poller exited (${code})`)));
  }).finally(() => stop.abort());
  let failed = 0;
  const hammer = async (k: number) => {
    for (let n = k; !stop.signal.aborted; n++) {
      try {
        if (n % 2 === 0) await r.page('/', r.auth.cookie, stop.signal);
        else await r.api('/documents', stop.signal);
      } catch {
        if (!stop.signal.aborted) failed++;
      }
    }
  };
  const [health] = await Promise.all([polled, ...Array.from({ length: clients }, (_, k) => hammer(k))]);
  await poller.terminate();
  return { p99: percentile(health.latencies, 99), failed: failed + health.failed };
}

/** The admin overview counts what the data set holds (its total row, while the page has one). */
function checkOverview(html: string, data: NationalData): void {
  // Past midnight the service judges another day than the data set was written for.
  if (todayIn('Europe/Moscow') !== data.today) return;
  const total = clusterCounts(html).get('total');
  if (!total) {
    console.error('national bench: the overview has no total row to check');
    return;
  }
  for (const state of ['overdue', 'due_soon', 'in_progress', 'upcoming', 'done'] as const) {
    if (total[state] !== data.totals.states[state])
      throw new Error(
        `national bench: the overview counts ${total[state]} ${state}, the data set ${data.totals.states[state]}`,
      );
  }
}

async function benchBackend(backend: NationalBackend, quick: boolean): Promise<Record<string, number>> {
  const data: NationalData = await nationalData(backend, { quick });
  const started = performance.now();
  const log = (phase: string) =>
    console.error(
      `national bench (${backend}): ${phase} at ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  const reps = quick ? 7 : 5;
  const serve = await startServe(
    { ...data.env, TOKEN_RATE_PER_MINUTE: '0', REQUEST_TIMEOUT_MS: '600000', REMIND_AT: 'off' },
    [],
    { timeoutMs: 120_000 },
  );
  // The bare SQL runs in place (no reader process): the figure is the query, not its transfer.
  const store = await openStore({
    dataDir: data.env.DATA_DIR || undefined,
    databaseUrl: data.env.DATABASE_URL || undefined,
    offThreadReads: false,
  });
  try {
    const bare = new BareSql(store, data.today);
    const department = data.tokens.departments[0];
    const admin = await signIn(serve.url, data.tokens.admin);
    const dept = await signIn(serve.url, department.token);
    if (!admin.cookie || !dept.cookie)
      throw new Error(`national bench: sign-in failed (${admin.res.status})`);
    const r = new Reader(serve.url, { cookie: admin.cookie, bearer: data.tokens.admin });
    // Warm-up: statements, caches, the JIT of both processes.
    await unlessTooSlow('the department overview', () => r.page('/', dept.cookie));
    await unlessTooSlow('the admin overview', async () => checkOverview(await r.page('/'), data));
    await bare.overviewCounts(null);

    log('overviews');
    const deptTimes = await sample(reps, () => r.page('/', dept.cookie));
    const adminTimes = await sample(reps, () => r.page('/'));
    const overviewBare = await sample(reps, async () => {
      await bare.overviewCounts(department.region);
      await bare.overviewCounts(null);
    });

    log('lists by state');
    // Each state's own p50, the slowest state's taken: a pooled median would hide one slow filter.
    const apiStates: number[] = [];
    const pageStates: number[] = [];
    const bareStates: number[] = [];
    for (const state of STATES) {
      apiStates.push(median(await sample(reps, () => r.api(`/items?state=${state}&limit=100`))));
      pageStates.push(median(await sample(reps, () => r.page(`/items?state=${state}`))));
      bareStates.push(median(await sample(reps, () => bare.itemsInState(state, 100))));
    }

    log('documents');
    const documents = await sample(reps, () => r.api('/documents'));
    const documentsBare = await sample(reps, () => bare.documents());

    log('item pages');
    const ids = await bare.sampleItems(6);
    const itemPages: number[] = [];
    const itemBare: number[] = [];
    for (const id of ids) {
      itemPages.push(...(await sample(Math.ceil(reps / 2), () => r.page(`/items/${id}`))));
      itemBare.push(...(await sample(Math.ceil(reps / 2), () => bare.itemPage(id))));
    }

    log('admin page');
    // Fetched once so the largest-HTML figure covers it: its lists are paged, at any scale.
    await unlessTooSlow('the admin page', () => r.page('/admin'));

    log('search');
    await unlessTooSlow('the search', async () => {
      const some = (await r.api(`/items?q=${encodeURIComponent(RARE_WORD)}&limit=100`)) as {
        items: unknown[];
      };
      if (some.items.length !== Math.min(100, data.totals.rare))
        throw new Error(`national bench: search found ${some.items.length} of ${data.totals.rare}`);
    });
    const searchSome = await sample(reps, () => r.api(`/items?q=${encodeURIComponent(RARE_WORD)}&limit=100`));
    const searchNone = await sample(reps, () => r.api(`/items?q=${encodeURIComponent(NO_MATCH)}&limit=100`));
    const searchBare = await sample(reps, async () => {
      await bare.search(RARE_WORD, 100);
      await bare.search(NO_MATCH, 100);
    });

    log('healthz during reads');
    const healthz = await healthDuringReads(r, quick ? 8 : 30, 4);

    const suffix = `${sizeSuffix(data, quick)}${backend === 'postgres' ? '_pg' : ''}`;
    const figures: Record<string, number> = {
      dashboard_p50_ms: Math.max(median(deptTimes), median(adminTimes)),
      dashboard_dept_p50_ms: median(deptTimes),
      dashboard_admin_p50_ms: median(adminTimes),
      dashboard_bare_ms: median(overviewBare),
      items_state_p50_ms: Math.max(...apiStates, ...pageStates),
      items_state_api_p50_ms: Math.max(...apiStates),
      items_state_page_p50_ms: Math.max(...pageStates),
      items_state_bare_ms: Math.max(...bareStates),
      documents_list_ms: median(documents),
      documents_list_bare_ms: median(documentsBare),
      item_page_p50_ms: median(itemPages),
      item_page_bare_ms: median(itemBare),
      search_p50_ms: Math.max(median(searchSome), median(searchNone)),
      search_bare_ms: median(searchBare),
      healthz_p99_ms_during_reads: healthz.p99,
      requests_failed_during_reads: healthz.failed,
      dashboard_html_kb_max: r.largestHtml / 1024,
      national_generate_s: data.writeMs / 1000,
    };
    return Object.fromEntries(Object.entries(figures).map(([name, value]) => [`${name}${suffix}`, value]));
  } catch (error) {
    console.error(`national bench (${backend}): service stderr:\n${serve.stderr().slice(-3000)}`);
    throw error;
  } finally {
    await store.close();
    // Requests the hammer left behind may still run: a minute to finish, then the process goes.
    serve.child.kill('SIGTERM');
    const killer = setTimeout(() => serve.child.kill('SIGKILL'), 60_000);
    await serve.exited;
    clearTimeout(killer);
  }
}

export async function run({ quick }: BenchContext): Promise<Record<string, number>> {
  return { ...(await benchBackend('sqlite', quick)), ...(await benchBackend('postgres', quick)) };
}
