// Reports written by a child process of their own (reports/report-process.ts), over real HTTP on
// both backends: a large report leaves /healthz answering, a child that overruns its budget or
// crashes gives a 503 in Russian saying which and the service goes on, a client that leaves stops
// the child, and no temporary file is left behind.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigRoadmapRows } from '../../helpers/big-sheet.ts';
import { childPids } from '../../helpers/child-pids.ts';
import { slowestHealthz } from '../../helpers/healthz.ts';
import { BACKENDS, type Harness, startHarness, syncBody } from '../../helpers/http-harness.ts';
import { listedRows } from '../../helpers/list-sheet.ts';

const ITEMS = 20_000;
// The generated plan is for 2098–2099: a report on a day inside it lists every item.
const URL_PATH = '/api/v1/reports/consolidated.xlsx?asOf=2099-01-10';

describe.each(BACKENDS)('reports in a child process on %s', (backend) => {
  let h: Harness;
  let tmp: string;
  const leftovers = () => readdirSync(tmp);
  const download = (signal?: AbortSignal) =>
    fetch(`${h.url}${URL_PATH}`, { headers: { authorization: `Bearer ${h.admin}` }, signal });

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'cs-report-tmp-'));
    h = await startHarness(backend, { BODY_LIMIT: '50mb', REPORT_TMP_DIR: tmp });
    const made = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'big', name: 'Большой', region: 'Томская область', newRegion: true },
    });
    expect(made.status).toBe(201);
    const synced = await h.request('POST', '/api/v1/sync', { json: syncBody('big', bigRoadmapRows(ITEMS)) });
    expect(synced.status, JSON.stringify(synced.body).slice(0, 300)).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it(`writes a ${ITEMS.toLocaleString('en')}-item report off the service's process: /healthz stays quick`, async () => {
    const t0 = performance.now();
    const answer = download().then(async (res) => ({ res, bytes: Buffer.from(await res.arrayBuffer()) }));
    const slowest = await slowestHealthz(h.url, answer);
    const took = performance.now() - t0;
    const { res, bytes } = await answer;
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(listedRows(book.getWorksheet('Все мероприятия')!)).toHaveLength(ITEMS);
    console.info(
      `${backend}: ${ITEMS}-item report ${Math.round(took)} ms, slowest /healthz ${Math.round(slowest)} ms`,
    );
    expect(slowest).toBeLessThan(500);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it.each([
    [
      'time',
      { timeoutMs: 50 },
      /^Отчёт не подготовлен: процесс отчёта не уложился в отведённое время \(0,05 с\) и остановлен\. Запросите/,
    ],
    [
      'memory',
      { memoryMb: 16 },
      /^Отчёт не подготовлен: процессу отчёта не хватило отведённой памяти \(16 МБ\)\. Запросите/,
    ],
  ] as const)(
    'a child over its %s budget gives a 503 in Russian; the service goes on',
    async (_, budget, message) => {
      const config = h.services.config.report;
      const saved = { ...config };
      Object.assign(config, budget);
      try {
        const res = await h.request('GET', URL_PATH);
        expect(res.status).toBe(503);
        expect(res.headers.get('content-disposition')).toBeNull();
        expect(res.body.error.code).toBe('report_failed');
        expect(res.body.error.message).toMatch(message);
      } finally {
        Object.assign(config, saved);
      }
      expect((await h.request('GET', '/healthz', { token: null })).status).toBe(200);
      expect(leftovers()).toEqual([]);
      const again = await h.request('GET', URL_PATH);
      expect(again.status).toBe(200);
    },
    120_000,
  );

  it('a child killed by a signal that is not its budget is a crash, not memory: 503 saying so', async () => {
    // The previous test's child answered but may still be exiting (writing the compile cache):
    // only a child started for this request is the one to kill.
    const earlier = new Set(childPids('report-process-main'));
    const answer = h.request('GET', URL_PATH);
    let pids: number[] = [];
    for (const until = Date.now() + 20_000; pids.length === 0 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 10));
      pids = childPids('report-process-main').filter((pid) => !earlier.has(pid));
    }
    expect(pids).toHaveLength(1);
    process.kill(pids[0], 'SIGKILL');
    const res = await answer;
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('report_failed');
    expect(res.body.error.message).toBe(
      'Отчёт не подготовлен: процесс отчёта аварийно завершился (сигнал SIGKILL), ' +
        'не исчерпав отведённых времени и памяти. Попробуйте ещё раз',
    );
    expect(leftovers()).toEqual([]);
    expect((await h.request('GET', '/healthz', { token: null })).status).toBe(200);
  }, 60_000);

  it('a client that leaves while the report is written stops its child and leaves no file', async () => {
    const controller = new AbortController();
    const res = download(controller.signal).catch(() => null);
    // The child has opened its file: the report is under way.
    for (let i = 0; i < 500 && leftovers().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(leftovers()).toHaveLength(1);
    controller.abort();
    await res;
    for (let i = 0; i < 200 && leftovers().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(leftovers()).toEqual([]);
    expect((await h.request('GET', '/healthz', { token: null })).status).toBe(200);
  }, 60_000);
});
