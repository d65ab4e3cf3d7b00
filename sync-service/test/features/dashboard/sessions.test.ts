// Dashboard sessions on both backends: the cookie holds a random id (never the token) stored only
// hashed; logout, token revocation and the idle limit (SESSION_IDLE_HOURS) end it at once, for
// pages and report downloads alike; the session id opens nothing in the JSON API.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, signIn } from '../../helpers/dashboard.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';

const logout = (url: string, cookie: string) =>
  fetch(`${url}/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' });

describe.each(BACKENDS)('dashboard sessions on %s', (backend) => {
  let h: Harness;
  let idle: Harness;
  beforeAll(async () => {
    // 0.001 h = 3.6 s without a request ends a session.
    [h, idle] = await Promise.all([
      startHarness(backend),
      startHarness(backend, { SESSION_IDLE_HOURS: '0.001' }),
    ]);
  });
  afterAll(async () => {
    await h?.close();
    await idle?.close();
  });

  it('the cookie is a random session id stored hashed; logout ends it on the server', async () => {
    const { cookie } = await signIn(h.url, h.admin);
    const id = decodeURIComponent(cookie.split('=')[1]);
    expect(id).not.toBe(h.admin);
    expect(await h.services.store.sessions.find(id)).not.toBeNull();
    const rows = await (
      h.services.store as unknown as { db: { all(sql: string): Promise<{ id_hash: string }[]> } }
    ).db.all('SELECT id_hash FROM sessions');
    expect(rows.map((r) => r.id_hash)).toContain(createHash('sha256').update(id).digest('hex'));
    expect(rows.some((r) => r.id_hash === id)).toBe(false);
    expect((await page(h.url, '/', cookie)).html).not.toContain('action="/login"');
    expect((await page(h.url, '/reports/consolidated.xlsx', cookie)).status).toBe(200);
    // The session id is not a token.
    expect((await h.request('GET', '/api/v1/items', { token: id })).status).toBe(401);

    expect((await logout(h.url, cookie)).status).toBe(303);
    // The same value replayed after logout opens nothing.
    expect((await page(h.url, '/', cookie)).html).toContain('action="/login"');
    expect((await page(h.url, '/reports/consolidated.xlsx', cookie)).status).toBe(401);
    expect(await h.services.store.sessions.find(id)).toBeNull();
  });

  it('revoking the token ends its sessions at once', async () => {
    const created = await h.services.store.tokens.create({ kind: 'admin', subject: null });
    const { cookie } = await signIn(h.url, created.token);
    expect((await page(h.url, '/reports/consolidated.xlsx', cookie)).status).toBe(200);
    expect((await h.request('DELETE', `/api/v1/tokens/${created.record.id}`)).status).toBe(204);
    expect((await page(h.url, '/reports/consolidated.xlsx', cookie)).status).toBe(401);
    expect((await page(h.url, '/', cookie)).html).toContain('action="/login"');
  });

  it('a session idle longer than SESSION_IDLE_HOURS is over', async () => {
    const { cookie, setCookie } = await signIn(idle.url, idle.admin);
    expect(setCookie).toMatch(/Max-Age=4(;|$)/);
    expect((await page(idle.url, '/reports/consolidated.xlsx', cookie)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 4_000));
    expect((await page(idle.url, '/reports/consolidated.xlsx', cookie)).status).toBe(401);
  }, 20_000);
});
