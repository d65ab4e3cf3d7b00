// The dashboard at '/': server-rendered HTML (Russian; English on request) over the same store
// reads and report code as the API. Routes stay thin: session (session.ts) → data (service.ts) →
// page (views/), answered by pages.ts.

import { actorOf, clusterFor } from '../../app/access.ts';
import { AppError } from '../../app/errors.ts';
import { importFile } from '../../app/import-file.ts';
import { readableClusters } from '../../app/read-scope.ts';
import { principalForToken } from '../../http/auth.ts';
import { fromAppError, HttpError } from '../../http/errors.ts';
import { feature } from '../../http/feature.ts';
import { reuse, route } from '../../http/route.ts';
import { throttledAuth } from '../../http/throttle.ts';
import { ItemIdParamsSchema } from '../items/schemas.ts';
import { clusterReport, consolidatedReport } from '../reports/index.ts';
import { adminActions, adminHome } from './admin.ts';
import { itemsList } from './items-list.ts';
import { homeSession, pageErrors, readerOf, requireSession, sendPage, wordsFor } from './pages.ts';
import { REMIND_PAGES } from './remind-pages.ts';
import { HomeQuerySchema, ItemsPageQuerySchema, LoginBodySchema, UploadFieldsSchema } from './schemas.ts';
import { itemPage, overview } from './service.ts';
import { endSession, isTokenShaped, safeNext, sameOrigin, startSession } from './session.ts';
import { itemPageView } from './views/item.ts';
import { itemsPage } from './views/items.ts';
import { CSS_PATH, ICON_PATH } from './views/layout.ts';
import { overviewPage } from './views/overview.ts';
import { signInPage } from './views/sign-in.ts';
import { DASHBOARD_CSS, DASHBOARD_ICON } from './views/style.ts';
import { uploadPage } from './views/upload.ts';

const PAGE = { mediaType: 'text/html', description: 'Страница' };
const tags = ['dashboard'];

/** A static file of the dashboard, cached by the browser for `maxAge` seconds. */
const asset = (path: string, summary: string, media: string, body: string, maxAge: number) =>
  route(
    {
      method: 'get',
      path,
      summary,
      tags,
      access: 'public',
      responses: { 200: { mediaType: media, description: summary } },
    },
    ({ res }) => {
      res.type(media).setHeader('Cache-Control', `public, max-age=${maxAge}`).send(body);
    },
  );

const stylesheet = asset(CSS_PATH, 'Таблица стилей дашборда', 'text/css', DASHBOARD_CSS, 3600);
const icon = asset(ICON_PATH, 'Значок дашборда', 'image/svg+xml', DASHBOARD_ICON, 86400);

const home = route(
  {
    method: 'get',
    path: '/',
    summary:
      'Дашборд (HTML): сводка по кластерам с «Данные на», документы, КИД (по кластерам, пять худших исполнителей, организации), «Динамика» с since (по умолчанию с предыдущего отчёта или за 30 дней) и графиками, просроченные с фильтрами, удалённые из таблицы; координатору кластера — загрузка файла; plans=finished — и завершённые планы с итогом; без cookie входа — страница входа по токену',
    tags,
    access: 'session',
    use: [homeSession],
    query: HomeQuerySchema,
    responses: { 200: PAGE },
  },
  async ({ query: q, principal, services, req, res }) => {
    const t = wordsFor(req);
    const asOf = q.asOf ?? services.today();
    const filter = {
      cluster: q.cluster,
      executor: q.executor,
      q: q.q,
      plans: q.plans,
      archived: q.archived === 'include',
    };
    const data = await overview(services, principal, asOf, filter, undefined, q.since, {
      clusters: q.cpage,
      clusterSort: q.csort,
      overdue: q.page,
      removed: q.rpage,
    });
    const reader = await readerOf(services, t, principal);
    await sendPage(
      res,
      200,
      overviewPage({
        t,
        reader,
        data,
        filter,
        asOfParam: q.asOf,
        timeZone: services.config.timeZone,
        now: new Date(),
        staleDays: services.config.staleDays,
        query: {
          cluster: q.cluster,
          executor: q.executor,
          q: q.q,
          plans: q.plans,
          archived: q.archived,
          since: q.since,
          csort: q.csort,
          cpage: q.cpage?.toString(),
          page: q.page?.toString(),
          rpage: q.rpage?.toString(),
        },
      }),
    );
  },
);

const login = route(
  {
    method: 'post',
    path: '/login',
    summary:
      'Вход в дашборд: форма с полем token; ставит cookie сеанса (случайный id, HttpOnly, SameSite=Strict)',
    tags,
    access: 'public',
    body: { form: LoginBodySchema },
    responses: {
      303: { mediaType: 'text/html', description: 'Переход на next или / после входа' },
      401: { mediaType: 'text/html', description: 'Страница входа с ошибкой' },
      429: {
        mediaType: 'text/html',
        description: 'Слишком много неудачных попыток с этого адреса: страница входа с ошибкой и Retry-After',
      },
    },
  },
  async ({ body, services, req, res }) => {
    const t = wordsFor(req);
    if (!sameOrigin(req)) throw new HttpError(403, 'forbidden', t.otherSite);
    const token = (body.token ?? '').trim();
    const next = safeNext(body.next);
    const fail = (message: string) => sendPage(res, 401, signInPage(t, { error: message, next }));
    if (!token) return fail(t.enterToken);
    if (!isTokenShaped(token)) return fail(t.badToken);
    let signedIn: Awaited<ReturnType<typeof principalForToken>>;
    try {
      signedIn = await throttledAuth(services, req, () => principalForToken(services, token));
    } catch (error) {
      // The service's reason is Russian; an English page says it in general words.
      if (error instanceof HttpError && error.status === 401)
        return fail(t.lang === 'ru' ? error.message : t.badToken);
      if (error instanceof HttpError && error.status === 429) {
        for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
        return sendPage(
          res,
          429,
          signInPage(t, { error: t.lang === 'ru' ? error.message : t.tooManyTries, next }),
        );
      }
      throw error;
    }
    await startSession(services, req, res, signedIn.tokenId);
    res.redirect(303, next);
  },
);

const logout = route(
  {
    method: 'post',
    path: '/logout',
    summary: 'Выход из дашборда: сеанс заканчивается на сервере, cookie стирается',
    tags,
    access: 'public',
    responses: { 303: { mediaType: 'text/html', description: 'Переход на /' } },
  },
  async ({ services, req, res }) => {
    if (!sameOrigin(req)) throw new HttpError(403, 'forbidden', wordsFor(req).otherSite);
    await endSession(services, req, res);
    res.redirect(303, '/');
  },
);

const item = route(
  {
    method: 'get',
    path: '/items/{id}',
    summary:
      'Дашборд (HTML): мероприятие и его история — запись на синхронизацию: что изменилось, откуда, каким токеном (по cookie входа)',
    tags,
    access: 'session',
    use: [requireSession],
    params: ItemIdParamsSchema,
    query: HomeQuerySchema.pick({ asOf: true }),
    responses: { 200: PAGE, 404: true },
  },
  async ({ params, query, principal, services, req, res }) => {
    const asOf = query.asOf ?? services.today();
    const data = await itemPage(services, principal, params.id, asOf);
    const t = wordsFor(req);
    const reader = await readerOf(services, t, principal);
    await sendPage(
      res,
      200,
      itemPageView({ t, reader, data, asOf, asOfParam: query.asOf, timeZone: services.config.timeZone }),
    );
  },
);

const items = route(
  {
    method: 'get',
    path: '/items',
    summary:
      'Дашборд (HTML): мероприятия любого состояния с поиском, фильтрами (кластер, исполнитель, документ, срок), порядком и страницами',
    tags,
    access: 'session',
    use: [requireSession],
    query: ItemsPageQuerySchema,
    responses: { 200: PAGE },
  },
  async ({ query, principal, services, req, res }) => {
    const t = wordsFor(req);
    const data = await itemsList(services, principal, query);
    const reader = await readerOf(services, t, principal);
    const clusters = await readableClusters(services.store, principal);
    await sendPage(res, 200, itemsPage({ t, reader, data, query, clusters }));
  },
);

const upload = route(
  {
    method: 'post',
    path: '/upload',
    summary:
      'Дашборд: загрузка файла координатором кластера (тем же путём, что и импорт); ошибка — на странице',
    tags,
    access: 'session',
    use: [requireSession],
    body: {
      multipart: UploadFieldsSchema,
      file: { field: 'file', description: 'Файл .xlsx, .csv, .txt, .docx или .odt' },
    },
    responses: { 200: PAGE, 403: true },
  },
  async ({ file, principal, services, req, res }) => {
    const t = wordsFor(req);
    if (!sameOrigin(req)) throw new HttpError(403, 'forbidden', t.otherSite);
    const reader = await readerOf(services, t, principal);
    if (principal.kind !== 'cluster') throw new HttpError(403, 'forbidden', t.upload.onlyCluster);
    try {
      const cluster = await clusterFor(services, principal, principal.clusterSlug, 'write');
      const s = await services.inflight.run(() =>
        importFile(services, cluster, file, { actor: actorOf(principal) }),
      );
      sendPage(
        res,
        200,
        uploadPage(t, reader, {
          ok: true,
          message: t.upload.done(s.created, s.changed, s.removed, s.unchanged),
        }),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const status = fromAppError(error).status;
      sendPage(res, status, uploadPage(t, reader, { ok: false, message: error.message }));
    }
  },
);

// The report downloads, signed in by the cookie: the API's own routes (access rules and writer).
const reports = [
  reuse(consolidatedReport, {
    path: '/reports/consolidated.xlsx',
    summary: 'Сводный отчёт XLSX для кнопки дашборда (по cookie входа; те же права, что у API)',
    tags,
    access: 'session',
    use: [requireSession],
  }),
  reuse(clusterReport, {
    path: '/reports/cluster.xlsx',
    summary: 'Отчёт XLSX по кластеру для кнопки дашборда (по cookie входа)',
    tags,
    access: 'session',
    use: [requireSession],
  }),
];

export const dashboardFeature = feature({
  name: 'dashboard',
  mount: '/',
  routes: [
    stylesheet,
    icon,
    home,
    login,
    logout,
    items,
    item,
    upload,
    ...reports,
    adminHome,
    ...adminActions,
    ...REMIND_PAGES,
  ],
  errors: pageErrors,
});
