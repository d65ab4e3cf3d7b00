// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// Hostile files over POST /api/v1/import on both backends: each gets its 4xx within seconds,
// /healthz keeps answering under 2 s meanwhile, the service stays up and the store is unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slowestHealthz } from '../../helpers/healthz.ts';
import { hostileFiles } from '../../helpers/hostile-files.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';

function form(cluster: string, file: { name: string; bytes: Uint8Array }): FormData {
  const f = new FormData();
  f.append('cluster', cluster);
  f.append('file', new Blob([file.bytes]), file.name);
  return f;
}

describe.each(BACKENDS)('hostile imports on %s', (backend) => {
  let h: Harness;
  let token: string;

  beforeAll(async () => {
    h = await startHarness(backend, { BODY_LIMIT: '20mb' });
    const res = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'tomsk', name: 'Томск', region: 'Томская область', newRegion: true },
    });
    expect(res.status).toBe(201);
    token = await h.token('cluster', 'tomsk');
  });
  afterAll(() => h?.close());

  for (const file of hostileFiles()) {
    it(`refuses a ${file.label} quickly with ${file.status}, healthz answering`, async () => {
      const before = await h.services.store.counts();
      const t0 = performance.now();
      const answer = h.request('POST', '/api/v1/import', { token, body: form('tomsk', file) });
      const slowest = await slowestHealthz(h.url, answer);
      const res = await answer;
      const took = performance.now() - t0;
      expect(res.status, JSON.stringify(res.body)).toBe(file.status);
      expect(res.body.error.message).toContain(file.name);
      expect(took).toBeLessThan(10_000);
      expect(slowest).toBeLessThan(2_000);
      expect(await h.services.store.counts()).toEqual(before);
      const health = await h.request('GET', '/healthz', { token: null });
      expect(health.status).toBe(200);
    }, 30_000);
  }
});
