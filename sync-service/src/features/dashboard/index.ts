// The dashboard at '/': server-rendered Russian HTML over the same store reads and report code as
// the API. Routes stay thin: session (session.ts) → data (service.ts) → page (views/).
import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  Router,
} from 'express';
import * as z from 'zod';
import { type Principal, principalForToken } from '../../http/auth.ts';
import { HttpError } from '../../http/errors.ts';
import type { Feature } from '../../http/feature.ts';
import { parseOr400 } from '../../http/validate.ts';
import type { AppServices } from '../../services.ts';
import { ItemIdParamsSchema } from '../items/schemas.ts';
import { ClusterReportQuerySchema, ConsolidatedQuerySchema } from '../reports/index.ts';
import { sendReport, XLSX_TYPE } from '../reports/produce.ts';
import type { Html } from './html.ts';
import { langOf, MESSAGES, type Messages } from './i18n.ts';
import { itemPage, overview } from './service.ts';
import {
  clearSessionCookie,
  isTokenShaped,
  safeNext,
  sameOrigin,
  sessionOf,
  setSessionCookie,
} from './session.ts';
import { itemPageView } from './views/item.ts';
import { CSS_PATH, errorPage, ICON_PATH, type Reader } from './views/layout.ts';
import { overviewPage } from './views/overview.ts';
import { signInPage } from './views/sign-in.ts';
import { DASHBOARD_CSS, DASHBOARD_ICON } from './views/style.ts';

/** No scripts at all, styles only from our stylesheet, forms only to ourselves, never framed. */
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function sendPage(res: Response, status: number, body: Html): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Vary', 'Accept-Language, Cookie');
  res.send(body.value);
}

const blankAsUndefined = (v: unknown) => (typeof v === 'string' ? v.trim() || undefined : v);
const text = (max: number) => z.preprocess(blankAsUndefined, z.string().max(max).optional());

export const HomeQuerySchema = z.object({
  cluster: text(100).describe('Кластер (slug) для списка просроченных'),
  executor: text(200).describe('Часть имени исполнителя'),
  q: text(200).describe('Текст в мероприятии, результате, отметке…'),
  asOf: z
    .preprocess(blankAsUndefined, z.iso.date('нужна дата ГГГГ-ММ-ДД').optional())
    .describe('Дата, на которую считаются состояния (по умолчанию сегодня)'),
});

const LoginBodySchema = z.object({
  token: z.string().optional(),
  next: z.string().optional(),
});

/** The reader's words, from Accept-Language. */
const wordsFor = (req: Request): Messages => MESSAGES[langOf(req.header('accept-language'))];

async function readerOf(services: AppServices, t: Messages, p: Principal): Promise<Reader> {
  if (p.kind === 'cluster') {
    const c = await services.store.clusters.getById(p.clusterId);
    return { principal: p, label: t.clusterReader(c?.name ?? p.clusterSlug) };
  }
  if (p.kind === 'department') {
    const d = await services.store.departments.getById(p.departmentId);
    return { principal: p, label: `${d?.name ?? t.department} · ${p.region}` };
  }
  return { principal: p, label: t.admin };
}

/** Pages other than '/' need a signed-in reader: res.locals.principal, or the sign-in page (401). */
function requireSession(services: AppServices): RequestHandler {
  return async (req, res, next) => {
    const session = await sessionOf(services, req);
    if (session.state !== 'valid') {
      if (session.state === 'invalid') clearSessionCookie(services, req, res);
      const t = wordsFor(req);
      sendPage(res, 401, signInPage(t, { error: t.signInFirst, next: req.originalUrl }));
      return;
    }
    res.locals.principal = session.principal;
    next();
  };
}

function pageErrors(services: AppServices): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = error instanceof HttpError;
    const status = known
      ? error.status
      : typeof error?.status === 'number' && error.status < 500
        ? error.status
        : 500;
    if (status >= 500) services.logger.error({ err: error, path: req.path }, 'dashboard page failed');
    const t = wordsFor(req);
    if (status === 401) {
      sendPage(res, 401, signInPage(t, { error: known ? error.message : undefined }));
      return;
    }
    const message = known
      ? error.message
      : status === 413
        ? t.tooLarge
        : status < 500
          ? t.badRequest
          : t.internal;
    sendPage(res, status, errorPage(t, status, message));
  };
}

export const dashboardFeature: Feature = {
  name: 'dashboard',
  mount: '/',
  router(services) {
    const router = Router();
    const signedIn = requireSession(services);
    const principalOf = (res: Response) => res.locals.principal as Principal;

    router.get(CSS_PATH, (_req, res) => {
      res.type('text/css').setHeader('Cache-Control', 'public, max-age=3600').send(DASHBOARD_CSS);
    });
    router.get(ICON_PATH, (_req, res) => {
      res.type('image/svg+xml').setHeader('Cache-Control', 'public, max-age=86400').send(DASHBOARD_ICON);
    });

    router.get('/', async (req, res) => {
      const t = wordsFor(req);
      const session = await sessionOf(services, req);
      if (session.state !== 'valid') {
        if (session.state === 'invalid') clearSessionCookie(services, req, res);
        sendPage(res, 200, signInPage(t, { error: session.state === 'invalid' ? t.tokenGone : undefined }));
        return;
      }
      const q = parseOr400(HomeQuerySchema, { ...req.query }, 'параметр запроса', 'query');
      const asOf = q.asOf ?? services.today();
      const filter = { cluster: q.cluster, executor: q.executor, q: q.q };
      const data = await overview(services, session.principal, asOf, filter);
      const reader = await readerOf(services, t, session.principal);
      sendPage(res, 200, overviewPage({ t, reader, data, filter, asOfParam: q.asOf }));
    });

    router.post('/login', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
      const t = wordsFor(req);
      if (!sameOrigin(req)) throw new HttpError(403, 'forbidden', t.otherSite);
      const body = LoginBodySchema.safeParse(req.body ?? {});
      const token = body.success ? (body.data.token ?? '').trim() : '';
      const next = safeNext(body.success ? body.data.next : undefined);
      const fail = (message: string) => sendPage(res, 401, signInPage(t, { error: message, next }));
      if (!token) return fail(t.enterToken);
      if (!isTokenShaped(token)) return fail(t.badToken);
      try {
        await principalForToken(services, token);
      } catch (error) {
        // The service's reason is Russian; an English page says it in general words.
        if (error instanceof HttpError && error.status === 401)
          return fail(t.lang === 'ru' ? error.message : t.badToken);
        throw error;
      }
      setSessionCookie(services, req, res, token);
      res.redirect(303, next);
    });

    router.post('/logout', (req: Request, res: Response) => {
      if (!sameOrigin(req)) throw new HttpError(403, 'forbidden', wordsFor(req).otherSite);
      clearSessionCookie(services, req, res);
      res.redirect(303, '/');
    });

    router.get('/items/:id', signedIn, async (req, res) => {
      const { id } = parseOr400(ItemIdParamsSchema, req.params, 'адрес', 'params');
      const q = parseOr400(
        HomeQuerySchema.pick({ asOf: true }),
        { ...req.query },
        'параметр запроса',
        'query',
      );
      const asOf = q.asOf ?? services.today();
      const p = principalOf(res);
      const data = await itemPage(services, p, id, asOf);
      const t = wordsFor(req);
      const reader = await readerOf(services, t, p);
      sendPage(
        res,
        200,
        itemPageView({ t, reader, data, asOf, asOfParam: q.asOf, timeZone: services.config.timeZone }),
      );
    });

    // The report downloads, authenticated by the cookie: the same access rules and writer as the API.
    router.get('/reports/consolidated.xlsx', signedIn, async (req, res) => {
      const q = parseOr400(ConsolidatedQuerySchema, { ...req.query }, 'параметр запроса', 'query');
      await sendReport(
        services,
        principalOf(res),
        { kind: 'consolidated', region: q.region, asOf: q.asOf },
        res,
      );
    });
    router.get('/reports/cluster.xlsx', signedIn, async (req, res) => {
      const q = parseOr400(ClusterReportQuerySchema, { ...req.query }, 'параметр запроса', 'query');
      await sendReport(
        services,
        principalOf(res),
        { kind: 'cluster', cluster: q.cluster, asOf: q.asOf },
        res,
      );
    });

    router.use(pageErrors(services));
    return router;
  },
  docs: [
    {
      method: 'get',
      path: '/',
      summary:
        'Дашборд (HTML): вход по токену или сводка по кластерам и просроченные с фильтрами (вход — cookie)',
      tags: ['dashboard'],
      access: 'public',
      query: HomeQuerySchema,
      response: { mediaType: 'text/html', description: 'Страница' },
    },
    {
      method: 'get',
      path: CSS_PATH,
      summary: 'Таблица стилей дашборда',
      tags: ['dashboard'],
      access: 'public',
      response: { mediaType: 'text/css', description: 'CSS' },
    },
    {
      method: 'get',
      path: ICON_PATH,
      summary: 'Значок дашборда',
      tags: ['dashboard'],
      access: 'public',
      response: { mediaType: 'image/svg+xml', description: 'SVG' },
    },
    {
      method: 'post',
      path: '/login',
      summary: 'Вход в дашборд: форма с полем token; ставит cookie HttpOnly, SameSite=Strict',
      tags: ['dashboard'],
      access: 'public',
      response: {
        mediaType: 'text/html',
        description: 'Переход на / (303) или страница входа с ошибкой (401)',
      },
    },
    {
      method: 'post',
      path: '/logout',
      summary: 'Выход из дашборда: стирает cookie',
      tags: ['dashboard'],
      access: 'public',
      response: { mediaType: 'text/html', description: 'Переход на / (303)' },
    },
    {
      method: 'get',
      path: '/items/{id}',
      summary: 'Дашборд (HTML): мероприятие и его история (по cookie входа)',
      tags: ['dashboard'],
      access: 'public',
      params: ItemIdParamsSchema,
      response: { mediaType: 'text/html', description: 'Страница' },
    },
    {
      method: 'get',
      path: '/reports/consolidated.xlsx',
      summary: 'Сводный отчёт XLSX для кнопки дашборда (по cookie входа; те же права, что у API)',
      tags: ['dashboard'],
      access: 'public',
      query: ConsolidatedQuerySchema,
      response: { mediaType: XLSX_TYPE, description: 'Книга XLSX' },
    },
    {
      method: 'get',
      path: '/reports/cluster.xlsx',
      summary: 'Отчёт XLSX по кластеру для кнопки дашборда (по cookie входа)',
      tags: ['dashboard'],
      access: 'public',
      query: ClusterReportQuerySchema,
      response: { mediaType: XLSX_TYPE, description: 'Книга XLSX' },
    },
  ],
};
