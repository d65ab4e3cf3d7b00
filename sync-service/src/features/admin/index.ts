// Admin API: departments, Google sheet sources, tokens, and a pull on demand.
import * as z from 'zod';
import {
  addDepartment,
  addSource,
  getToken,
  issueToken,
  listTokens,
  revokeToken,
  setDepartmentSettings,
} from '../../app/admin.ts';
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';
import { pullSources } from '../../pull/pull.ts';
import {
  CreateDepartmentSchema,
  CreateSourceSchema,
  CreateTokenSchema,
  DepartmentSchema,
  DepartmentSettingsSchema,
  DepartmentSlugParamsSchema,
  PullRequestSchema,
  SourceSchema,
  TokenAnswerSchema,
  TokenIdSchema,
  TokenSchema,
} from './schemas.ts';

const PullAnswerSchema = z.object({
  results: z.array(
    z.object({
      source: z.string(),
      ok: z.boolean(),
      syncId: z.string().optional(),
      error: z.string().optional(),
    }),
  ),
});

const departments = route(
  {
    method: 'get',
    path: '/departments',
    summary: 'Департаменты — получатели сводных отчётов',
    tags: ['admin'],
    access: 'admin',
    responses: { 200: z.object({ departments: z.array(DepartmentSchema) }) },
  },
  async ({ services }) => ({ departments: await services.store.departments.list() }),
);

const createDepartment = route(
  {
    method: 'post',
    path: '/departments',
    summary: 'Зарегистрировать департамент',
    tags: ['admin'],
    access: 'admin',
    body: CreateDepartmentSchema,
    responses: { 201: z.object({ department: DepartmentSchema }), 409: true },
  },
  async ({ body, services }) => ({ department: await addDepartment(services.store, body) }),
);

const departmentSettings = route(
  {
    method: 'patch',
    path: '/departments/{slug}',
    summary: 'Настройки департамента для отчёта: адресат и подпись (null или пустая строка — очистить)',
    tags: ['admin'],
    access: 'admin',
    params: DepartmentSlugParamsSchema,
    body: DepartmentSettingsSchema,
    responses: { 200: z.object({ department: DepartmentSchema }), 404: true },
  },
  async ({ params, body, services }) => ({
    department: await setDepartmentSettings(services.store, params.slug, body),
  }),
);

const sources = route(
  {
    method: 'get',
    path: '/sources',
    summary: 'Источники: листы Google, которые сервис забирает сам',
    tags: ['admin'],
    access: 'admin',
    responses: { 200: z.object({ sources: z.array(SourceSchema) }) },
  },
  async ({ services }) => ({ sources: await services.store.sources.list() }),
);

const createSource = route(
  {
    method: 'post',
    path: '/sources',
    summary: 'Зарегистрировать лист Google для забора (pull)',
    tags: ['admin'],
    access: 'admin',
    body: CreateSourceSchema,
    responses: { 201: z.object({ source: SourceSchema }), 404: true, 409: true },
  },
  async ({ body, services }) => ({ source: await addSource(services.store, body) }),
);

const createToken = route(
  {
    method: 'post',
    path: '/tokens',
    summary: 'Выпустить токен (кластера, департамента или администратора); показывается один раз',
    tags: ['admin'],
    access: 'admin',
    body: CreateTokenSchema,
    responses: { 201: TokenAnswerSchema, 404: true },
  },
  ({ body, services }) => issueToken(services.store, body),
);

const tokens = route(
  {
    method: 'get',
    path: '/tokens',
    summary: 'Действующие токены (без секретов), новые в конце',
    tags: ['admin'],
    access: 'admin',
    responses: { 200: z.object({ tokens: z.array(TokenSchema) }) },
  },
  async ({ services }) => ({ tokens: await listTokens(services.store) }),
);

const token = route(
  {
    method: 'get',
    path: '/tokens/{id}',
    summary: 'Один токен (без секрета)',
    tags: ['admin'],
    access: 'admin',
    params: TokenIdSchema,
    responses: { 200: z.object({ token: TokenSchema }), 404: true },
  },
  async ({ params, services }) => ({ token: await getToken(services.store, params.id) }),
);

const revoke = route(
  {
    method: 'delete',
    path: '/tokens/{id}',
    summary: 'Отозвать токен: он и его сеансы дашборда перестают действовать сразу',
    tags: ['admin'],
    access: 'admin',
    params: TokenIdSchema,
    responses: { 204: true, 404: true },
  },
  async ({ params, services, res }) => {
    await revokeToken(services.store, params.id);
    res.status(204).end();
  },
);

const pull = route(
  {
    method: 'post',
    path: '/pull',
    summary: 'Забрать зарегистрированные листы Google сейчас',
    tags: ['admin'],
    access: 'admin',
    body: PullRequestSchema,
    responses: { 200: PullAnswerSchema },
  },
  async ({ body, services }) => ({ results: await pullSources(services, { sourceId: body.source }) }),
);

export const adminFeature = feature({
  name: 'admin',
  mount: '/api/v1',
  routes: [
    departments,
    createDepartment,
    departmentSettings,
    sources,
    createSource,
    createToken,
    tokens,
    token,
    revoke,
    pull,
  ],
});
