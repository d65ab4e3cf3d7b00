// Items across the clusters the caller may read, one item, and an item's history.
import * as z from 'zod';
import type { Principal } from '../../app/access.ts';
import { readScope } from '../../app/read-scope.ts';
import { canRead } from '../../http/auth.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';
import type { AppServices } from '../../services.ts';
import {
  HistoryAnswerSchema,
  ItemIdParamsSchema,
  ItemsAnswerSchema,
  ItemsQuerySchema,
  StoredItemSchema,
} from './schemas.ts';

async function readableItem(services: AppServices, p: Principal, id: string) {
  const item = await services.store.items.get(id);
  if (!item) throw notFound(`Элемент ${id} не найден`);
  const cluster = await services.store.clusters.getById(item.clusterId);
  if (!cluster || !canRead(p, cluster)) throw forbidden('Этот токен не даёт доступа к элементу');
  return item;
}

const list = route(
  {
    method: 'get',
    path: '/items',
    summary: 'Мероприятия и решения с фильтрами',
    tags: ['items'],
    access: 'read',
    query: ItemsQuerySchema,
    responses: { 200: ItemsAnswerSchema, 404: true },
  },
  async ({ query: q, principal, services }) => {
    const scope = await readScope(services, principal, q.cluster);
    // State and effective due as of today: an item synced last month may be overdue now.
    const items = await services.store.items.list({
      ...scope,
      state: q.state,
      executor: q.executor,
      dueBefore: q.dueBefore,
      dueAfter: q.dueAfter,
      q: q.q,
      limit: q.limit,
      includeRemoved: q.removed === 'include',
      includeArchived: q.archived === 'include',
      asOf: { today: services.today(), soonDays: services.config.soonDays },
    });
    return { items };
  },
);

const one = route(
  {
    method: 'get',
    path: '/items/{id}',
    summary: 'Одно мероприятие',
    tags: ['items'],
    access: 'read',
    params: ItemIdParamsSchema,
    responses: { 200: z.object({ item: StoredItemSchema }), 404: true },
  },
  async ({ params, principal, services }) => ({ item: await readableItem(services, principal, params.id) }),
);

const history = route(
  {
    method: 'get',
    path: '/items/{id}/history',
    summary: 'История изменений мероприятия (создано, изменено, перенесён срок, удалено…)',
    tags: ['items'],
    access: 'read',
    params: ItemIdParamsSchema,
    responses: { 200: HistoryAnswerSchema, 404: true },
  },
  async ({ params, principal, services }) => {
    await readableItem(services, principal, params.id);
    return { events: await services.store.items.history(params.id) };
  },
);

export const itemsFeature = feature({ name: 'items', mount: '/api/v1', routes: [list, one, history] });
