// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// A sheet large enough to be recognised in a child process: the same documents as in the request
// thread would give, and the sync of such a sheet stores all of it (both backends).
import { recognizeTables } from '@cluster/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf } from '../../../src/app/grid.ts';
import { WORKER_ROWS } from '../../../src/app/sync-sheet.ts';
import { recognizeGridInWorker } from '../../../src/files/read-worker.ts';
import { LARGE_JSON_BYTES } from '../../../src/http/json-body.ts';
import { bigRoadmapRows } from '../../helpers/big-sheet.ts';
import { slowestHealthz } from '../../helpers/healthz.ts';
import { BACKENDS, type Harness, startHarness, syncBody } from '../../helpers/http-harness.ts';

describe('recognition in a child process', () => {
  it('gives exactly what recognition in the request thread gives', async () => {
    const grid = gridOf(bigRoadmapRows(2_000));
    const options = { today: '2099-01-10', soonDays: 14, sheetName: 'План' };
    expect(await recognizeGridInWorker(grid, options)).toEqual(recognizeTables(grid, options));
  });
});

describe.each(BACKENDS)('a large sync on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, { BODY_LIMIT: '50mb' });
    const res = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'big', name: 'Большой', region: 'Томская область', newRegion: true },
    });
    expect(res.status).toBe(201);
  });
  afterAll(() => h?.close());

  it('is recognised off the request thread and stored whole', async () => {
    const rows = bigRoadmapRows(WORKER_ROWS);
    const res = await h.request('POST', '/api/v1/sync', { json: syncBody('big', rows) });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.created).toBe(WORKER_ROWS);
    if (backend === 'postgres') {
      // A bulk load refreshes the planner's statistics at once, not when autovacuum comes by.
      const db = (h.services.store as unknown as { db: { all(sql: string): Promise<any[]> } }).db;
      const [stats] = await db.all(
        "SELECT last_analyze, n_live_tup FROM pg_stat_user_tables WHERE relname = 'items' AND schemaname = current_schema()",
      );
      expect(stats.last_analyze).not.toBeNull();
      const [plan] = await db.all(
        "SELECT reltuples FROM pg_class WHERE relname = 'items' AND relnamespace = current_schema()::regnamespace",
      );
      expect(Number(plan.reltuples)).toBeGreaterThanOrEqual(WORKER_ROWS * 0.9);
    }
  }, 120_000);

  it('refuses a large body that is not JSON or not a sync payload with the usual 400', async () => {
    const token = await h.token('cluster', 'big');
    const post = (body: string) =>
      h.request('POST', '/api/v1/sync', { token, body, headers: { 'content-type': 'application/json' } });
    const rows = bigRoadmapRows(6_000, 'c');
    const text = JSON.stringify(syncBody('big', rows));
    expect(Buffer.byteLength(text)).toBeGreaterThan(LARGE_JSON_BYTES);
    const notJson = await post(`${text.slice(0, -1)},}`);
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/^Тело запроса — не JSON: /);
    (rows[4_321].cells as unknown[])[1] = { nested: true };
    const invalid = await post(JSON.stringify(syncBody('big', rows)));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues[0].path).toBe('rows[4321].cells[1]');
    expect(invalid.body.error.message).toContain('rows[4321].cells[1]');
  });

  it('cleans and notes a copied row of a large body read off the request thread (id_reassigned)', async () => {
    const token = await h.token('cluster', 'big');
    const source = { spreadsheetId: 'sheet-copies' };
    const rows = bigRoadmapRows(6_000, 'd');
    // The text rule holds off the request thread too: a NUL in a cell is dropped.
    rows[10].cells[1] = 'Совет\u0000 по кадрам';
    expect(Buffer.byteLength(JSON.stringify(syncBody('big', rows, source)))).toBeGreaterThan(
      LARGE_JSON_BYTES,
    );
    const first = await h.request('POST', '/api/v1/sync', { token, json: syncBody('big', rows, source) });
    expect(first.status).toBe(200);
    const idOf = new Map<number, string>(first.body.rowIds.map((r: any) => [r.row, r.id]));
    const cleaned = await h.request('GET', `/api/v1/items/${idOf.get(11)}`, { token });
    expect(cleaned.status).toBe(200);
    expect(JSON.stringify(cleaned.body)).toContain('Совет по кадрам');
    const withIds: any[] = rows.map((r, i) => ({ ...r, id: idOf.get(i + 1) ?? null }));
    const at = 1_000;
    withIds.splice(at + 1, 0, { ...withIds[at], id: null, copiedFrom: withIds[at].id });
    const second = await h.request('POST', '/api/v1/sync', { token, json: syncBody('big', withIds, source) });
    expect(second.status).toBe(200);
    expect(second.body.created).toBe(1);
    const copyId = second.body.rowIds.find((r: any) => r.row === at + 2).id;
    const history = await h.request('GET', `/api/v1/items/${copyId}/history`, { token });
    expect(history.body.events.map((e: any) => e.type)).toEqual(['created', 'id_reassigned']);
    expect(history.body.events[1]).toMatchObject({ field: 'id', old: withIds[at].id, new: copyId });
  }, 120_000);

  it('reads a large body in place for a route without a reader of its own (text rule included)', async () => {
    const pad = 'ж'.repeat(LARGE_JSON_BYTES / 2);
    const made = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'padded', name: 'Рудный\u0000', region: 'Томская область', pad },
    });
    expect(made.status, JSON.stringify(made.body).slice(0, 300)).toBe(201);
    expect(made.body.cluster.name).toBe('Рудный');
    const tooLong = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'padded2', name: pad, region: 'Томская область' },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.issues[0].path).toBe('name');
  });

  it('leaves /healthz answering under 2 s while a 20,000-row sync of another sheet runs', async () => {
    // The body is encoded before the clock starts and the answer parsed after it stops: only the
    // service's own work is between the polls.
    const body = JSON.stringify(
      syncBody('big', bigRoadmapRows(20_000, 'b'), { spreadsheetId: 'sheet-other' }),
    );
    const token = await h.token('cluster', 'big');
    const sent = fetch(`${h.url}/api/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    }).then(async (res) => ({ status: res.status, text: await res.text() }));
    const t0 = performance.now();
    const slowest = await slowestHealthz(h.url, sent);
    const took = performance.now() - t0;
    const answer = await sent;
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect(JSON.parse(answer.text).created).toBe(20_000);
    console.info(
      `${backend}: 20,000-row sync ${Math.round(took)} ms, slowest /healthz ${Math.round(slowest)} ms`,
    );
    expect(slowest).toBeLessThan(2_000);
  }, 120_000);
});
