// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// The token lifecycle contract on both backends: `token list` (one a line, newest last,
// ID<TAB>KIND<TAB>SCOPE<TAB>CREATED<TAB>LAST-USED, never the secret), `token revoke ID` (exit 0, the
// token stops at once; unknown id: one stderr line, exit 2), `token create --expires DATE`, and
// GET/DELETE /api/v1/tokens[/{id}] for admins.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiryOf } from '../../src/app/admin.ts';
import { runBin } from '../helpers/cli.ts';
import { BACKENDS, type Harness, startHarness } from '../helpers/http-harness.ts';

describe('expiryOf', () => {
  it('takes ДД.ММ.ГГГГ or ГГГГ-ММ-ДД; the token works through that day', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(expiryOf('31.12.2026', now)).toBe('2027-01-01T00:00:00.000Z');
    expect(expiryOf('2026-02-28', now)).toBe('2026-03-01T00:00:00.000Z');
    expect(() => expiryOf('2026-02-30', now)).toThrow(/Нет такой даты/);
    expect(() => expiryOf('31.12.2025', now)).toThrow(/прошла/);
  });
});

describe.each(BACKENDS)('token lifecycle on %s', (backend) => {
  let h: Harness;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness(backend);
    dir = mkdtempSync(join(tmpdir(), 'cli-tokens-'));
    env = { DATA_DIR: h.config.dataDir, DATABASE_URL: h.config.databaseUrl ?? '' };
    const res = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'tomsk', name: 'Томск', region: 'Томская область', newRegion: true },
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists tokens newest last without secrets; revoke ends one at once', async () => {
    const created = await runBin(['token', 'create', '--cluster', 'tomsk', '--expires', '31.12.2099'], {
      env,
    });
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect((await h.request('GET', '/api/v1/items', { token: secret })).status).toBe(200);

    const list = await runBin(['token', 'list'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toContain(secret);
    const lines = list.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    for (const l of lines) expect(l).toHaveLength(5);
    expect(lines[0].slice(1, 3)).toEqual(['admin', '*']);
    const [id, kind, scope, createdAt, lastUsed] = lines[lines.length - 1];
    expect([kind, scope]).toEqual(['cluster', 'tomsk']);
    expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lastUsed).toMatch(/^\d{4}-\d\d-\d\dT/);

    const api = await h.request('GET', '/api/v1/tokens');
    expect(api.status).toBe(200);
    expect(api.body.tokens.map((t: any) => t.id)).toEqual(lines.map((l) => l[0]));
    expect(api.body.tokens.at(-1).expiresAt).toBe('2100-01-01T00:00:00.000Z');
    expect(JSON.stringify(api.body)).not.toContain(secret);
    expect((await h.request('GET', `/api/v1/tokens/${id}`)).body.token.scope).toBe('tomsk');

    const revoked = await runBin(['token', 'revoke', id], { env });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await h.request('GET', '/api/v1/items', { token: secret })).status).toBe(401);
    expect((await runBin(['token', 'list'], { env })).stdout).not.toContain(id);

    const unknown = await runBin(['token', 'revoke', 'no-such-id'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('no-such-id');
  }, 60_000);

  it('DELETE /api/v1/tokens/{id} for admins only; an expired token is refused', async () => {
    const cluster = await h.token('cluster', 'tomsk');
    const [mine] = (await h.request('GET', '/api/v1/tokens')).body.tokens.slice(-1);
    expect((await h.request('GET', '/api/v1/tokens', { token: cluster })).status).toBe(403);
    expect((await h.request('DELETE', `/api/v1/tokens/${mine.id}`, { token: cluster })).status).toBe(403);
    expect((await h.request('DELETE', `/api/v1/tokens/${mine.id}`)).status).toBe(204);
    expect((await h.request('GET', '/api/v1/items', { token: cluster })).status).toBe(401);
    expect((await h.request('DELETE', `/api/v1/tokens/${mine.id}`)).status).toBe(404);
    expect((await h.request('GET', '/api/v1/tokens/nope')).status).toBe(404);

    const old = await h.services.store.tokens.create({
      kind: 'cluster',
      subject: 'tomsk',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const res = await h.request('GET', '/api/v1/items', { token: old.token });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('истёк');
  });
});
