// The dashboard's reminder pages: contacts (the cluster's own, or all for the admin), the log of
// reminders sent, and the public unsubscribe page (GET asks, POST acts: mail scanners follow links).
import express, { type Router } from 'express';
import * as z from 'zod';
import { listContacts } from '../../app/contacts.ts';
import { forbidden } from '../../app/errors.ts';
import type { Principal } from '../../http/auth.ts';
import { HttpError } from '../../http/errors.ts';
import type { RouteDoc } from '../../http/feature.ts';
import { parseOr400 } from '../../http/validate.ts';
import type { AppServices } from '../../services.ts';
import { readerOf, sendPage, wordsFor } from './pages.ts';
import { sameOrigin } from './session.ts';
import { contactsPage, remindersPage, unsubscribePage } from './views/remind.ts';

const ContactsQuery = z.object({ cluster: z.string().optional() });

export function remindPages(router: Router, services: AppServices, signedIn: express.RequestHandler): void {
  const { store } = services;

  router.get('/admin/contacts', signedIn, async (req, res) => {
    const q = parseOr400(ContactsQuery, { ...req.query }, 'параметр запроса', 'query');
    const p = res.locals.principal as Principal;
    const t = wordsFor(req);
    const list = await listContacts(store, p, q.cluster || undefined);
    sendPage(res, 200, contactsPage(t, await readerOf(services, t, p), list));
  });

  router.get('/admin/reminders', signedIn, async (req, res) => {
    const p = res.locals.principal as Principal;
    if (p.kind === 'department') throw forbidden('Журнал напоминаний виден только кластеру и администратору');
    const t = wordsFor(req);
    const messages = await store.reminders.list({
      clusterIds: p.kind === 'cluster' ? [p.clusterId] : undefined,
      limit: 500,
    });
    sendPage(res, 200, remindersPage(t, await readerOf(services, t, p), messages, services.config.timeZone));
  });

  router.get('/unsubscribe/:secret', async (req, res) => {
    const t = wordsFor(req);
    const contact = await store.contacts.bySecret(req.params.secret);
    if (!contact) return sendPage(res, 404, unsubscribePage(t, { state: 'bad', secret: req.params.secret }));
    sendPage(
      res,
      200,
      unsubscribePage(t, {
        state: contact.unsubscribedAt ? 'done' : 'ask',
        secret: req.params.secret,
        executor: contact.executor,
        cluster: contact.clusterSlug,
      }),
    );
  });

  router.post(
    '/unsubscribe/:secret',
    express.urlencoded({ extended: false, limit: '1kb' }),
    async (req, res) => {
      const t = wordsFor(req);
      if (!sameOrigin(req)) throw new HttpError(403, 'forbidden', t.otherSite);
      const contact = await store.contacts.bySecret(req.params.secret);
      if (!contact)
        return sendPage(res, 404, unsubscribePage(t, { state: 'bad', secret: req.params.secret }));
      const out = (req.body as { do?: string } | undefined)?.do !== 'in';
      await store.contacts.setUnsubscribed(contact.id, out);
      sendPage(
        res,
        200,
        unsubscribePage(t, {
          state: out ? 'done' : 'undone',
          secret: req.params.secret,
          executor: contact.executor,
          cluster: contact.clusterSlug,
        }),
      );
    },
  );
}

const SecretParams = z.object({ secret: z.string().min(1) });
const PAGE = { mediaType: 'text/html', description: 'Страница' };

export const REMIND_PAGE_DOCS: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin/contacts',
    summary: 'Дашборд (HTML): контакты исполнителей и исполнители без контактов (кластер, администратор)',
    tags: ['dashboard'],
    access: 'public',
    query: ContactsQuery,
    response: PAGE,
  },
  {
    method: 'get',
    path: '/admin/reminders',
    summary: 'Дашборд (HTML): журнал напоминаний — что, кому, когда, доставлено ли',
    tags: ['dashboard'],
    access: 'public',
    response: PAGE,
  },
  {
    method: 'get',
    path: '/unsubscribe/{secret}',
    summary: 'Отписка от напоминаний по ссылке из письма: страница с подтверждением',
    tags: ['dashboard'],
    access: 'public',
    params: SecretParams,
    response: PAGE,
  },
  {
    method: 'post',
    path: '/unsubscribe/{secret}',
    summary: 'Отписаться (do=out) или вернуть напоминания (do=in)',
    tags: ['dashboard'],
    access: 'public',
    params: SecretParams,
    response: PAGE,
  },
];
