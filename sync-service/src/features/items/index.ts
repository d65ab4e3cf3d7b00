// Items across the clusters the caller may read, one item, and an item's history.
import { type Response, Router } from 'express';
import * as z from 'zod';
import { historyEntries } from '../../app/item-history.ts';
import { readScope } from '../../app/read-scope.ts';
import { canRead, principal } from '../../http/auth.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import type { Feature } from '../../http/feature.ts';
import { parseOr400, validateQuery } from '../../http/validate.ts';
import type { AppServices } from '../../services.ts';
import {
  HistoryAnswerSchema,
  ItemIdParamsSchema,
  ItemsAnswerSchema,
  type ItemsQuery,
  ItemsQuerySchema,
  StoredItemSchema,
} from './schemas.ts';

async function readableItem(services: AppServices, res: Response, id: string) {
  const item = await services.store.items.get(id);
  if (!item) throw notFound(`Элемент ${id} не найден`);
  const cluster = await services.store.clusters.getById(item.clusterId);
  if (!cluster || !canRead(principal(res), cluster)) throw forbidden('Этот токен не даёт доступа к элементу');
  return item;
}

export const itemsFeature: Feature = {
  name: 'items',
  mount: '/api/v1',
  router(services) {
    const router = Router();
    const { store } = services;

    router.get('/items', validateQuery(ItemsQuerySchema), async (_req, res) => {
      const q = res.locals.query as ItemsQuery;
      const p = principal(res);
      const scope = await readScope(services, p, q.cluster);
      // State and effective due as of today: an item synced last month may be overdue now.
      const items = await store.items.list({
        ...scope,
        state: q.state,
        executor: q.executor,
        dueBefore: q.dueBefore,
        dueAfter: q.dueAfter,
        q: q.q,
        limit: q.limit,
        includeRemoved: q.removed === 'include',
        removedOnly: q.removed === 'only',
        asOf: { today: services.today(), soonDays: services.config.soonDays },
      });
      res.json({ items });
    });

    router.get('/items/:id', async (req, res) => {
      const { id } = parseOr400(ItemIdParamsSchema, req.params, 'адрес', 'params');
      res.json({ item: await readableItem(services, res, id) });
    });

    router.get('/items/:id/history', async (req, res) => {
      const { id } = parseOr400(ItemIdParamsSchema, req.params, 'адрес', 'params');
      await readableItem(services, res, id);
      const events = await store.items.history(id);
      res.json({ events, entries: historyEntries(events) });
    });

    return router;
  },
  docs: [
    {
      method: 'get',
      path: '/items',
      summary: 'Мероприятия и решения с фильтрами',
      tags: ['items'],
      access: 'read',
      query: ItemsQuerySchema,
      response: ItemsAnswerSchema,
      errors: [404],
    },
    {
      method: 'get',
      path: '/items/{id}',
      summary: 'Одно мероприятие',
      tags: ['items'],
      access: 'read',
      params: ItemIdParamsSchema,
      response: z.object({ item: StoredItemSchema }),
      errors: [404],
    },
    {
      method: 'get',
      path: '/items/{id}/history',
      summary:
        'История мероприятия: события по полям (events) и по одной записи на синхронизацию (entries): что изменилось (было → стало), из какого листа или файла, каким токеном',
      tags: ['items'],
      access: 'read',
      params: ItemIdParamsSchema,
      response: HistoryAnswerSchema,
      errors: [404],
    },
  ],
};
