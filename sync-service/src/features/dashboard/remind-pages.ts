// The dashboard's reminder pages: contacts (the cluster's own, or all for the admin), the log of
// reminders sent, and the public unsubscribe page (GET asks, POST acts: mail scanners follow links).
import * as z from 'zod';
import { listContacts } from '../../app/contacts.ts';
import { forbidden } from '../../app/errors.ts';
import { HttpError } from '../../http/errors.ts';
import { route } from '../../http/route.ts';
import { readerOf, requireSession, sendPage, wordsFor } from './pages.ts';
import { sameOrigin } from './session.ts';
import { contactsPage, remindersPage, unsubscribePage } from './views/remind.ts';

const PAGE = { mediaType: 'text/html', description: 'Страница' };
const tags = ['dashboard'];
const ContactsQuery = z.object({ cluster: z.string().optional().describe('Кластер (slug)') });
const SecretParams = z.object({ secret: z.string().min(1).max(200) });
const UnsubscribeForm = z.object({ do: z.enum(['out', 'in']).optional() });

const contacts = route(
  {
    method: 'get',
    path: '/admin/contacts',
    summary: 'Дашборд (HTML): контакты исполнителей и исполнители без контактов (кластер, администратор)',
    tags,
    access: 'session',
    use: [requireSession],
    query: ContactsQuery,
    responses: { 200: PAGE },
  },
  async ({ query, principal, services, req, res }) => {
    const t = wordsFor(req);
    const list = await listContacts(services.store, principal, query.cluster || undefined);
    sendPage(res, 200, contactsPage(t, await readerOf(services, t, principal), list));
  },
);

const reminders = route(
  {
    method: 'get',
    path: '/admin/reminders',
    summary: 'Дашборд (HTML): журнал напоминаний — что, кому, когда, доставлено ли',
    tags,
    access: 'session',
    use: [requireSession],
    responses: { 200: PAGE },
  },
  async ({ principal: p, services, req, res }) => {
    if (p.kind === 'department') throw forbidden('Журнал напоминаний виден только кластеру и администратору');
    const t = wordsFor(req);
    const messages = await services.store.reminders.list({
      clusterIds: p.kind === 'cluster' ? [p.clusterId] : undefined,
      limit: 500,
    });
    sendPage(res, 200, remindersPage(t, await readerOf(services, t, p), messages, services.config.timeZone));
  },
);

const unsubscribeAsk = route(
  {
    method: 'get',
    path: '/unsubscribe/{secret}',
    summary: 'Отписка от напоминаний по ссылке из письма: страница с подтверждением',
    tags,
    access: 'public',
    params: SecretParams,
    responses: { 200: PAGE, 404: PAGE },
  },
  async ({ params, services, req, res }) => {
    const t = wordsFor(req);
    const contact = await services.store.contacts.bySecret(params.secret);
    if (!contact) return sendPage(res, 404, unsubscribePage(t, { state: 'bad', secret: params.secret }));
    sendPage(
      res,
      200,
      unsubscribePage(t, {
        state: contact.unsubscribedAt ? 'done' : 'ask',
        secret: params.secret,
        executor: contact.executor,
        cluster: contact.clusterSlug,
      }),
    );
  },
);

const unsubscribeDo = route(
  {
    method: 'post',
    path: '/unsubscribe/{secret}',
    summary: 'Отписаться (do=out) или вернуть напоминания (do=in)',
    tags,
    access: 'public',
    params: SecretParams,
    body: { form: UnsubscribeForm },
    responses: { 200: PAGE, 404: PAGE },
  },
  async ({ params, body, services, req, res }) => {
    const t = wordsFor(req);
    if (!sameOrigin(req)) throw new HttpError(403, 'forbidden', t.otherSite);
    const contact = await services.store.contacts.bySecret(params.secret);
    if (!contact) return sendPage(res, 404, unsubscribePage(t, { state: 'bad', secret: params.secret }));
    const out = body.do !== 'in';
    await services.store.contacts.setUnsubscribed(contact.id, out);
    sendPage(
      res,
      200,
      unsubscribePage(t, {
        state: out ? 'done' : 'undone',
        secret: params.secret,
        executor: contact.executor,
        cluster: contact.clusterSlug,
      }),
    );
  },
);

export const REMIND_PAGES = [contacts, reminders, unsubscribeAsk, unsubscribeDo];
