// The dashboard's sign-in: the access token is kept in a cookie (HttpOnly, SameSite=Strict, Path=/,
// Secure over https, also behind a proxy TRUST_PROXY trusts) and checked on every request the same way as the API's Bearer token, so a
// revoked token stops working at once. SameSite=Strict is the CSRF defence; the only POSTs (sign-in
// and sign-out) also refuse another site's Origin.
import type { Request, Response } from 'express';
import { type Principal, principalForToken } from '../../http/auth.ts';
import { HttpError } from '../../http/errors.ts';
import type { AppServices } from '../../services.ts';

export const SESSION_COOKIE = 'cluster_session';
/** How long a browser keeps the sign-in. */
const MAX_AGE_SECONDS = 12 * 60 * 60;
/** What a token looks like (the same characters a Bearer token may have). */
const TOKEN = /^[A-Za-z0-9._~+/=-]{1,512}$/;

export function cookiesOf(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (req.header('cookie') ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!name || out.has(name)) continue;
    try {
      out.set(name, decodeURIComponent(pair.slice(eq + 1).trim()));
    } catch {
      // A malformed value counts as absent.
    }
  }
  return out;
}

export function isTokenShaped(token: string): boolean {
  return TOKEN.test(token);
}

function secure(services: AppServices, req: Request): boolean {
  const mode = services.config.cookieSecure;
  if (mode !== 'auto') return mode === 'always';
  // req.secure follows X-Forwarded-Proto only when TRUST_PROXY trusts the sender.
  return req.secure;
}

function cookie(value: string, maxAge: number, isSecure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAge}`,
  ];
  if (isSecure) parts.push('Secure');
  return parts.join('; ');
}

export function setSessionCookie(services: AppServices, req: Request, res: Response, token: string): void {
  res.append('Set-Cookie', cookie(token, MAX_AGE_SECONDS, secure(services, req)));
}

export function clearSessionCookie(services: AppServices, req: Request, res: Response): void {
  res.append('Set-Cookie', cookie('', 0, secure(services, req)));
}

export type Session = { state: 'none' } | { state: 'invalid' } | { state: 'valid'; principal: Principal };

/** Who the cookie signs in; 'invalid' when a cookie is there but its token no longer works. */
export async function sessionOf(services: AppServices, req: Request): Promise<Session> {
  const token = cookiesOf(req).get(SESSION_COOKIE);
  if (!token) return { state: 'none' };
  if (!isTokenShaped(token)) return { state: 'invalid' };
  try {
    return { state: 'valid', principal: await principalForToken(services, token) };
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) return { state: 'invalid' };
    throw error;
  }
}

/** A form posted from another site's page carries its Origin: refuse it (login CSRF). */
export function sameOrigin(req: Request): boolean {
  const origin = req.header('origin');
  if (origin === undefined) return true; // not a browser form, or an old browser: SameSite still holds
  if (origin === 'null') return false;
  // Behind a trusted proxy the Host we see may be the upstream's; req.host is then the proxy's
  // X-Forwarded-Host (express reads it only when TRUST_PROXY trusts the sender).
  const hosts = [req.header('host'), req.host].map((x) => x?.trim().toLowerCase());
  try {
    return hosts.includes(new URL(origin).host.toLowerCase());
  } catch {
    return false;
  }
}

/** Where to go after signing in: only a path of this site (never `//host` or a full URL). */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return '/';
  }
  return next;
}
