// The dashboard's sign-in: the cookie (HttpOnly, SameSite=Strict, Path=/, Secure over https, also
// behind a proxy TRUST_PROXY trusts) holds a random session id, stored hashed server-side and bound
// to the token that signed in. Every request checks the session (idle limit SESSION_IDLE_HOURS) and
// its token the same way as the API's Bearer token, so logout or a revoked token ends it at once. SameSite=Strict is the CSRF defence; the only POSTs (sign-in
// and sign-out) also refuse another site's Origin.
import type { Request, Response } from 'express';
import { type Principal, principalOfRecord } from '../../http/auth.ts';
import { HttpError } from '../../http/errors.ts';
import type { AppServices } from '../../services.ts';

export const SESSION_COOKIE = 'cluster_session';
/** What a token (or a session id) looks like (the characters a Bearer token may have). */
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

const idleMs = (services: AppServices) => services.config.sessionIdleHours * 3_600_000;

/** Opens a session for the signed-in token and sets its cookie. */
export async function startSession(
  services: AppServices,
  req: Request,
  res: Response,
  tokenId: string,
): Promise<void> {
  const id = await services.store.sessions.create(tokenId);
  // Now and then, sessions long idle are swept (each is refused when seen anyway).
  if (Math.random() < 0.05)
    await services.store.sessions.endIdle(new Date(Date.now() - idleMs(services)).toISOString());
  res.append('Set-Cookie', cookie(id, Math.round(idleMs(services) / 1000), secure(services, req)));
}

/** Ends the session the cookie names (logout) and clears the cookie. */
export async function endSession(services: AppServices, req: Request, res: Response): Promise<void> {
  const id = cookiesOf(req).get(SESSION_COOKIE);
  if (id && isTokenShaped(id)) await services.store.sessions.end(id);
  clearSessionCookie(services, req, res);
}

export function clearSessionCookie(services: AppServices, req: Request, res: Response): void {
  res.append('Set-Cookie', cookie('', 0, secure(services, req)));
}

export type Session = { state: 'none' } | { state: 'invalid' } | { state: 'valid'; principal: Principal };

/** Who the cookie signs in; 'invalid' when a cookie is there but its token no longer works. */
export async function sessionOf(services: AppServices, req: Request): Promise<Session> {
  const id = cookiesOf(req).get(SESSION_COOKIE);
  if (!id) return { state: 'none' };
  if (!isTokenShaped(id)) return { state: 'invalid' };
  const { sessions, tokens } = services.store;
  const session = await sessions.find(id);
  if (!session) return { state: 'invalid' };
  const now = Date.now();
  if (Date.parse(session.lastSeenAt) + idleMs(services) <= now) {
    await sessions.end(id);
    return { state: 'invalid' };
  }
  const token = await tokens.getById(session.tokenId);
  if (!token) return { state: 'invalid' };
  try {
    const principal = await principalOfRecord(services, token);
    // Idle time is counted to the minute: one write a minute per session.
    const at = new Date(now).toISOString();
    if (session.lastSeenAt.slice(0, 16) !== at.slice(0, 16)) await sessions.touch(id, at);
    return { state: 'valid', principal };
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
