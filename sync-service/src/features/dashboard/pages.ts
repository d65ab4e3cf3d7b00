// How the dashboard answers in HTML: the security headers every page carries, the reader's words
// and name, the sign-in gate for pages other than '/', and errors as pages rather than JSON.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { AppError } from '../../app/errors.ts';
import type { Principal } from '../../http/auth.ts';
import { fromAppError, HttpError } from '../../http/errors.ts';
import { sendEncoded } from '../../http/json-answer.ts';
import { spendTokenBudget } from '../../http/throttle.ts';
import type { AppServices } from '../../services.ts';
import { turn } from '../../turn.ts';
import type { Html } from './html.ts';
import { langOf, MESSAGES, type Messages } from './i18n.ts';
import { clearSessionCookie, sessionOf } from './session.ts';
import { errorPage, type Reader } from './views/layout.ts';
import { signInPage } from './views/sign-in.ts';

/** No scripts at all, styles only from our stylesheet, forms only to ourselves, never framed. */
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A page of more characters than this goes out in pieces of this many bytes. */
const PAGE_PIECE = 32 * 1024;

/**
 * Sends the page; one larger than PAGE_PIECE (the admin overview at national scale: ~200 KB) after a
 * turn of the loop and in pieces as the socket takes them — the same bytes and headers as
 * res.send — since encoding and writing it in the turn that rendered it held /healthz for as long
 * again as the render.
 */
export async function sendPage(res: Response, status: number, body: Html): Promise<void> {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Vary', 'Accept-Language, Cookie');
  if (body.value.length <= PAGE_PIECE) {
    res.send(body.value);
    return;
  }
  await turn();
  const bytes = Buffer.from(body.value, 'utf8');
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += PAGE_PIECE) pieces.push(bytes.subarray(i, i + PAGE_PIECE));
  await sendEncoded(res, status, pieces);
}

/** The reader's words, from Accept-Language. */
export const wordsFor = (req: Request): Messages => MESSAGES[langOf(req.header('accept-language'))];

export async function readerOf(services: AppServices, t: Messages, p: Principal): Promise<Reader> {
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

/**
 * Pages need a signed-in reader: res.locals.principal, or the sign-in page — at '/' as the home
 * page itself (200), elsewhere as a refusal (401) that comes back to the page after signing in.
 */
function sessionGate(services: AppServices, home: boolean): RequestHandler {
  return async (req, res, next) => {
    const session = await sessionOf(services, req);
    if (session.state !== 'valid') {
      if (session.state === 'invalid') clearSessionCookie(services, req, res);
      const t = wordsFor(req);
      if (home)
        sendPage(res, 200, signInPage(t, { error: session.state === 'invalid' ? t.tokenGone : undefined }));
      else sendPage(res, 401, signInPage(t, { error: t.signInFirst, next: req.originalUrl }));
      return;
    }
    // A session spends its token's request budget as the token's API requests do.
    try {
      await spendTokenBudget(services, session.principal.tokenId);
    } catch (error) {
      next(error);
      return;
    }
    res.locals.principal = session.principal;
    next();
  };
}

export const requireSession = (services: AppServices): RequestHandler => sessionGate(services, false);
export const homeSession = (services: AppServices): RequestHandler => sessionGate(services, true);

export function pageErrors(services: AppServices): ErrorRequestHandler {
  return (thrown, req, res, next) => {
    if (res.headersSent) {
      next(thrown);
      return;
    }
    const error = thrown instanceof AppError ? fromAppError(thrown) : thrown;
    const known = error instanceof HttpError;
    const status = known
      ? error.status
      : typeof error?.status === 'number' && error.status < 500
        ? error.status
        : 500;
    if (status >= 500) services.logger.error({ err: error, path: req.path }, 'dashboard page failed');
    const t = wordsFor(req);
    if (known) for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
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
