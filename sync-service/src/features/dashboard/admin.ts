// The dashboard's admin page (GET /admin) and its forms: archive or bring back a document, remove a
// cluster, a source or a department. Signed in by the cookie with an admin token; forms from
// another site are refused; after an action the page is shown again.
import * as z from 'zod';
import type { Principal } from '../../app/access.ts';
import { forbidden } from '../../app/errors.ts';
import { removeCluster, removeDepartment, removeSource, setDocumentArchived } from '../../app/lifecycle.ts';
import { HttpError } from '../../http/errors.ts';
import { route } from '../../http/route.ts';
import type { AppServices } from '../../services.ts';
import { slug } from '../admin/schemas.ts';
import { readerOf, requireSession, sendPage, wordsFor } from './pages.ts';
import { sameOrigin } from './session.ts';
import { adminPage } from './views/admin.ts';

const PAGE = { mediaType: 'text/html', description: 'Страница' };
const AFTER = { 303: { mediaType: 'text/html', description: 'Переход на /admin' } };
const tags = ['dashboard'];
const IdParams = z.object({ id: z.string().min(1).max(100) });
const SlugParams = z.object({ slug });
const RemoveForm = z.object({ withDocuments: z.literal('true').optional().catch(undefined) });

function adminOnly(p: Principal): void {
  if (p.kind !== 'admin') throw forbidden('Эта страница — только для токена администратора');
}

export const adminHome = route(
  {
    method: 'get',
    path: '/admin',
    summary:
      'Дашборд (HTML): документы, кластеры, источники и департаменты — архив и удаление (администратор)',
    tags,
    access: 'session',
    use: [requireSession],
    responses: { 200: PAGE },
  },
  async ({ principal, services, req, res }) => {
    adminOnly(principal);
    const { store } = services;
    const t = wordsFor(req);
    const data = {
      documents: await store.documents.list({ archived: 'include' }),
      clusters: await store.clusters.list(),
      sources: await store.sources.list(),
      departments: await store.departments.list(),
      timeZone: services.config.timeZone,
    };
    await sendPage(res, 200, adminPage(t, await readerOf(services, t, principal), data));
  },
);

/** A form's action: the same checks, the work, then back to the page. */
function action<P extends z.ZodType>(
  path: string,
  summary: string,
  params: P,
  work: (services: AppServices, params: z.output<P>, withDocuments: boolean) => Promise<unknown>,
) {
  return route(
    {
      method: 'post',
      path,
      summary,
      tags,
      access: 'session',
      use: [requireSession],
      params,
      body: { form: RemoveForm },
      responses: { ...AFTER, 404: true, 409: true },
    },
    async ({ params: p, body, principal, services, req, res }) => {
      if (!sameOrigin(req)) throw new HttpError(403, 'forbidden', wordsFor(req).otherSite);
      adminOnly(principal);
      await work(services, p as z.output<P>, body.withDocuments === 'true');
      res.redirect(303, '/admin');
    },
  );
}

export const adminActions = [
  action('/admin/documents/{id}/archive', 'Убрать документ в архив (форма)', IdParams, (s, p) =>
    setDocumentArchived(s.store, p.id, true),
  ),
  action('/admin/documents/{id}/unarchive', 'Вернуть документ из архива (форма)', IdParams, (s, p) =>
    setDocumentArchived(s.store, p.id, false),
  ),
  action('/admin/clusters/{slug}/remove', 'Удалить кластер (форма)', SlugParams, (s, p, withDocuments) =>
    removeCluster(s.store, p.slug, { withDocuments }),
  ),
  action('/admin/sources/{id}/remove', 'Удалить источник (форма)', IdParams, (s, p, withDocuments) =>
    removeSource(s.store, p.id, { withDocuments }),
  ),
  action('/admin/departments/{slug}/remove', 'Удалить департамент (форма)', SlugParams, (s, p) =>
    removeDepartment(s.store, p.slug),
  ),
];
