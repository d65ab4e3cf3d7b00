// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// Throttling over real HTTP on both backends: a burst of wrong tokens from one address gets 429 with
// Retry-After before any store lookup (API and dashboard login), other addresses and the next window
// are untouched, X-Forwarded-For counts only when TRUST_PROXY says so, an IPv6 client counts by its
// /64; a per-token request budget shared by the token's API requests and dashboard pages.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { makeServices } from '../../src/services.ts';
import { openStore } from '../../src/store/store.ts';
import { page, signIn } from '../helpers/dashboard.ts';
import { BACKENDS, type Harness, startHarness } from '../helpers/http-harness.ts';

const wrongToken = () => `cst_${randomBytes(32).toString('base64url')}`;
const from = (address: string) => ({ 'x-forwarded-for': address });

/** Counts the store's token lookups from now on. */
function countLookups(h: Harness): () => number {
  const tokens = h.services.store.tokens;
  const original = tokens.findByHash.bind(tokens);
  let calls = 0;
  tokens.findByHash = (hash) => {
    calls++;
    return original(hash);
  };
  return () => calls;
}

function expectRetryAfter(headers: Headers, atMostSeconds: number): void {
  const value = Number(headers.get('retry-after'));
  expect(Number.isInteger(value)).toBe(true);
  expect(value).toBeGreaterThanOrEqual(1);
  expect(value).toBeLessThanOrEqual(atMostSeconds);
}

describe.each(BACKENDS)('throttling on %s', (backend) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a burst of wrong tokens gets 429 before the store is asked; another address and the next window pass', async () => {
    h = await startHarness(backend, {
      TRUST_PROXY: 'loopback',
      AUTH_FAIL_BURST: '3',
      AUTH_FAIL_WINDOW_SECONDS: '2',
    });
    const lookups = countLookups(h);
    for (let i = 0; i < 3; i++) {
      const res = await h.request('GET', '/api/v1/clusters', {
        token: wrongToken(),
        headers: from('203.0.113.7'),
      });
      expect(res.status).toBe(401);
    }
    expect(lookups()).toBe(3);

    const refused = await h.request('GET', '/api/v1/clusters', {
      token: wrongToken(),
      headers: from('203.0.113.7'),
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_requests');
    expect(refused.body.error.message).toMatch(/Слишком много неудачных попыток/);
    expectRetryAfter(refused.headers, 2);
    // Once the budget is spent the store is not asked, even for many more guesses.
    for (let i = 0; i < 20; i++) {
      const res = await h.request('GET', '/api/v1/clusters', {
        token: wrongToken(),
        headers: from('203.0.113.7'),
      });
      expect(res.status).toBe(429);
    }
    expect(lookups()).toBe(3);
    // The address is closed for every token until the window ends…
    expect((await h.request('GET', '/api/v1/clusters', { headers: from('203.0.113.7') })).status).toBe(429);
    // …but a valid token from another address works, and so does a wrong one (401, not 429).
    expect((await h.request('GET', '/api/v1/clusters', { headers: from('203.0.113.8') })).status).toBe(200);
    expect(
      (await h.request('GET', '/api/v1/clusters', { token: wrongToken(), headers: from('203.0.113.8') }))
        .status,
    ).toBe(401);

    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await h.request('GET', '/api/v1/clusters', { headers: from('203.0.113.7') })).status).toBe(200);
    expect(
      (await h.request('GET', '/api/v1/clusters', { token: wrongToken(), headers: from('203.0.113.7') }))
        .status,
    ).toBe(401);
  });

  it('counts failures per IPv6 /64: another address of the /64 is closed too, another /64 is not', async () => {
    h = await startHarness(backend, { TRUST_PROXY: 'loopback', AUTH_FAIL_BURST: '2' });
    const guess = (address: string) =>
      h?.request('GET', '/api/v1/clusters', { token: wrongToken(), headers: from(address) });
    expect((await guess('2001:db8:7:1::1'))?.status).toBe(401);
    expect((await guess('2001:db8:7:1:abcd::2'))?.status).toBe(401);
    const refused = await guess('2001:db8:7:1:ffff:ffff:ffff:fffe');
    expect(refused?.status).toBe(429);
    expectRetryAfter(refused?.headers as Headers, 60);
    expect((await guess('2001:db8:7:2::1'))?.status).toBe(401);
    // IPv4 stays per address.
    expect((await guess('203.0.113.20'))?.status).toBe(401);
    expect((await guess('203.0.113.21'))?.status).toBe(401);
    expect((await guess('203.0.113.21'))?.status).toBe(401);
    expect((await guess('203.0.113.20'))?.status).toBe(401);
  });

  it('dashboard pages spend the request budget of their token as the API does', async () => {
    h = await startHarness(backend, { TOKEN_RATE_PER_MINUTE: '4' });
    const { cookie } = await signIn(h.url, h.admin);
    // Two pages and two API requests fill the four; the next page and API request get 429.
    for (let i = 0; i < 2; i++) expect((await page(h.url, '/items', cookie)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await h.request('GET', '/api/v1/clusters')).status).toBe(200);
    const refused = await page(h.url, '/items', cookie);
    expect(refused.status).toBe(429);
    expect(refused.res.headers.get('content-type')).toMatch(/text\/html/);
    expect(refused.html).toContain('лимит запросов для токена');
    expectRetryAfter(refused.res.headers, 60);
    expect((await h.request('GET', '/api/v1/clusters')).status).toBe(429);
  });

  it('successful requests never use up the failure budget', async () => {
    h = await startHarness(backend, { AUTH_FAIL_BURST: '2' });
    for (let i = 0; i < 10; i++) expect((await h.request('GET', '/api/v1/clusters')).status).toBe(200);
    expect((await h.request('GET', '/api/v1/clusters', { token: wrongToken() })).status).toBe(401);
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not give a fresh budget', async () => {
    h = await startHarness(backend, { AUTH_FAIL_BURST: '2', AUTH_FAIL_WINDOW_SECONDS: '60' });
    for (let i = 0; i < 2; i++) {
      const res = await h.request('GET', '/api/v1/clusters', {
        token: wrongToken(),
        headers: from(`198.51.100.${i}`),
      });
      expect(res.status).toBe(401);
    }
    const res = await h.request('GET', '/api/v1/clusters', {
      token: wrongToken(),
      headers: from('198.51.100.99'),
    });
    expect(res.status).toBe(429);
    expectRetryAfter(res.headers, 60);
  });

  it('the dashboard login is throttled with a Russian page and Retry-After', async () => {
    h = await startHarness(backend, { AUTH_FAIL_BURST: '3', AUTH_FAIL_WINDOW_SECONDS: '60' });
    const lookups = countLookups(h);
    for (let i = 0; i < 3; i++) expect((await signIn(h.url, wrongToken())).res.status).toBe(401);
    const refused = await signIn(h.url, wrongToken());
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('content-type')).toMatch(/text\/html/);
    expect(refused.text).toContain('Слишком много неудачных попыток входа');
    expectRetryAfter(refused.res.headers, 60);
    expect(refused.setCookie).toBe('');
    expect(lookups()).toBe(3);
    // Login and API share the address's budget.
    expect((await h.request('GET', '/api/v1/clusters', { token: wrongToken() })).status).toBe(429);
  });

  it('guessed calendar keys count as failed authentications', async () => {
    h = await startHarness(backend, { AUTH_FAIL_BURST: '2' });
    const key = () => `csf_${randomBytes(24).toString('base64url')}`;
    const feed = (k: string) =>
      h?.request('GET', `/api/v1/calendar.ics?cluster=any&key=${k}`, { token: null });
    for (let i = 0; i < 2; i++) expect((await feed(key()))?.status).toBe(403);
    const refused = await feed(key());
    expect(refused?.status).toBe(429);
    expectRetryAfter(refused?.headers as Headers, 60);
  });

  it('a token gets TOKEN_RATE_PER_MINUTE requests a minute, then 429; other tokens go on', async () => {
    h = await startHarness(backend, { TOKEN_RATE_PER_MINUTE: '5' });
    const other = (
      await h.request('POST', '/api/v1/departments', {
        json: { slug: 'edu', name: 'Образование', region: 'Калужская область', newRegion: true },
      })
    ).status;
    expect(other).toBe(201);
    const department = await h.token('department', 'edu');
    // The admin token spent one request above: four more fill its five.
    for (let i = 0; i < 4; i++) expect((await h.request('GET', '/api/v1/clusters')).status).toBe(200);
    const refused = await h.request('GET', '/api/v1/clusters');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_requests');
    expect(refused.body.error.message).toMatch(/лимит запросов для токена \(5 в минуту\)/);
    expectRetryAfter(refused.headers, 60);
    expect((await h.request('GET', '/api/v1/items', { token: department })).status).toBe(200);
  });

  it('TOKEN_RATE_PER_MINUTE=0 sets no budget', async () => {
    h = await startHarness(backend, { TOKEN_RATE_PER_MINUTE: '0' });
    for (let i = 0; i < 30; i++) expect((await h.request('GET', '/api/v1/clusters')).status).toBe(200);
  });
});

describe('throttling shared by processes on PostgreSQL', () => {
  it('a second app over the same database sees the failures of the first', async () => {
    const h = await startHarness('postgres', { AUTH_FAIL_BURST: '2', TOKEN_RATE_PER_MINUTE: '3' });
    // Another process in all but the process: its own store, pool and limiters over the same database.
    const store = await openStore({ dataDir: h.config.dataDir, databaseUrl: h.config.databaseUrl });
    const server: Server = await new Promise((resolve) => {
      const s = createApp(makeServices(h.config, store)).listen(0, '127.0.0.1', () => resolve(s));
    });
    const second = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = (token: string) =>
      fetch(`${second}/api/v1/clusters`, { headers: { authorization: `Bearer ${token}` } });
    try {
      // The per-token budget: two requests on the first app, one on the second, then 429 on either.
      for (let i = 0; i < 2; i++) expect((await h.request('GET', '/api/v1/clusters')).status).toBe(200);
      expect((await get(h.admin)).status).toBe(200);
      const spent = await get(h.admin);
      expect(spent.status).toBe(429);
      expect(((await spent.json()) as any).error.code).toBe('too_many_requests');
      expect((await h.request('GET', '/api/v1/clusters')).status).toBe(429);
      // Failures on the first app close the address on the second.
      for (let i = 0; i < 2; i++)
        expect((await h.request('GET', '/api/v1/clusters', { token: wrongToken() })).status).toBe(401);
      const refused = await get(wrongToken());
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await refused.json()) as any).error.message).toMatch(/неудачных попыток/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      await h.close();
    }
  });
});

describe('OpenAPI', () => {
  it('lists 429 with Retry-After for every Bearer route and the login form', async () => {
    const h = await startHarness('sqlite');
    try {
      const doc = (await h.request('GET', '/api/v1/openapi.json', { token: null })).body;
      const ops = Object.values(doc.paths).flatMap((p) => Object.values(p as Record<string, any>));
      const bearer = ops.filter((op) => op.security?.some((s: any) => 'bearer' in s));
      expect(bearer.length).toBeGreaterThan(10);
      for (const op of bearer) expect(op.responses['429']?.headers?.['Retry-After']).toBeDefined();
      expect(doc.paths['/login'].post.responses['429'].headers['Retry-After']).toBeDefined();
    } finally {
      await h.close();
    }
  });
});
