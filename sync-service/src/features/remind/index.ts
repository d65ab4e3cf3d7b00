// Reminders over HTTP: executors' contacts (and the «Контакты исполнителей» sheet of the add-in),
// the ladder of a cluster, the reminders sent, a run on demand, and calendar feeds.
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
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';
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
  status: z
    .enum(['pending', 'delivered', 'failed'])
    .optional()
    .describe('pending — ждут отправки, delivered — доставлены, failed — не доставлены'),
  limit: z.coerce.number().int().min(1).max(10_000).optional().describe('Не больше стольких сообщений'),
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
const SlugParams = z.object({ slug });
const tags = ['reminders'];
const EMPTY = { mediaType: 'text/plain', description: 'Пустой ответ' };

const contacts = route(
  {
    method: 'get',
    path: '/contacts',
    summary: 'Контакты исполнителей кластера и исполнители без контактов (кластер или администратор)',
    tags,
    access: 'cluster',
    query: ClusterQuery,
    responses: { 200: ContactListSchema, 404: true },
  },
  ({ query, principal, services }) => listContacts(services.store, principal, query.cluster),
);

const createContact = route(
  {
    method: 'post',
    path: '/contacts',
    summary: 'Добавить или дополнить контакт исполнителя',
    tags,
    access: 'cluster',
    body: AddContactSchema,
    responses: { 201: z.object({ contact: ContactSchema }), 404: true },
  },
  async ({ body, principal, services }) => ({ contact: await addContact(services.store, principal, body) }),
);

const deleteContact = route(
  {
    method: 'delete',
    path: '/contacts',
    summary: 'Удалить контакт исполнителя',
    tags,
    access: 'cluster',
    query: RemoveContactQuery,
    responses: { 204: EMPTY, 404: true },
  },
  async ({ query, principal, services, res }) => {
    await removeContact(services.store, principal, query.cluster, query.executor);
    res.status(204).end();
  },
);

const contactsSheet = route(
  {
    method: 'put',
    path: '/contacts/sheet',
    summary: 'Лист «Контакты исполнителей» из надстройки: контакты кластера становятся такими',
    tags,
    access: 'cluster',
    body: ContactsSheetSchema,
    responses: {
      200: z.object({ created: z.number(), updated: z.number(), removed: z.number() }),
      404: true,
    },
  },
  ({ body, principal, services }) => replaceContacts(services.store, principal, body),
);

const ladder = route(
  {
    method: 'patch',
    path: '/clusters/{slug}/reminders',
    summary: 'Лестница напоминаний кластера: дни до срока, эскалация, почта координатора',
    tags,
    access: 'admin',
    params: SlugParams,
    body: RemindSettingsSchema,
    responses: { 200: SettingsAnswerSchema, 404: true },
  },
  ({ params, body, services }) => updateRemindSettings(services.store, params.slug, body),
);

const reminders = route(
  {
    method: 'get',
    path: '/reminders',
    summary: 'Журнал напоминаний: что, кому, когда, доставлено ли и почему нет',
    tags,
    access: 'cluster',
    query: MessagesQuery,
    responses: { 200: z.object({ messages: z.array(MessageSchema) }), 404: true },
  },
  async ({ query: q, principal: p, services: { store } }) => {
    let clusterIds: string[] | undefined;
    if (q.cluster) clusterIds = [(await contactCluster(store, p, q.cluster)).id];
    else if (p.kind === 'cluster') clusterIds = [p.clusterId];
    else if (p.kind !== 'admin') throw forbidden('Журнал напоминаний виден только кластеру и администратору');
    return { messages: await store.reminders.list({ clusterIds, status: q.status, limit: q.limit }) };
  },
);

const runNow = route(
  {
    method: 'post',
    path: '/reminders/run',
    summary: 'Разослать напоминания дня сейчас (каждое — один раз)',
    tags,
    access: 'admin',
    body: RunBodySchema,
    responses: { 200: RunAnswerSchema },
  },
  ({ body, services }) => runReminders(services, body),
);

const feeds = route(
  {
    method: 'get',
    path: '/calendar-feeds',
    summary: 'Календари (iCalendar) кластера',
    tags,
    access: 'cluster',
    responses: { 200: z.object({ feeds: z.array(FeedSchema) }) },
  },
  async ({ principal, services }) => ({ feeds: await listFeeds(services.store, principal) }),
);

const createCalendarFeed = route(
  {
    method: 'post',
    path: '/calendar-feeds',
    summary:
      'Новая ссылка на календарь сроков кластера (или исполнителя); секрет в ссылке показывается один раз',
    tags,
    access: 'cluster',
    body: CreateFeedSchema,
    responses: { 201: z.object({ feed: FeedSchema, url: z.string() }), 404: true },
  },
  ({ body, principal, services }) => createFeed(services.store, principal, body, services.config.publicUrl),
);

const revokeCalendarFeed = route(
  {
    method: 'delete',
    path: '/calendar-feeds/{id}',
    summary: 'Отозвать ссылку на календарь',
    tags,
    access: 'cluster',
    params: IdParams,
    responses: { 204: EMPTY, 404: true },
  },
  async ({ params, principal, services, res }) => {
    await revokeFeed(services.store, principal, params.id);
    res.status(204).end();
  },
);

export const remindFeature = feature({
  name: 'remind',
  mount: '/api/v1',
  routes: [
    contacts,
    createContact,
    deleteContact,
    contactsSheet,
    ladder,
    reminders,
    runNow,
    feeds,
    createCalendarFeed,
    revokeCalendarFeed,
  ],
});
