// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// A sheet large enough to be recognised in a child process: the same documents as in the request
// thread would give, and the sync of such a sheet stores all of it (both backends).
import { recognizeTables } from '@cluster/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf } from '../../../src/app/grid.ts';
import { WORKER_ROWS } from '../../../src/app/sync-sheet.ts';
import { recognizeGridInWorker } from '../../../src/files/read-worker.ts';
import { bigRoadmapRows } from '../../helpers/big-sheet.ts';
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
});
