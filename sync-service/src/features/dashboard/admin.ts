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
import type { ListPage } from '../../store/types.ts';
import { slug } from '../admin/schemas.ts';
import { urlWith } from './html.ts';
import { readerOf, requireSession, sendPage, wordsFor } from './pages.ts';
import { AdminQuerySchema } from './schemas.ts';
import type { Pager } from './service.ts';
import { sameOrigin } from './session.ts';
import { adminPage } from './views/admin.ts';

const PAGE = { mediaType: 'text/html', description: 'Страница' };
const AFTER = {
  303: { mediaType: 'text/html', description: 'Переход на /admin (на те же страницы списков)' },
};
const tags = ['dashboard'];
const IdParams = z.object({ id: z.string().min(1).max(100) });
const SlugParams = z.object({ slug });
const { dpage, cpage, spage } = AdminQuerySchema.shape;
/** The box «with its documents», and the pages the form was posted from (to go back to them). */
const RemoveForm = z.object({
  withDocuments: z.literal('true').optional().catch(undefined),
  dpage: dpage.catch(undefined),
  cpage: cpage.catch(undefined),
  spage: spage.catch(undefined),
});

function adminOnly(p: Principal): void {
  if (p.kind !== 'admin') throw forbidden('Эта страница — только для токена администратора');
}

/** Rows per page of each of the admin page's lists. */
export const ADMIN_PAGE = 25;

/** A page of a list cut in SQL, with the count read at once; a page past the last reads the last. */
async function paged<T>(
  asked: number | undefined,
  count: () => Promise<number>,
  read: (page: ListPage) => Promise<T[]>,
  size = ADMIN_PAGE,
): Promise<{ rows: T[]; pager: Pager }> {
  const first = Math.max(1, asked ?? 1);
  const at = (n: number) => read({ limit: size, offset: (n - 1) * size });
  const [total, rows] = await Promise.all([count(), at(first)]);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(first, pages);
  return { rows: page === first ? rows : await at(page), pager: { page, pages, total, size } };
}

export const adminHome = route(
  {
    method: 'get',
    path: '/admin',
    summary:
      'Дашборд (HTML): документы, кластеры, источники и департаменты — архив и удаление (администратор); списки по 25 на страницу (dpage, cpage, spage)',
    tags,
    access: 'session',
    use: [requireSession],
    query: AdminQuerySchema,
    responses: { 200: PAGE },
  },
  async ({ query: q, principal, services, req, res }) => {
    adminOnly(principal);
    const { store } = services;
    const t = wordsFor(req);
    const all = { archived: 'include' } as const;
    const [documents, clusters, sources, departments] = await Promise.all([
      paged(
        q.dpage,
        () => store.documents.count(all),
        (p) => store.documents.list({ ...all, ...p }),
      ),
      paged(
        q.cpage,
        () => store.clusters.count(),
        (p) => store.clusters.list(p),
      ),
      paged(
        q.spage,
        () => store.sources.count(),
        (p) => store.sources.list(p),
      ),
      store.departments.list(),
    ]);
    const data = { documents, clusters, sources, departments, timeZone: services.config.timeZone, query: q };
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
      const pages = { dpage: body.dpage, cpage: body.cpage, spage: body.spage };
      res.redirect(
        303,
        urlWith('/admin', Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, v?.toString()]))),
      );
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
