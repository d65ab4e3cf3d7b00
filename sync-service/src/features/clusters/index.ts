// Clusters, their documents and sync runs, as the caller may see them; admins register clusters.
import { DOCUMENT_KINDS } from '@cluster/shared';
import * as z from 'zod';
import { addCluster } from '../../app/admin.ts';
import { readableClusters, readScope } from '../../app/read-scope.ts';
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';
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

const clusters = route(
  {
    method: 'get',
    path: '/clusters',
    summary: 'Кластеры, доступные токену',
    tags: ['clusters'],
    access: 'read',
    responses: { 200: z.object({ clusters: z.array(ClusterSchema) }) },
  },
  async ({ principal, services }) => ({ clusters: await readableClusters(services.store, principal) }),
);

const createCluster = route(
  {
    method: 'post',
    path: '/clusters',
    summary: 'Зарегистрировать кластер',
    tags: ['admin'],
    access: 'admin',
    body: CreateClusterSchema,
    responses: { 201: z.object({ cluster: ClusterSchema }), 409: true },
  },
  async ({ body, services }) => ({ cluster: await addCluster(services.store, body) }),
);

const documents = route(
  {
    method: 'get',
    path: '/documents',
    summary: 'Документы (дорожные карты, планы, протоколы) кластеров',
    tags: ['clusters'],
    access: 'read',
    query: DocumentsQuerySchema,
    responses: { 200: z.object({ documents: z.array(DocumentRowSchema) }), 404: true },
  },
  async ({ query, principal, services }) => {
    const scope = await readScope(services, principal, query.cluster);
    return { documents: await services.store.documents.list({ ...scope, archived: query.archived }) };
  },
);

const syncRuns = route(
  {
    method: 'get',
    path: '/sync-runs',
    summary: 'Журнал синхронизаций',
    tags: ['clusters'],
    access: 'read',
    query: RunsQuerySchema,
    responses: { 200: z.object({ runs: z.array(SyncRunSchema) }), 404: true },
  },
  async ({ query, principal, services }) => {
    const scope = await readScope(services, principal, query.cluster);
    return { runs: await services.store.syncRuns.list({ ...scope, limit: query.limit }) };
  },
);

export const clustersFeature = feature({
  name: 'clusters',
  mount: '/api/v1',
  routes: [clusters, createCluster, documents, syncRuns],
});
