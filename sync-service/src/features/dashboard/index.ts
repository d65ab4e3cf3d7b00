// The dashboard at '/': server-rendered HTML (Russian; English on request) over the same store
// reads and report code as the API. Routes stay thin: session (session.ts) → data (service.ts) →
// page (views/), answered by pages.ts.
import express, { type Request, type Response, Router } from 'express';
import { type Principal, principalForToken } from '../../http/auth.ts';
import { HttpError } from '../../http/errors.ts';
import type { Feature } from '../../http/feature.ts';
import { parseOr400 } from '../../http/validate.ts';
import { ItemIdParamsSchema } from '../items/schemas.ts';
import { ClusterReportQuerySchema, ConsolidatedQuerySchema } from '../reports/index.ts';
import { sendReport } from '../reports/produce.ts';
import { DASHBOARD_DOCS } from './docs.ts';
import { pageErrors, readerOf, requireSession, sendPage, wordsFor } from './pages.ts';
import { HomeQuerySchema, LoginBodySchema } from './schemas.ts';
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
import { CSS_PATH, ICON_PATH } from './views/layout.ts';
import { overviewPage } from './views/overview.ts';
import { signInPage } from './views/sign-in.ts';
import { DASHBOARD_CSS, DASHBOARD_ICON } from './views/style.ts';

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
      const data = await overview(services, session.principal, asOf, filter, undefined, q.since);
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
  docs: DASHBOARD_DOCS,
};
