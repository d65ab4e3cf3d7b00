// Bearer tokens → who is calling (the access rules themselves are app/access.ts).
import type { RequestHandler, Response } from 'express';

export {
  actorOf,
  type ClusterRef,
  canRead,
  canWrite,
  clusterFor,
  type Principal,
  readableScope,
} from '../app/access.ts';

import type { Principal } from '../app/access.ts';
import type { AppServices } from '../services.ts';
import type { TokenRecord } from '../store/types.ts';
import { forbidden, unauthorized } from './errors.ts';
import { bearerOf, hashToken, sameHash } from './tokens.ts';

/** Checks the Bearer token; puts the caller in res.locals.principal or answers 401. */
export function authenticate(services: Pick<AppServices, 'store'>): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = bearerOf(req.header('authorization'));
      if (!token) throw unauthorized();
      res.locals.principal = await principalForToken(services, token);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The caller a presented token stands for (the API's Bearer, the dashboard's cookie); 401 otherwise. */
export async function principalForToken(
  services: Pick<AppServices, 'store'>,
  token: string,
): Promise<Principal> {
  const hash = hashToken(token);
  const found = await services.store.tokens.findByHash(hash);
  if (!found || !sameHash(found.hash, hash)) throw unauthorized('Неверный или отозванный токен');
  return principalOfRecord(services, found);
}

/** The caller a stored token stands for, if it still works (not revoked, not expired). */
export async function principalOfRecord(
  services: Pick<AppServices, 'store'>,
  found: TokenRecord,
): Promise<Principal> {
  if (found.revokedAt) throw unauthorized('Неверный или отозванный токен');
  const now = new Date().toISOString();
  if (found.expiresAt && found.expiresAt <= now) throw unauthorized('Срок действия токена истёк');
  // Last use to the minute: one write a minute per token, not one per request.
  if (!found.lastUsedAt || found.lastUsedAt.slice(0, 16) !== now.slice(0, 16)) {
    await services.store.tokens.touch(found.id, now);
  }
  return principalOf(services, found);
}

async function principalOf(
  services: Pick<AppServices, 'store'>,
  token: { id: string; kind: string; clusterId: string | null; departmentId: string | null },
): Promise<Principal> {
  if (token.kind === 'admin') return { kind: 'admin', tokenId: token.id };
  if (token.kind === 'cluster' && token.clusterId) {
    const cluster = await services.store.clusters.getById(token.clusterId);
    if (cluster) {
      return {
        kind: 'cluster',
        tokenId: token.id,
        clusterId: cluster.id,
        clusterSlug: cluster.slug,
        region: cluster.region,
      };
    }
  }
  if (token.kind === 'department' && token.departmentId) {
    const department = await services.store.departments.getById(token.departmentId);
    if (department) {
      return {
        kind: 'department',
        tokenId: token.id,
        departmentId: department.id,
        region: department.region,
      };
    }
  }
  throw unauthorized('Токен больше недействителен: его кластер или департамент удалён');
}

export function principal(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw unauthorized();
  return p;
}

export const requireAdmin: RequestHandler = (_req, res, next) => {
  const p = res.locals.principal as Principal | undefined;
  if (!p) next(unauthorized());
  else if (p.kind !== 'admin') next(forbidden('Нужен токен администратора'));
  else next();
};
