// GET /api/v1/calendar.ics: the cluster's due dates for calendar apps. Mounted before the API's
// Bearer check: a calendar app presents the feed's secret in the URL (`key`), anything else a Bearer token.
import * as z from 'zod';
import { clusterFor } from '../../app/access.ts';
import { calendarText, feedForSecret } from '../../app/calendar.ts';
import { principalForToken } from '../../http/auth.ts';
import { unauthorized } from '../../http/errors.ts';
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';
import { bearerOf } from '../../http/tokens.ts';
import { slug } from '../admin/schemas.ts';

const CalendarQuery = z.object({
  cluster: slug.describe('Кластер (slug)'),
  executor: z.string().trim().min(1).max(500).optional().describe('Только пункты этого исполнителя'),
  key: z.string().min(1).max(200).optional().describe('Секрет ссылки на календарь (вместо токена)'),
});

const calendar = route(
  {
    method: 'get',
    path: '/calendar.ics',
    summary:
      'Календарь сроков кластера (iCalendar): по секрету ссылки (key) из POST /calendar-feeds или по токену',
    tags: ['reminders'],
    access: 'public',
    query: CalendarQuery,
    responses: {
      200: { mediaType: 'text/calendar', description: 'Одно событие на весь день на каждый срок' },
      401: true,
      403: true,
      404: true,
    },
  },
  async ({ query: q, services, req, res }) => {
    const { store } = services;
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
  },
);

export const calendarFeature = feature({
  name: 'calendar',
  mount: '/api/v1',
  beforeAuth: true,
  routes: [calendar],
});
