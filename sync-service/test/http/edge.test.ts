// The edge's headers on both backends: X-Content-Type-Options: nosniff on every answer (JSON,
// errors, HTML, XLSX, the OpenAPI document); X-Forwarded-* believed only when TRUST_PROXY says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { signIn } from '../helpers/dashboard.ts';
import { BACKENDS, type Harness, startHarness } from '../helpers/http-harness.ts';

describe.each(BACKENDS)('the edge on %s', (backend) => {
  let h: Harness;
  let proxied: Harness;
  beforeAll(async () => {
    [h, proxied] = await Promise.all([
      startHarness(backend),
      startHarness(backend, { TRUST_PROXY: '127.0.0.1' }),
    ]);
  });
  afterAll(async () => {
    await h?.close();
    await proxied?.close();
  });

  it('says nosniff on every answer', async () => {
    const answers = await Promise.all([
      h.request('GET', '/healthz', { token: null }),
      h.request('GET', '/api/v1/openapi.json', { token: null }),
      h.request('GET', '/api/v1/items', { token: null }),
      h.request('GET', '/api/v1/items'),
      h.request('GET', '/nowhere', { token: null }),
      h.request('GET', '/', { token: null }),
      h.request('GET', '/api/v1/reports/consolidated.xlsx'),
      h.request('POST', '/api/v1/sync', { body: '{', headers: { 'content-type': 'application/json' } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 200, 404, 200, 200, 400]);
    for (const a of answers) expect(a.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('believes X-Forwarded-Proto and X-Forwarded-Host only from a proxy TRUST_PROXY names', async () => {
    const headers = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'roadmaps.example.org',
      origin: 'https://roadmaps.example.org',
    };
    const direct = await signIn(h.url, h.admin, headers);
    expect(direct.res.status).toBe(403);
    const behind = await signIn(proxied.url, proxied.admin, headers);
    expect(behind.res.status).toBe(303);
    expect(behind.setCookie.split(';').map((a) => a.trim())).toContain('Secure');
  });
});

describe('TRUST_PROXY', () => {
  it('is false by default and takes true, a hop count or addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'a b' })).toThrow(/TRUST_PROXY/);
  });
});
