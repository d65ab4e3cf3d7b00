// Admin API for what is registered: archive and bring back documents, remove clusters, sources and
// departments, list regions. The rules are app/lifecycle.ts's; here only the HTTP shapes.
import * as z from 'zod';
import { removeCluster, removeDepartment, removeSource, setDocumentArchived } from '../../app/lifecycle.ts';
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';
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

const regions = route(
  {
    method: 'get',
    path: '/regions',
    summary: 'Регионы (кластеры и департаменты указывают один из них)',
    tags: ['admin'],
    access: 'admin',
    responses: { 200: z.object({ regions: z.array(RegionSchema) }) },
  },
  async ({ services }) => ({ regions: await services.store.regions.list() }),
);

const archiveRoute = (archived: boolean) =>
  route(
    {
      method: 'post',
      path: `/documents/{id}/${archived ? 'archive' : 'unarchive'}`,
      summary: archived
        ? 'Убрать документ в архив: он уходит из текущих списков, счётчиков и отчётов, история остаётся'
        : 'Вернуть документ из архива',
      tags: ['admin'],
      access: 'admin',
      params: IdParamsSchema,
      responses: { 200: ArchiveAnswerSchema, 404: true },
    },
    async ({ params, services }) => setDocumentArchived(services.store, params.id, archived),
  );

const removeClusterRoute = route(
  {
    method: 'delete',
    path: '/clusters/{slug}',
    summary: 'Удалить кластер с его источниками и токенами (пока есть документы — только withDocuments=true)',
    tags: ['admin'],
    access: 'admin',
    params: SlugParamsSchema,
    query: RemoveQuerySchema,
    responses: { 200: RemovedAnswerSchema, 404: true, 409: 'У кластера есть документы' },
  },
  async ({ params, query, services }) => {
    const outcome = await removeCluster(services.store, params.slug, {
      withDocuments: query.withDocuments === 'true',
    });
    return { removed: true as const, documents: outcome.documents };
  },
);

const removeSourceRoute = route(
  {
    method: 'delete',
    path: '/sources/{id}',
    summary: 'Удалить источник (пока в нём есть документы — только withDocuments=true)',
    tags: ['admin'],
    access: 'admin',
    params: IdParamsSchema,
    query: RemoveQuerySchema,
    responses: { 200: RemovedAnswerSchema, 404: true, 409: 'В источнике есть документы' },
  },
  async ({ params, query, services }) => {
    const outcome = await removeSource(services.store, params.id, {
      withDocuments: query.withDocuments === 'true',
    });
    return { removed: true as const, documents: outcome.documents };
  },
);

const removeDepartmentRoute = route(
  {
    method: 'delete',
    path: '/departments/{slug}',
    summary: 'Удалить департамент и его токены',
    tags: ['admin'],
    access: 'admin',
    params: SlugParamsSchema,
    responses: { 200: RemovedAnswerSchema, 404: true },
  },
  async ({ params, services }) => {
    await removeDepartment(services.store, params.slug);
    return { removed: true as const, documents: 0 };
  },
);

export const lifecycleFeature = feature({
  name: 'lifecycle',
  mount: '/api/v1',
  routes: [
    regions,
    archiveRoute(true),
    archiveRoute(false),
    removeClusterRoute,
    removeSourceRoute,
    removeDepartmentRoute,
  ],
});
