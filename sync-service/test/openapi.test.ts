// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// /api/v1/openapi.json: valid JSON, OpenAPI 3.1, lists exactly the routes the app answers, and the
// sync body schema comes from the shared zod schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { features } from '../src/features/index.ts';
import { type Harness, startHarness } from './helpers/http-harness.ts';

/** Routes the express routers answer, as `method path` in OpenAPI style. */
function routesOf(services: Harness['services']): string[] {
  const found: string[] = [];
  for (const feature of features) {
    const router = feature.router(services) as unknown as {
      stack: { route?: { path: string; methods: Record<string, boolean> } }[];
    };
    for (const layer of router.stack) {
      if (!layer.route) continue;
      const base = feature.mount === '/' ? '' : feature.mount;
      const path = `${base}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
      for (const method of Object.keys(layer.route.methods)) found.push(`${method} ${path}`);
    }
  }
  return found;
}

describe('OpenAPI document', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(() => h?.close());

  it('is served without a token as OpenAPI 3.1 JSON', async () => {
    const res = await fetch(`${h.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const doc = JSON.parse(await res.text());
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('lists every route the app answers', async () => {
    const doc = (await h.request('GET', '/api/v1/openapi.json', { token: null })).body;
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`),
    );
    const routes = routesOf(h.services);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) expect(listed).toContain(route);
    // …and lists nothing the app does not answer (the document itself is served by the app).
    for (const route of listed) expect([...routes, 'get /api/v1/openapi.json']).toContain(route);
    for (const route of [
      'post /api/v1/sync',
      'post /api/v1/import',
      'get /api/v1/items',
      'get /api/v1/items/{id}/history',
    ]) {
      expect(listed).toContain(route);
    }
  });

  it('says what every query parameter means, and what the dashboard’s home page shows', async () => {
    const doc = (await h.request('GET', '/api/v1/openapi.json', { token: null })).body;
    const bare: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? [])
          if (p.in === 'query' && !p.description) bare.push(`${method} ${path} ${p.name}`);
      }
    }
    expect(bare).toEqual([]);
    const home: string = doc.paths['/'].get.summary;
    for (const part of ['КИД', 'Динамика', 'загрузка файла']) expect(home).toContain(part);
  });

  it('describes the sync body from the shared schema and the error shape', async () => {
    const doc = (await h.request('GET', '/api/v1/openapi.json', { token: null })).body;
    const sync = doc.paths['/api/v1/sync'].post;
    const body = sync.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['cluster', 'source', 'rows']));
    expect(body.properties.rows.items.properties.cells.items.type).toEqual([
      'string',
      'number',
      'boolean',
      'null',
    ]);
    expect(Object.keys(sync.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '413']),
    );
    expect(sync.responses['200'].content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['syncId', 'documentId', 'created', 'rowIds', 'items']),
    );
    const items = doc.paths['/api/v1/items'].get;
    expect(items.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['cluster', 'state', 'executor', 'dueBefore', 'dueAfter', 'q']),
    );
    const imp = doc.paths['/api/v1/import'].post;
    expect(Object.keys(imp.requestBody.content)).toEqual(['multipart/form-data']);
  });
});
