// Throttling with rate-limiter-flexible: failed authentications per client address (API Bearer,
// dashboard login, calendar feed; an IPv6 client by its /64) and a request budget per token (its
// API requests and its dashboard sessions' pages). On PostgreSQL the counters
// live in the store's database (table rate_limits) so every process shares them; on SQLite (one
// process) they are in memory.
import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { ThrottleConfig } from '../config.ts';
import type { AppServices } from '../services.ts';
import type { Store } from '../store/store.ts';
import { HttpError, retryAfterSeconds, tooManyRequests } from './errors.ts';

interface Limiters {
  failures: RateLimiterAbstract;
  /** Undefined when TOKEN_RATE_PER_MINUTE is 0. */
  perToken: RateLimiterAbstract | undefined;
  burst: number;
}

// One set per store (the app and every route of it see the same counters).
const limitersOf = new WeakMap<Store, Limiters>();

function limiter(store: Store, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  if (!store.pgPool) return new RateLimiterMemory({ keyPrefix, points, duration });
  return new RateLimiterPostgres({
    storeClient: store.pgPool,
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    keyPrefix,
    points,
    duration,
  });
}

function limiters(services: { config: { throttle: ThrottleConfig }; store: Store }): Limiters {
  let found = limitersOf.get(services.store);
  if (!found) {
    const t = services.config.throttle;
    found = {
      failures: limiter(services.store, 'auth-fail', t.authFailBurst, t.authFailWindowSeconds),
      perToken:
        t.tokenRatePerMinute > 0 ? limiter(services.store, 'token', t.tokenRatePerMinute, 60) : undefined,
      burst: t.authFailBurst,
    };
    limitersOf.set(services.store, found);
  }
  return found;
}

/**
 * Whom failures are counted for: an IPv4 address (also written IPv4-mapped, ::ffff:a.b.c.d), or an
 * IPv6 address's /64 — one subscriber or host gets a whole /64 and can change addresses within it
 * at will, so counting per full IPv6 address would let one attacker retry without end.
 */
export function clientKey(address: string): string {
  const plain = address.replace(/%.*$/, '');
  if (isIPv4(plain)) return plain;
  if (!isIPv6(plain)) return plain;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped) return mapped[1];
  return `${ipv6Groups(plain).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of a valid IPv6 address, without leading zeros ("::" and a dotted tail expanded). */
function ipv6Groups(address: string): string[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  let text = address.toLowerCase();
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => Number.parseInt(g, 16).toString(16));
}

/** The caller's address: express's req.ip honours TRUST_PROXY. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** A limiter's «no» is a RateLimiterRes; anything else (the database failed) is a real error. */
function rejection(error: unknown): RateLimiterRes {
  if (error instanceof RateLimiterRes) return error;
  throw error;
}

/**
 * Checks a presented secret (token, calendar key) with the address's failure budget around it: an address that used up
 * its burst gets 429 before any store lookup; a wrong token counts one failure. Success costs nothing.
 */
export async function throttledAuth<T>(
  services: Pick<AppServices, 'config' | 'store'>,
  req: Request,
  check: () => Promise<T>,
  isFailure: (error: unknown) => boolean = isUnauthorized,
): Promise<T> {
  const l = limiters(services);
  const address = clientKey(clientAddress(req));
  const spent = await l.failures.get(address);
  if (spent && spent.consumedPoints >= l.burst) {
    throw tooManyRequests(
      `Слишком много неудачных попыток входа с этого адреса; повторите через ${retryAfterSeconds(spent.msBeforeNext)} с`,
      spent.msBeforeNext,
    );
  }
  try {
    return await check();
  } catch (error) {
    if (isFailure(error)) await l.failures.consume(address).catch(rejection);
    throw error;
  }
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpError && error.status === 401;
}

/** Spends one request of the token's per-minute budget; 429 when it is used up. */
export async function spendTokenBudget(
  services: Pick<AppServices, 'config' | 'store'>,
  tokenId: string,
): Promise<void> {
  const perToken = limiters(services).perToken;
  if (!perToken) return;
  try {
    await perToken.consume(tokenId);
  } catch (error) {
    const res = rejection(error);
    throw tooManyRequests(
      `Превышен лимит запросов для токена (${services.config.throttle.tokenRatePerMinute} в минуту); повторите через ${retryAfterSeconds(res.msBeforeNext)} с`,
      res.msBeforeNext,
    );
  }
}
