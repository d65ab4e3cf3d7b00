// Reminders over HTTP: executors' contacts (and the «Контакты исполнителей» sheet of the add-in),
// the ladder of a cluster, the reminders sent, a run on demand, and calendar feeds.
import { Router } from 'express';
import * as z from 'zod';
import { createFeed, listFeeds, revokeFeed } from '../../app/calendar.ts';
import {
  AddContactSchema,
  addContact,
  ContactsSheetSchema,
  contactCluster,
  listContacts,
  removeContact,
  replaceContacts,
} from '../../app/contacts.ts';
import { forbidden } from '../../app/errors.ts';
import { runReminders } from '../../app/remind.ts';
import { RemindSettingsSchema, updateRemindSettings } from '../../app/remind-settings.ts';
import { principal, requireAdmin } from '../../http/auth.ts';
import type { Feature } from '../../http/feature.ts';
import { validateBody, validateQuery } from '../../http/validate.ts';
import { CONTACT_CHANNELS } from '../../store/remind-types.ts';
import { slug } from '../admin/schemas.ts';

const ContactSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterSlug: z.string(),
  executor: z.string(),
  executorKey: z.string(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  maxChat: z.string().nullable(),
  vkteamsChat: z.string().nullable(),
  locale: z.enum(['ru', 'en']),
  unsubscribedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const ContactListSchema = z.object({
  contacts: z.array(ContactSchema),
  missing: z.array(z.object({ cluster: z.string(), executor: z.string(), items: z.number() })),
});

const ClusterQuery = z.object({ cluster: slug.optional().describe('Кластер (slug)') });
const RemoveContactQuery = z.object({
  cluster: slug.describe('Кластер (slug)'),
  executor: z.string().min(1).describe('Исполнитель, как в таблицах'),
});

const MessageSchema = z.object({
  id: z.string(),
  runDate: z.string(),
  clusterId: z.string().nullable(),
  clusterSlug: z.string().nullable(),
  recipient: z.string(),
  recipientLabel: z.string(),
  channel: z.enum(CONTACT_CHANNELS),
  address: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
  items: z.number(),
});

const MessagesQuery = ClusterQuery.extend({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

const RunBodySchema = z.object({
  asOf: z.iso.date().optional().describe('День рассылки (по умолчанию сегодня)'),
  dryRun: z.boolean().optional(),
});

const RunAnswerSchema = z.object({
  asOf: z.string(),
  dryRun: z.boolean(),
  delivered: z.number(),
  failed: z.number(),
  retried: z.number(),
  messages: z.array(
    z.object({
      id: z.string().nullable(),
      recipient: z.string(),
      channel: z.enum(CONTACT_CHANNELS),
      address: z.string(),
      items: z.number(),
      status: z.enum(['planned', 'delivered', 'failed']),
      error: z.string().nullable(),
    }),
  ),
});

const SettingsAnswerSchema = z.object({
  clusterId: z.string(),
  clusterSlug: z.string(),
  clusterName: z.string(),
  region: z.string(),
  coordinatorEmail: z.string().nullable(),
  remindDays: z.array(z.number()).nullable(),
  escalateAfterDays: z.number().nullable(),
});

const FeedSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterSlug: z.string(),
  executor: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const CreateFeedSchema = z.object({ cluster: slug, executor: z.string().trim().min(1).max(500).optional() });
const IdParams = z.object({ id: z.string().min(1) });

export const remindFeature: Feature = {
  name: 'remind',
  mount: '/api/v1',
  router(services) {
    const router = Router();
    const { store } = services;

    router.get('/contacts', validateQuery(ClusterQuery), async (_req, res) => {
      const q = res.locals.query as z.infer<typeof ClusterQuery>;
      res.json(await listContacts(store, principal(res), q.cluster));
    });
    router.post('/contacts', validateBody(AddContactSchema), async (_req, res) => {
      res.status(201).json({ contact: await addContact(store, principal(res), res.locals.body) });
    });
    router.delete('/contacts', validateQuery(RemoveContactQuery), async (_req, res) => {
      const q = res.locals.query as z.infer<typeof RemoveContactQuery>;
      await removeContact(store, principal(res), q.cluster, q.executor);
      res.status(204).end();
    });
    router.put('/contacts/sheet', validateBody(ContactsSheetSchema), async (_req, res) => {
      res.json(await replaceContacts(store, principal(res), res.locals.body));
    });

    router.patch(
      '/clusters/:slug/reminders',
      requireAdmin,
      validateBody(RemindSettingsSchema),
      async (req, res) => {
        const { slug: cluster } = z.object({ slug }).parse(req.params);
        res.json(await updateRemindSettings(store, cluster, res.locals.body));
      },
    );

    router.get('/reminders', validateQuery(MessagesQuery), async (_req, res) => {
      const q = res.locals.query as z.infer<typeof MessagesQuery>;
      const p = principal(res);
      let clusterIds: string[] | undefined;
      if (q.cluster) clusterIds = [(await contactCluster(store, p, q.cluster)).id];
      else if (p.kind === 'cluster') clusterIds = [p.clusterId];
      else if (p.kind !== 'admin')
        throw forbidden('Журнал напоминаний виден только кластеру и администратору');
      res.json({ messages: await store.reminders.list({ clusterIds, status: q.status, limit: q.limit }) });
    });
    router.post('/reminders/run', requireAdmin, validateBody(RunBodySchema), async (_req, res) => {
      const body = res.locals.body as z.infer<typeof RunBodySchema>;
      res.json(await runReminders(services, body));
    });

    router.get('/calendar-feeds', async (_req, res) => {
      res.json({ feeds: await listFeeds(store, principal(res)) });
    });
    router.post('/calendar-feeds', validateBody(CreateFeedSchema), async (_req, res) => {
      const created = await createFeed(store, principal(res), res.locals.body, services.config.publicUrl);
      res.status(201).json(created);
    });
    router.delete('/calendar-feeds/:id', async (req, res) => {
      const { id } = IdParams.parse(req.params);
      await revokeFeed(store, principal(res), id);
      res.status(204).end();
    });
    return router;
  },
  docs: [
    {
      method: 'get',
      path: '/contacts',
      summary: 'Контакты исполнителей кластера и исполнители без контактов (кластер или администратор)',
      tags: ['reminders'],
      access: 'cluster',
      query: ClusterQuery,
      response: ContactListSchema,
      errors: [404],
    },
    {
      method: 'post',
      path: '/contacts',
      summary: 'Добавить или дополнить контакт исполнителя',
      tags: ['reminders'],
      access: 'cluster',
      body: AddContactSchema,
      response: z.object({ contact: ContactSchema }),
      errors: [404],
    },
    {
      method: 'delete',
      path: '/contacts',
      summary: 'Удалить контакт исполнителя',
      tags: ['reminders'],
      access: 'cluster',
      query: RemoveContactQuery,
      response: z.object({}),
      errors: [404],
    },
    {
      method: 'put',
      path: '/contacts/sheet',
      summary: 'Лист «Контакты исполнителей» из надстройки: контакты кластера становятся такими',
      tags: ['reminders'],
      access: 'cluster',
      body: ContactsSheetSchema,
      response: z.object({ created: z.number(), updated: z.number(), removed: z.number() }),
      errors: [404],
    },
    {
      method: 'patch',
      path: '/clusters/{slug}/reminders',
      summary: 'Лестница напоминаний кластера: дни до срока, эскалация, почта координатора',
      tags: ['reminders'],
      access: 'admin',
      params: z.object({ slug }),
      body: RemindSettingsSchema,
      response: SettingsAnswerSchema,
      errors: [404],
    },
    {
      method: 'get',
      path: '/reminders',
      summary: 'Журнал напоминаний: что, кому, когда, доставлено ли и почему нет',
      tags: ['reminders'],
      access: 'cluster',
      query: MessagesQuery,
      response: z.object({ messages: z.array(MessageSchema) }),
      errors: [404],
    },
    {
      method: 'post',
      path: '/reminders/run',
      summary: 'Разослать напоминания дня сейчас (каждое — один раз)',
      tags: ['reminders'],
      access: 'admin',
      body: RunBodySchema,
      response: RunAnswerSchema,
    },
    {
      method: 'get',
      path: '/calendar-feeds',
      summary: 'Календари (iCalendar) кластера',
      tags: ['reminders'],
      access: 'cluster',
      response: z.object({ feeds: z.array(FeedSchema) }),
    },
    {
      method: 'post',
      path: '/calendar-feeds',
      summary:
        'Новая ссылка на календарь сроков кластера (или исполнителя); секрет в ссылке показывается один раз',
      tags: ['reminders'],
      access: 'cluster',
      body: CreateFeedSchema,
      response: z.object({ feed: FeedSchema, url: z.string() }),
      errors: [404],
    },
    {
      method: 'delete',
      path: '/calendar-feeds/{id}',
      summary: 'Отозвать ссылку на календарь',
      tags: ['reminders'],
      access: 'cluster',
      params: IdParams,
      response: z.object({}),
      errors: [404],
    },
  ],
};
