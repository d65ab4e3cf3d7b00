// Admin API for what is registered: archive and bring back documents, remove clusters, sources and
// departments, list regions. The rules are app/lifecycle.ts's; here only the HTTP shapes.
import { Router } from 'express';
import * as z from 'zod';
import { removeCluster, removeDepartment, removeSource, setDocumentArchived } from '../../app/lifecycle.ts';
import { requireAdmin } from '../../http/auth.ts';
import type { Feature } from '../../http/feature.ts';
import { parseOr400, validateQuery } from '../../http/validate.ts';
import { slug } from '../admin/schemas.ts';
import { DocumentRowSchema } from '../clusters/index.ts';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const SlugParamsSchema = z.object({ slug });
const RemoveQuerySchema = z.object({
  withDocuments: z
    .enum(['true', 'false'])
    .optional()
    .describe('true — удалить и документы (с мероприятиями и историей); иначе 409, пока они есть'),
});
const ArchiveAnswerSchema = z.object({
  document: DocumentRowSchema,
  changed: z.boolean().describe('false — документ уже был в этом состоянии'),
});
const RemovedAnswerSchema = z.object({
  removed: z.literal(true),
  documents: z.number().describe('Сколько документов удалено вместе с ним'),
});
const RegionSchema = z.object({ name: z.string(), createdAt: z.string() });

export const lifecycleFeature: Feature = {
  name: 'lifecycle',
  mount: '/api/v1',
  router(services) {
    const router = Router();
    const { store } = services;
    const withDocuments = (query: unknown) =>
      (query as z.infer<typeof RemoveQuerySchema>).withDocuments === 'true';

    router.get('/regions', requireAdmin, async (_req, res) => {
      res.json({ regions: await store.regions.list() });
    });
    for (const [action, archived] of [
      ['archive', true],
      ['unarchive', false],
    ] as const) {
      router.post(`/documents/:id/${action}`, requireAdmin, async (req, res) => {
        const { id } = parseOr400(IdParamsSchema, req.params, 'адрес', 'params');
        res.json(await setDocumentArchived(store, id, archived));
      });
    }
    router.delete('/clusters/:slug', requireAdmin, validateQuery(RemoveQuerySchema), async (req, res) => {
      const params = parseOr400(SlugParamsSchema, req.params, 'адрес', 'params');
      const outcome = await removeCluster(store, params.slug, {
        withDocuments: withDocuments(res.locals.query),
      });
      res.json(outcome);
    });
    router.delete('/sources/:id', requireAdmin, validateQuery(RemoveQuerySchema), async (req, res) => {
      const { id } = parseOr400(IdParamsSchema, req.params, 'адрес', 'params');
      res.json(await removeSource(store, id, { withDocuments: withDocuments(res.locals.query) }));
    });
    router.delete('/departments/:slug', requireAdmin, async (req, res) => {
      const params = parseOr400(SlugParamsSchema, req.params, 'адрес', 'params');
      await removeDepartment(store, params.slug);
      res.json({ removed: true, documents: 0 });
    });
    return router;
  },
  docs: [
    {
      method: 'get',
      path: '/regions',
      summary: 'Регионы (кластеры и департаменты указывают один из них)',
      tags: ['admin'],
      access: 'admin',
      response: z.object({ regions: z.array(RegionSchema) }),
    },
    {
      method: 'post',
      path: '/documents/{id}/archive',
      summary: 'Убрать документ в архив: он уходит из текущих списков, счётчиков и отчётов, история остаётся',
      tags: ['admin'],
      access: 'admin',
      params: IdParamsSchema,
      response: ArchiveAnswerSchema,
      errors: [404],
    },
    {
      method: 'post',
      path: '/documents/{id}/unarchive',
      summary: 'Вернуть документ из архива',
      tags: ['admin'],
      access: 'admin',
      params: IdParamsSchema,
      response: ArchiveAnswerSchema,
      errors: [404],
    },
    {
      method: 'delete',
      path: '/clusters/{slug}',
      summary:
        'Удалить кластер с его источниками и токенами (пока есть документы — только withDocuments=true)',
      tags: ['admin'],
      access: 'admin',
      params: SlugParamsSchema,
      query: RemoveQuerySchema,
      response: RemovedAnswerSchema,
      errors: [404, 409],
    },
    {
      method: 'delete',
      path: '/sources/{id}',
      summary: 'Удалить источник (пока в нём есть документы — только withDocuments=true)',
      tags: ['admin'],
      access: 'admin',
      params: IdParamsSchema,
      query: RemoveQuerySchema,
      response: RemovedAnswerSchema,
      errors: [404, 409],
    },
    {
      method: 'delete',
      path: '/departments/{slug}',
      summary: 'Удалить департамент и его токены',
      tags: ['admin'],
      access: 'admin',
      params: SlugParamsSchema,
      response: RemovedAnswerSchema,
      errors: [404],
    },
  ],
};
