// The OpenAPI 3.1 document, built from the features' route docs and their zod schemas.
import * as z from 'zod';
import type { Access, Feature, RouteDoc } from './http/feature.ts';

type JsonSchema = Record<string, unknown>;

const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const ERROR_TEXT: Record<number, string> = {
  400: 'Неверный запрос: issues[].path указывает, что и где не так',
  401: 'Нет токена или токен неверен',
  403: 'Токен не даёт доступа к этим данным',
  404: 'Не найдено (кластер, элемент, адрес)',
  409: 'Конфликт: такой объект уже есть',
  413: 'Тело запроса слишком большое',
  415: 'Тело запроса не в UTF-8 или сжато',
  422: 'Файл или лист прочитан, но таблица в нём не найдена или не читается',
};

function jsonSchema(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function errorsFor(access: Access, extra: number[] = []): number[] {
  const set = new Set<number>(extra);
  if (access !== 'public') {
    set.add(401);
    set.add(403);
  }
  return [...set].sort();
}

/** Query/path schema (a zod object) → OpenAPI parameters. */
function parameters(schema: z.core.$ZodType | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input');
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function joinPath(mount: string, path: string): string {
  const p = `${mount.replace(/\/$/, '')}${path === '/' && mount !== '/' ? '' : path}`;
  return p || '/';
}

function operation(doc: RouteDoc): JsonSchema {
  const op: JsonSchema = {
    summary: doc.summary,
    ...(doc.tags ? { tags: doc.tags } : {}),
    operationId: `${doc.method}${doc.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string) => (c ? c.toUpperCase() : ''))}`,
    security: doc.access === 'public' ? [] : [{ bearer: [] }],
    'x-access': doc.access,
  };
  const params = [...parameters(doc.params, 'path'), ...parameters(doc.query, 'query')];
  const pathNames = [...doc.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  for (const name of pathNames) {
    if (!params.some((p) => p.name === name && p.in === 'path')) {
      params.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  if (params.length) op.parameters = params;
  if (doc.body) {
    if ('multipart' in doc.body) {
      const properties: JsonSchema = {};
      for (const [name, f] of Object.entries(doc.body.multipart)) {
        properties[name] =
          f.type === 'file'
            ? { type: 'string', contentMediaType: 'application/octet-stream', description: f.description }
            : { type: 'string', description: f.description };
      }
      op.requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', properties, required: Object.keys(doc.body.multipart) },
          },
        },
      };
    } else {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(doc.body as z.core.$ZodType, 'input') } },
      };
    }
  }
  const ok = doc.method === 'post' && doc.access === 'admin' ? '201' : '200';
  const responses: JsonSchema = {};
  if ('mediaType' in doc.response) {
    const r = doc.response as { mediaType: string; description: string };
    responses[ok] = { description: r.description, content: { [r.mediaType]: { schema: {} } } };
  } else {
    responses[ok] = {
      description: 'OK',
      content: { 'application/json': { schema: jsonSchema(doc.response as z.core.$ZodType, 'output') } },
    };
  }
  const errorSchema = jsonSchema(ErrorSchema, 'output');
  const statuses = errorsFor(doc.access, [...(doc.errors ?? []), ...(doc.body || doc.query ? [400] : [])]);
  for (const status of statuses) {
    responses[String(status)] = {
      description: ERROR_TEXT[status] ?? 'Ошибка',
      content: { 'application/json': { schema: errorSchema } },
    };
  }
  op.responses = responses;
  return op;
}

export function buildOpenApi(features: readonly Feature[], version = '0.1.0'): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {
    '/api/v1/openapi.json': {
      get: {
        summary: 'Этот документ OpenAPI',
        tags: ['service'],
        operationId: 'getOpenApi',
        security: [],
        'x-access': 'public',
        responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: {} } } } },
      },
    },
  };
  for (const feature of features) {
    for (const doc of feature.docs ?? []) {
      const path = joinPath(feature.mount, doc.path);
      paths[path] ??= {};
      paths[path][doc.method] = operation(doc);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cluster roadmaps sync service',
      version,
      description:
        'Синхронизация дорожных карт, планов работы и решений протоколов кластеров. Токен: Authorization: Bearer …',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths,
  };
}
