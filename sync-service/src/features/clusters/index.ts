// Clusters, their documents and sync runs, as the caller may see them; admins register clusters.
import { DOCUMENT_KINDS } from '@cluster/shared';
import { Router } from 'express';
import * as z from 'zod';
import { addCluster } from '../../app/admin.ts';
import { readableClusters, readScope } from '../../app/read-scope.ts';
import { principal, requireAdmin } from '../../http/auth.ts';
import type { Feature } from '../../http/feature.ts';
import { validateBody, validateQuery } from '../../http/validate.ts';
import { ClusterSchema, CreateClusterSchema, slug } from '../admin/schemas.ts';

const ClusterQuerySchema = z.object({ cluster: slug.optional().describe('Кластер (slug)') });
const DocumentsQuerySchema = ClusterQuerySchema.extend({
  archived: z
    .enum(['exclude', 'include', 'only'])
    .optional()
    .describe('exclude (по умолчанию) — текущие, include — и архивные, only — только архивные'),
});
const RunsQuerySchema = ClusterQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('Не больше стольких записей'),
});

export const DocumentRowSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  clusterId: z.string(),
  clusterSlug: z.string(),
  ordinal: z.number(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  period: z.object({ start: z.string(), end: z.string() }).nullable(),
  removed: z.boolean(),
  itemCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable().describe('Когда убран в архив; null — текущий'),
  lastSyncAt: z.string().nullable().describe('Последняя синхронизация или импорт его источника'),
});

const SyncRunSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterSlug: z.string(),
  sourceId: z.string(),
  documentId: z.string(),
  actor: z.string(),
  revision: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(['changed', 'unchanged']),
  created: z.number(),
  changed: z.number(),
  removed: z.number(),
  restored: z.number(),
  unchanged: z.number(),
  deadlinesMoved: z.number(),
  rowsWritten: z.number(),
});

export const clustersFeature: Feature = {
  name: 'clusters',
  mount: '/api/v1',
  router(services) {
    const router = Router();
    const { store } = services;

    router.get('/clusters', async (_req, res) => {
      const p = principal(res);
      res.json({ clusters: await readableClusters(store, p) });
    });

    router.post('/clusters', requireAdmin, validateBody(CreateClusterSchema), async (_req, res) => {
      res.status(201).json({ cluster: await addCluster(store, res.locals.body) });
    });

    router.get('/documents', validateQuery(DocumentsQuerySchema), async (_req, res) => {
      const q = res.locals.query as z.infer<typeof DocumentsQuerySchema>;
      const scope = await readScope(services, principal(res), q.cluster);
      res.json({ documents: await store.documents.list({ ...scope, archived: q.archived }) });
    });

    router.get('/sync-runs', validateQuery(RunsQuerySchema), async (_req, res) => {
      const q = res.locals.query as z.infer<typeof RunsQuerySchema>;
      const scope = await readScope(services, principal(res), q.cluster);
      res.json({ runs: await store.syncRuns.list({ ...scope, limit: q.limit }) });
    });

    return router;
  },
  docs: [
    {
      method: 'get',
      path: '/clusters',
      summary: 'Кластеры, доступные токену',
      tags: ['clusters'],
      access: 'read',
      response: z.object({ clusters: z.array(ClusterSchema) }),
    },
    {
      method: 'post',
      path: '/clusters',
      summary: 'Зарегистрировать кластер',
      tags: ['admin'],
      access: 'admin',
      body: CreateClusterSchema,
      response: z.object({ cluster: ClusterSchema }),
      errors: [409],
    },
    {
      method: 'get',
      path: '/documents',
      summary: 'Документы (дорожные карты, планы, протоколы) кластеров',
      tags: ['clusters'],
      access: 'read',
      query: DocumentsQuerySchema,
      response: z.object({ documents: z.array(DocumentRowSchema) }),
      errors: [404],
    },
    {
      method: 'get',
      path: '/sync-runs',
      summary: 'Журнал синхронизаций',
      tags: ['clusters'],
      access: 'read',
      query: RunsQuerySchema,
      response: z.object({ runs: z.array(SyncRunSchema) }),
      errors: [404],
    },
  ],
};
