// GET /api/v1/calendar.ics: the cluster's due dates for calendar apps. Mounted before the API's
// Bearer check: a calendar app presents the feed's secret in the URL (`key`), anything else a Bearer token.
import { Router } from 'express';
import * as z from 'zod';
import { clusterFor } from '../../app/access.ts';
import { calendarText, feedForSecret } from '../../app/calendar.ts';
import { principalForToken } from '../../http/auth.ts';
import { unauthorized } from '../../http/errors.ts';
import type { Feature } from '../../http/feature.ts';
import { bearerOf } from '../../http/tokens.ts';
import { parseOr400 } from '../../http/validate.ts';
import { slug } from '../admin/schemas.ts';

const CalendarQuery = z.object({
  cluster: slug.describe('Кластер (slug)'),
  executor: z.string().trim().min(1).max(500).optional().describe('Только пункты этого исполнителя'),
  key: z.string().min(1).max(200).optional().describe('Секрет ссылки на календарь (вместо токена)'),
});

export const calendarFeature: Feature = {
  name: 'calendar',
  mount: '/api/v1',
  beforeAuth: true,
  router(services) {
    const router = Router();
    const { store } = services;
    router.get('/calendar.ics', async (req, res) => {
      const q = parseOr400(CalendarQuery, { ...req.query }, 'параметр запроса', 'query');
      let executor = q.executor ?? null;
      if (q.key) {
        const feed = await feedForSecret(store, q.key, q.cluster);
        // A per-executor feed shows only its executor, whatever the URL says.
        executor = feed.executor ?? executor;
      } else {
        const token = bearerOf(req.header('authorization'));
        if (!token) throw unauthorized('Нужен ключ календаря (key=…) или токен доступа');
        await clusterFor(services, await principalForToken(services, token), q.cluster, 'read');
      }
      const cluster = await store.clusters.getBySlug(q.cluster);
      if (!cluster) throw unauthorized();
      const text = await calendarText(store, {
        clusterSlug: cluster.slug,
        clusterName: cluster.name,
        executor,
        publicUrl: services.config.publicUrl,
        today: services.today(),
      });
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Cache-Control', 'private, max-age=300');
      res.send(text);
    });
    return router;
  },
  docs: [
    {
      method: 'get',
      path: '/calendar.ics',
      summary:
        'Календарь сроков кластера (iCalendar): по секрету ссылки (key) из POST /calendar-feeds или по токену',
      tags: ['reminders'],
      access: 'public',
      query: CalendarQuery,
      response: { mediaType: 'text/calendar', description: 'Одно событие на весь день на каждый срок' },
      errors: [401, 403, 404],
    },
  ],
};
