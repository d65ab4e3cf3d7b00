// The OpenAPI 3.1 document, built from the features' routes (http/route.ts) and their zod schemas.
import * as z from 'zod';
import { SESSION_COOKIE } from './features/dashboard/session.ts';
import type { Feature } from './http/feature.ts';
import type { Access, BodySpec, Responses, RouteSpec } from './http/route.ts';

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

/** Statuses the spec implies: 401/403 for a token or cookie, 400 for anything validated. */
function impliedErrors(spec: RouteSpec): number[] {
  const out: number[] = [];
  if (spec.access !== 'public') out.push(401, 403);
  if (spec.params || spec.query || spec.body) out.push(400);
  return out;
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

function requestBody(body: BodySpec): JsonSchema {
  if ('multipart' in body) {
    const fields = jsonSchema(body.multipart, 'input');
    const schema = {
      ...fields,
      properties: {
        [body.file.field]: {
          type: 'string',
          contentMediaType: 'application/octet-stream',
          description: body.file.description,
        },
        ...((fields.properties ?? {}) as JsonSchema),
      },
      required: [body.file.field, ...((fields.required ?? []) as string[])],
    };
    return { required: true, content: { 'multipart/form-data': { schema } } };
  }
  if ('form' in body) {
    return {
      required: true,
      content: { 'application/x-www-form-urlencoded': { schema: jsonSchema(body.form, 'input') } },
    };
  }
  return { required: true, content: { 'application/json': { schema: jsonSchema(body, 'input') } } };
}

function response(status: number, answer: Responses[number]): JsonSchema {
  if (answer === true || typeof answer === 'string') {
    return {
      description: answer === true ? (ERROR_TEXT[status] ?? 'Ошибка') : answer,
      content: { 'application/json': { schema: jsonSchema(ErrorSchema, 'output') } },
    };
  }
  if ('mediaType' in answer) {
    return { description: answer.description, content: { [answer.mediaType]: { schema: {} } } };
  }
  return {
    description: 'OK',
    content: { 'application/json': { schema: jsonSchema(answer as z.core.$ZodType, 'output') } },
  };
}

const SECURITY: Record<Access, JsonSchema[]> = {
  public: [],
  cluster: [{ bearer: [] }],
  read: [{ bearer: [] }],
  admin: [{ bearer: [] }],
  session: [{ session: [] }],
};

function operation(spec: RouteSpec): JsonSchema {
  const op: JsonSchema = {
    summary: spec.summary,
    ...(spec.tags ? { tags: spec.tags } : {}),
    operationId: `${spec.method}${spec.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string) => (c ? c.toUpperCase() : ''))}`,
    security: SECURITY[spec.access],
    'x-access': spec.access,
  };
  const params = [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')];
  const pathNames = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  for (const name of pathNames) {
    if (!params.some((p) => p.name === name && p.in === 'path')) {
      params.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  if (params.length) op.parameters = params;
  if (spec.body) op.requestBody = requestBody(spec.body);
  const answers: Record<number, Responses[number]> = {};
  for (const status of impliedErrors(spec)) answers[status] = true;
  for (const [status, answer] of Object.entries(spec.responses)) answers[Number(status)] = answer;
  const responses: JsonSchema = {};
  for (const status of Object.keys(answers).map(Number).sort()) {
    responses[String(status)] = response(status, answers[status]);
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
    for (const { spec } of feature.routes) {
      const path = joinPath(feature.mount, spec.path);
      paths[path] ??= {};
      // Two routes on one method and path: the second would never answer.
      if (paths[path][spec.method])
        throw new Error(`Маршрут ${spec.method.toUpperCase()} ${path} объявлен дважды`);
      paths[path][spec.method] = operation(spec);
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
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
    },
    paths,
  };
}
