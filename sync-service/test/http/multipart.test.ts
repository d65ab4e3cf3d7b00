// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// Malformed multipart on POST /api/v1/import, both backends: 400 saying what is wrong (413 for a
// file over the limit), never a 500, and the store unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/http-harness.ts';

const B = 'xYzBoundary42';
const CSV = '№;Мероприятие;Срок\n1;Совет;01.02.2099\n';
const part = (headers: string, body: string) => `--${B}\r\n${headers}\r\n\r\n${body}\r\n`;
const field = (name: string, value: string) => part(`Content-Disposition: form-data; name="${name}"`, value);
const file = (name: string, filename: string, body = CSV) =>
  part(
    `Content-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/csv`,
    body,
  );
const end = `--${B}--\r\n`;

const CASES: { label: string; contentType?: string; body: string; says: RegExp; status?: number }[] = [
  {
    label: 'no boundary',
    contentType: 'multipart/form-data',
    body: field('cluster', 'tomsk') + file('file', 'a.csv') + end,
    says: /границ/,
  },
  {
    label: 'a form cut short',
    body: field('cluster', 'tomsk') + file('file', 'a.csv').slice(0, 90),
    says: /оборвана/,
  },
  {
    label: 'an oversized part header',
    body:
      part(`Content-Disposition: form-data; name="cluster"\r\nX-Pad: ${'x'.repeat(100_000)}`, 'tomsk') + end,
    says: /заголов/,
  },
  {
    label: 'two files',
    body: field('cluster', 'tomsk') + file('file', 'a.csv') + file('file', 'b.csv') + end,
    says: /один/,
  },
  {
    label: 'a file in another field',
    body: field('cluster', 'tomsk') + file('other', 'a.csv') + end,
    says: /один/,
  },
  {
    label: 'a file name with control bytes',
    body: field('cluster', 'tomsk') + file('file', 'a\u0001\u0007.csv') + end,
    says: /заголовок части/,
  },
  {
    label: 'a file over the limit',
    body: field('cluster', 'tomsk') + file('file', 'big.csv', 'x'.repeat(2 * 1024 * 1024)) + end,
    says: /слишком большой/,
    status: 413,
  },
];

describe.each(BACKENDS)('malformed multipart on %s', (backend) => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness(backend, { BODY_LIMIT: '1mb' });
    const res = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'tomsk', name: 'Томск', region: 'Томская область' },
    });
    expect(res.status).toBe(201);
    token = await h.token('cluster', 'tomsk');
  });
  afterAll(() => h?.close());

  for (const c of CASES) {
    it(`${c.label}: ${c.status ?? 400} saying what is wrong`, async () => {
      const before = await h.services.store.counts();
      const res = await h.request('POST', '/api/v1/import', {
        token,
        body: Buffer.from(c.body, 'latin1'),
        headers: { 'content-type': c.contentType ?? `multipart/form-data; boundary=${B}` },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(c.status ?? 400);
      expect(res.body.error.message).toMatch(c.says);
      expect(await h.services.store.counts()).toEqual(before);
    });
  }

  it('a well-formed form still imports', async () => {
    const res = await h.request('POST', '/api/v1/import', {
      token,
      body: Buffer.from(field('cluster', 'tomsk') + file('file', 'a.csv') + end, 'utf8'),
      headers: { 'content-type': `multipart/form-data; boundary=${B}` },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});
