// Admin API: departments, Google sheet sources, tokens, and a pull on demand.
import { Router } from 'express';
import * as z from 'zod';
import { addDepartment, addSource, issueToken, setDepartmentSettings } from '../../app/admin.ts';
import { requireAdmin } from '../../http/auth.ts';
import type { Feature } from '../../http/feature.ts';
import { parseOr400, validateBody } from '../../http/validate.ts';
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

export const adminFeature: Feature = {
  name: 'admin',
  mount: '/api/v1',
  router(services) {
    const router = Router();
    const { store } = services;
    router.use(['/departments', '/sources', '/tokens', '/pull'], requireAdmin);

    router.get('/departments', async (_req, res) => {
      res.json({ departments: await store.departments.list() });
    });
    router.post('/departments', validateBody(CreateDepartmentSchema), async (_req, res) => {
      res.status(201).json({ department: await addDepartment(store, res.locals.body) });
    });
    router.patch('/departments/:slug', validateBody(DepartmentSettingsSchema), async (req, res) => {
      const { slug } = parseOr400(DepartmentSlugParamsSchema, req.params, 'адрес', 'params');
      res.json({ department: await setDepartmentSettings(store, slug, res.locals.body) });
    });
    router.get('/sources', async (_req, res) => {
      res.json({ sources: await store.sources.list() });
    });
    router.post('/sources', validateBody(CreateSourceSchema), async (_req, res) => {
      res.status(201).json({ source: await addSource(store, res.locals.body) });
    });
    router.post('/tokens', validateBody(CreateTokenSchema), async (_req, res) => {
      res.status(201).json(await issueToken(store, res.locals.body));
    });
    router.post('/pull', validateBody(PullRequestSchema), async (_req, res) => {
      const body = res.locals.body as z.infer<typeof PullRequestSchema>;
      res.json({ results: await pullSources(services, { sourceId: body.source }) });
    });
    return router;
  },
  docs: [
    {
      method: 'get',
      path: '/departments',
      summary: 'Департаменты — получатели сводных отчётов',
      tags: ['admin'],
      access: 'admin',
      response: z.object({ departments: z.array(DepartmentSchema) }),
    },
    {
      method: 'post',
      path: '/departments',
      summary: 'Зарегистрировать департамент',
      tags: ['admin'],
      access: 'admin',
      body: CreateDepartmentSchema,
      response: z.object({ department: DepartmentSchema }),
      errors: [409],
    },
    {
      method: 'patch',
      path: '/departments/{slug}',
      summary: 'Настройки департамента для отчёта: адресат и подпись (null или пустая строка — очистить)',
      tags: ['admin'],
      access: 'admin',
      params: DepartmentSlugParamsSchema,
      body: DepartmentSettingsSchema,
      response: z.object({ department: DepartmentSchema }),
      errors: [404],
    },
    {
      method: 'get',
      path: '/sources',
      summary: 'Источники: листы Google, которые сервис забирает сам',
      tags: ['admin'],
      access: 'admin',
      response: z.object({ sources: z.array(SourceSchema) }),
    },
    {
      method: 'post',
      path: '/sources',
      summary: 'Зарегистрировать лист Google для забора (pull)',
      tags: ['admin'],
      access: 'admin',
      body: CreateSourceSchema,
      response: z.object({ source: SourceSchema }),
      errors: [404, 409],
    },
    {
      method: 'post',
      path: '/tokens',
      summary: 'Выпустить токен (кластера, департамента или администратора); показывается один раз',
      tags: ['admin'],
      access: 'admin',
      body: CreateTokenSchema,
      response: TokenAnswerSchema,
      errors: [404],
    },
    {
      method: 'post',
      path: '/pull',
      summary: 'Забрать зарегистрированные листы Google сейчас',
      tags: ['admin'],
      access: 'admin',
      body: PullRequestSchema,
      response: PullAnswerSchema,
    },
  ],
};
