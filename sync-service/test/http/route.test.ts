// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
// route(spec, handler): the handler gets validated, typed input; a bad request is a 400 that says
// where; the access is checked before the input; and the OpenAPI document lists each route once.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { Principal } from '../../src/app/access.ts';
import { features } from '../../src/features/index.ts';
import { clusterReport, consolidatedReport } from '../../src/features/reports/index.ts';
import { feature } from '../../src/http/feature.ts';
import { reuse, route, type Upload } from '../../src/http/route.ts';
import { buildOpenApi } from '../../src/openapi.ts';
import { type Harness, startHarness } from '../helpers/http-harness.ts';

const ProbeAnswer = z.object({
  n: z.number(),
  flag: z.enum(['a', 'b']).nullable(),
  limit: z.number().nullable(),
  cells: z.number(),
  caller: z.string(),
});

const probe = route(
  {
    method: 'post',
    path: '/probe/{n}',
    summary: 'Проба: params, query и тело',
    access: 'read',
    params: z.object({ n: z.coerce.number().int().min(1) }),
    query: z.object({
      flag: z.enum(['a', 'b']).optional(),
      limit: z.coerce.number().int().max(10).optional(),
    }),
    body: z.object({ rows: z.array(z.object({ cells: z.array(z.string()) })) }),
    responses: { 201: ProbeAnswer, 404: true },
  },
  ({ params, query, body, principal, file }) => {
    // The input is typed by the spec: no casts in the handler.
    expectTypeOf(params.n).toEqualTypeOf<number>();
    expectTypeOf(query.flag).toEqualTypeOf<'a' | 'b' | undefined>();
    expectTypeOf(query.limit).toEqualTypeOf<number | undefined>();
    expectTypeOf(body.rows).toEqualTypeOf<{ cells: string[] }[]>();
    expectTypeOf(principal).toEqualTypeOf<Principal>();
    expectTypeOf(file).toEqualTypeOf<undefined>();
    return {
      n: params.n,
      flag: query.flag ?? null,
      limit: query.limit ?? null,
      cells: body.rows.reduce((sum, r) => sum + r.cells.length, 0),
      caller: principal.kind,
    };
  },
);

const adminOnly = route(
  {
    method: 'post',
    path: '/probe-admin',
    summary: 'Проба: только администратор',
    access: 'admin',
    body: z.object({ name: z.string().min(1) }),
    responses: { 200: z.object({ name: z.string() }) },
  },
  ({ body }) => ({ name: body.name }),
);

const upload = route(
  {
    method: 'post',
    path: '/probe-upload',
    summary: 'Проба: multipart с файлом',
    access: 'cluster',
    body: {
      multipart: z.object({ cluster: z.string().min(3) }),
      file: { field: 'doc', description: 'Файл' },
    },
    responses: { 200: z.object({ cluster: z.string(), name: z.string(), size: z.number() }) },
  },
  ({ body, file }) => {
    expectTypeOf(file).toEqualTypeOf<Upload>();
    return { cluster: body.cluster, name: file.name, size: file.buffer.length };
  },
);

const open = route(
  {
    method: 'get',
    path: '/probe-open',
    summary: 'Проба: открытый маршрут',
    access: 'public',
    responses: { 200: z.object({ caller: z.null() }) },
  },
  ({ principal }) => {
    expectTypeOf(principal).toEqualTypeOf<undefined>();
    return { caller: null };
  },
);

// The answer a handler returns is checked against the documented success schema.
route(
  {
    method: 'get',
    path: '/never-mounted',
    summary: 'Проба типов',
    access: 'public',
    responses: { 200: z.object({ a: z.string() }) },
  },
  // @ts-expect-error `a` must be a string, as the 200 schema says
  () => ({ a: 1 }),
);

const probeFeature = feature({ name: 'probe', mount: '/api/v1', routes: [probe, adminOnly, upload] });
const openFeature = feature({ name: 'probe-open', mount: '/', routes: [open] });

describe('route()', () => {
  let h: Harness;
  let clusterToken: string;
  beforeAll(async () => {
    h = await startHarness('sqlite', {}, [...features, probeFeature, openFeature]);
    await h.services.store.clusters.create({
      slug: 'probe-cluster',
      name: 'Проба',
      region: 'Томская область',
    });
    clusterToken = await h.token('cluster', 'probe-cluster');
  });
  afterAll(() => h?.close());

  const rows = [{ cells: ['a', 'b'] }, { cells: ['c'] }];

  it('hands the handler parsed params, query and body and sends its answer with the success status', async () => {
    const res = await h.request('POST', '/api/v1/probe/3?flag=b&limit=7', { json: { rows } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ n: 3, flag: 'b', limit: 7, cells: 3, caller: 'admin' });
    const bare = await h.request('POST', '/api/v1/probe/1', { token: clusterToken, json: { rows: [] } });
    expect(bare.body).toEqual({ n: 1, flag: null, limit: null, cells: 0, caller: 'cluster' });
  });

  it('refuses a bad path parameter, query or body with 400 and the place', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/v1/probe/0', { rows }, 'params.n'],
      ['/api/v1/probe/x', { rows }, 'params.n'],
      ['/api/v1/probe/2?flag=c', { rows }, 'query.flag'],
      ['/api/v1/probe/2?limit=11', { rows }, 'query.limit'],
      ['/api/v1/probe/2', { rows: [{ cells: ['a'] }, { cells: ['b', 5] }] }, 'rows[1].cells[1]'],
      ['/api/v1/probe/2', { rows: 'no' }, 'rows'],
    ];
    for (const [path, json, where] of cases) {
      const res = await h.request('POST', path, { json });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.issues[0].path, path).toBe(where);
      expect(res.body.error.message, path).toContain(where);
    }
  });

  it('asks for a JSON body when there is none', async () => {
    const res = await h.request('POST', '/api/v1/probe/2', {
      body: 'rows=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('JSON');
    expect(res.body.error.issues).toEqual([{ path: '', message: 'тело запроса отсутствует' }]);
  });

  it("checks the caller before the input: a cluster's token gets 403 from an admin route even with a bad body", async () => {
    const bad = await h.request('POST', '/api/v1/probe-admin', { token: clusterToken, json: { name: '' } });
    expect(bad.status).toBe(403);
    const none = await h.request('POST', '/api/v1/probe-admin', { token: null, json: { name: 'x' } });
    expect(none.status).toBe(401);
    const ok = await h.request('POST', '/api/v1/probe-admin', { json: { name: 'x' } });
    expect(ok).toMatchObject({ status: 200, body: { name: 'x' } });
  });

  it('reads a multipart body: its fields validated, its file required and named in UTF-8', async () => {
    const form = (cluster: string, withFile: boolean) => {
      const f = new FormData();
      f.set('cluster', cluster);
      if (withFile) f.set('doc', new Blob([new Uint8Array([1, 2, 3, 4])]), 'План работы.xlsx');
      return f;
    };
    const ok = await h.request('POST', '/api/v1/probe-upload', { body: form('abcd', true) });
    expect(ok).toMatchObject({ status: 200, body: { cluster: 'abcd', name: 'План работы.xlsx', size: 4 } });
    const noFile = await h.request('POST', '/api/v1/probe-upload', { body: form('abcd', false) });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.issues).toEqual([{ path: 'doc', message: 'файл не передан' }]);
    const badField = await h.request('POST', '/api/v1/probe-upload', { body: form('a', true) });
    expect(badField.status).toBe(400);
    expect(badField.body.error.issues[0].path).toBe('cluster');
  });

  it('answers a public route outside /api/v1 without a token', async () => {
    const res = await fetch(`${h.url}/probe-open`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ caller: null });
  });

  it('documents a route from its spec: parameters, body, success and implied errors', async () => {
    const doc = buildOpenApi([probeFeature]) as any;
    const op = doc.paths['/api/v1/probe/{n}'].post;
    expect(op['x-access']).toBe('read');
    expect(op.parameters.map((p: any) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      'path:n:true',
      'query:flag:false',
      'query:limit:false',
    ]);
    expect(op.requestBody.content['application/json'].schema.required).toEqual(['rows']);
    expect(Object.keys(op.responses)).toEqual(['201', '400', '401', '403', '404']);
    expect(op.responses['201'].content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['n', 'flag', 'limit', 'cells', 'caller']),
    );
    const up = doc.paths['/api/v1/probe-upload'].post.requestBody.content['multipart/form-data'].schema;
    expect(up.required).toEqual(['doc', 'cluster']);
    expect(up.properties.doc.contentMediaType).toBe('application/octet-stream');
  });

  it("lists each of the app's routes exactly once, and refuses a route declared twice", () => {
    const doc = buildOpenApi(features) as any;
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`),
    );
    const declared = features.flatMap((f) =>
      f.routes.map(
        (r) =>
          `${r.spec.method} ${`${f.mount === '/' ? '' : f.mount}${r.spec.path}`.replace(/\/$/, '') || '/'}`,
      ),
    );
    expect(new Set(declared).size).toBe(declared.length);
    expect(listed.sort()).toEqual([...declared, 'get /api/v1/openapi.json'].sort());
    expect(() =>
      buildOpenApi([probeFeature, feature({ name: 'again', mount: '/api/v1', routes: [probe] })]),
    ).toThrow(/POST \/api\/v1\/probe\/\{n\} объявлен дважды/);
  });

  it("answers the dashboard's report downloads with the API's own route handlers", () => {
    const dashboard = features.find((f) => f.name === 'dashboard')!;
    const at = (path: string) => dashboard.routes.find((r) => r.spec.path === path)!;
    expect(at('/reports/consolidated.xlsx').handler).toBe(consolidatedReport.handler);
    expect(at('/reports/cluster.xlsx').handler).toBe(clusterReport.handler);
    expect(at('/reports/cluster.xlsx').spec.query).toBe(clusterReport.spec.query);
    expect(() => reuse(open, { path: '/x', summary: 'x', access: 'session' })).toThrow(/public/);
  });
});
