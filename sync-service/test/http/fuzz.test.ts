// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// Property-based fuzz of /api/v1/sync, /api/v1/import and the read routes on both backends
// (fast-check, bounded runs and time): whatever a client with a cluster token sends, the answer is
// never a 5xx, and a refused request leaves the store as it was. FC_SEED replays a failure.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, roadmapRows, startHarness, syncBody } from '../helpers/http-harness.ts';

const seed = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};

/** Any text, with the characters that broke things before mixed in. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '\u0000',
    '\uFFFF',
    '\uD800',
    '\u000B',
    '=1+1',
    '',
    ' ',
    '31.02.2025',
    'IV квартал 2025 г.',
  ),
);
const cell = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const anyJson = fc.jsonValue({ maxDepth: 3 });

describe.each(BACKENDS)('fuzz on %s', (backend) => {
  let h: Harness;
  let token: string;
  const before = async () => h.services.store.counts();

  beforeAll(async () => {
    h = await startHarness(backend, { BODY_LIMIT: '1mb' });
    const res = await h.request('POST', '/api/v1/clusters', {
      json: { slug: 'fuzz', name: 'Фазз', region: 'Томская область' },
    });
    expect(res.status).toBe(201);
    token = await h.token('cluster', 'fuzz');
  });
  afterAll(() => h?.close());

  it('POST /api/v1/sync: never 5xx; refused snapshots change nothing', async () => {
    const payload = fc.oneof(
      // Near-valid snapshots with hostile cells and ids.
      fc
        .record({
          rows: fc.array(fc.record({ id: fc.option(text), cells: fc.array(cell, { maxLength: 7 }) }), {
            maxLength: 12,
          }),
          sheetId: fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 31)),
          sheetName: text,
          spreadsheetId: text,
        })
        .map((r) => ({
          ...syncBody('fuzz', [...roadmapRows([]), ...(r.rows as any)], {
            sheetId: r.sheetId,
            sheetName: r.sheetName,
            spreadsheetId: r.spreadsheetId,
          }),
        })),
      // Anything at all.
      anyJson,
    );
    await fc.assert(
      fc.asyncProperty(payload, async (body) => {
        const counts = await before();
        const res = await h.request('POST', '/api/v1/sync', { token, json: body });
        expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(500);
        if (res.status >= 400) expect(await h.services.store.counts()).toEqual(counts);
      }),
      { numRuns: 40, interruptAfterTimeLimit: 40_000, ...seed },
    );
  }, 90_000);

  it('POST /api/v1/import: never 5xx; refused files change nothing', async () => {
    const file = fc.record({
      name: fc
        .oneof(text, fc.constantFrom('a.xlsx', 'a.csv', 'a.docx', 'a.odt', 'a.txt'))
        .map((n) => n || 'x'),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 2_000 }),
        fc
          .array(fc.array(text, { maxLength: 5 }), { maxLength: 8 })
          .map((rows) => new TextEncoder().encode(rows.map((r) => r.join(';')).join('\n'))),
      ),
      cluster: fc.oneof(fc.constant('fuzz'), text),
    });
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const counts = await before();
        const form = new FormData();
        form.append('cluster', f.cluster);
        form.append('file', new Blob([f.bytes]), f.name);
        const res = await h.request('POST', '/api/v1/import', { token, body: form });
        expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(500);
        if (res.status >= 400) expect(await h.services.store.counts()).toEqual(counts);
      }),
      { numRuns: 25, interruptAfterTimeLimit: 40_000, ...seed },
    );
  }, 90_000);

  it('read routes: never 5xx whatever the path and query', async () => {
    const route = fc.constantFrom(
      '/api/v1/items',
      '/api/v1/items/',
      '/api/v1/clusters',
      '/api/v1/documents',
      '/api/v1/reports/cluster.xlsx',
      '/api/v1/tokens',
    );
    const query = fc.dictionary(
      fc.constantFrom('q', 'cluster', 'state', 'limit', 'asOf', 'region', 'executor'),
      text,
      {
        maxKeys: 4,
      },
    );
    await fc.assert(
      fc.asyncProperty(route, fc.option(text), query, async (path, tail, q) => {
        // Every byte percent-encoded (a lone surrogate goes as UTF-8 does: U+FFFD).
        const suffix =
          tail === null
            ? ''
            : [...Buffer.from(tail, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
        const search = new URLSearchParams(q as Record<string, string>).toString();
        const res = await h.request('GET', `${path}${path.endsWith('/') ? suffix : ''}?${search}`, { token });
        expect(res.status, `${path} ${search}`).toBeLessThan(500);
      }),
      { numRuns: 60, interruptAfterTimeLimit: 30_000, ...seed },
    );
  }, 60_000);
});
