// The iCalendar feed of a cluster's due dates (one all-day event per due date; ical-generator), and
// its feed-only secrets: a calendar app cannot send a Bearer token, so the feed's URL carries a
// secret that reads this one feed and nothing else, and can be revoked.
import { createHash, randomBytes } from 'node:crypto';
import { STATE_LABEL_RU } from '@cluster/shared';
import ical from 'ical-generator';
import { executorKey } from '../reports/executors.ts';
import type { Store } from '../store/api.ts';
import type { CalendarFeed } from '../store/remind-types.ts';
import { clusterFor, type Principal } from './access.ts';
import { AppError, forbidden, notFound } from './errors.ts';

export const hashFeedSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

export function feedUrl(
  publicUrl: string,
  clusterSlug: string,
  secret: string,
  executor: string | null,
): string {
  const q = new URLSearchParams({ cluster: clusterSlug });
  if (executor) q.set('executor', executor);
  q.set('key', secret);
  return `${publicUrl}/api/v1/calendar.ics?${q}`;
}

/** A new feed of the cluster (or of one executor in it); the secret is shown once, in the URL. */
export async function createFeed(
  store: Store,
  p: Principal,
  input: { cluster: string; executor?: string },
  publicUrl: string,
): Promise<{ feed: CalendarFeed; url: string }> {
  const cluster = await clusterFor({ store }, p, input.cluster, 'write');
  const secret = `csf_${randomBytes(24).toString('base64url')}`;
  const executor = input.executor?.trim() || null;
  const feed = await store.calendarFeeds.create({
    clusterId: cluster.id,
    executor,
    secretHash: hashFeedSecret(secret),
  });
  return { feed, url: feedUrl(publicUrl, cluster.slug, secret, executor) };
}

export async function revokeFeed(store: Store, p: Principal, id: string): Promise<void> {
  const feed = await store.calendarFeeds.getById(id);
  if (!feed) throw notFound('Такого календаря нет');
  await clusterFor({ store }, p, feed.clusterSlug, 'write');
  await store.calendarFeeds.revoke(id);
}

export async function listFeeds(store: Store, p: Principal): Promise<CalendarFeed[]> {
  if (p.kind === 'admin') return store.calendarFeeds.list();
  if (p.kind === 'cluster') return store.calendarFeeds.list({ clusterIds: [p.clusterId] });
  throw forbidden('Календари кластера видны только кластеру и администратору');
}

/** The feed a secret opens: 401 for an unknown or revoked one, 403 when the URL names another cluster. */
export async function feedForSecret(
  store: Store,
  secret: string,
  clusterSlug: string,
): Promise<CalendarFeed> {
  const feed = await store.calendarFeeds.findByHash(hashFeedSecret(secret));
  if (!feed || feed.revokedAt)
    throw new AppError('forbidden', 'Ссылка на календарь неверна или отозвана', { reason: 'feed_revoked' });
  if (feed.clusterSlug !== clusterSlug) throw forbidden('Эта ссылка открывает календарь другого кластера');
  return feed;
}

/** The calendar text: one all-day event per due date of the cluster's items (of one executor when given). */
export async function calendarText(
  store: Store,
  input: {
    clusterSlug: string;
    clusterName: string;
    executor: string | null;
    publicUrl: string;
    today: string;
  },
): Promise<string> {
  const cal = ical({
    name: input.executor ? `${input.clusterName}: ${input.executor}` : input.clusterName,
    prodId: { company: 'cluster-sync', product: 'roadmaps', language: 'RU' },
  });
  const wanted = input.executor ? executorKey(input.executor) : null;
  for await (const batch of store.items.iterate(
    { clusterSlugs: [input.clusterSlug], asOf: { today: input.today } },
    2000,
  )) {
    for (const item of batch) {
      if (wanted && !item.executors.some((e) => executorKey(e) === wanted)) continue;
      const dues =
        item.deadline.kind === 'multiple' && item.deadline.dues?.length
          ? item.deadline.dues
          : [item.effectiveDue];
      for (const due of new Set(dues)) {
        if (!due) continue;
        const [y, m, d] = due.split('-').map(Number);
        cal.createEvent({
          id: `${item.id}-${due}@cluster-sync`,
          start: new Date(Date.UTC(y, m - 1, d)),
          allDay: true,
          summary: `${item.number ? `${item.number} ` : ''}${item.title}`,
          description: [
            `Документ: ${item.documentTitle}`,
            `Исполнители: ${item.executors.join(', ') || '—'}`,
            `Срок: ${item.deadline.raw}`,
            `Состояние: ${STATE_LABEL_RU[item.state]}`,
          ].join('\n'),
          url: `${input.publicUrl}/items/${encodeURIComponent(item.id)}`,
        });
      }
    }
  }
  return cal.toString();
}
