// Bearer tokens → who is calling. A cluster token reads and writes its own cluster; a department
// token reads the clusters of its region; an admin token may do everything.
import type { RequestHandler, Response } from 'express';
import type { AppServices } from '../services.ts';
import { forbidden, notFound, unauthorized } from './errors.ts';
import { bearerOf, hashToken, sameHash } from './tokens.ts';

export type Principal =
  | { kind: 'admin'; tokenId: string }
  | { kind: 'cluster'; tokenId: string; clusterId: string; clusterSlug: string; region: string }
  | { kind: 'department'; tokenId: string; departmentId: string; region: string };

/** The smallest view of a cluster access decisions need. */
export interface ClusterRef {
  id: string;
  slug: string;
  region: string;
}

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
  if (!found || !sameHash(found.hash, hash) || found.revokedAt) {
    throw unauthorized('Неверный или отозванный токен');
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

export function canRead(p: Principal, cluster: ClusterRef): boolean {
  if (p.kind === 'admin') return true;
  if (p.kind === 'cluster') return p.clusterId === cluster.id;
  return p.region === cluster.region;
}

export function canWrite(p: Principal, cluster: ClusterRef): boolean {
  if (p.kind === 'admin') return true;
  if (p.kind === 'cluster') return p.clusterId === cluster.id;
  return false;
}

/** The cluster by slug, or 404; 403 when the caller may not read (or write) it. */
export async function clusterFor<C extends ClusterRef>(
  services: { store: { clusters: { getBySlug(slug: string): Promise<C | null> } } },
  p: Principal,
  slug: string,
  mode: 'read' | 'write',
): Promise<C> {
  const cluster = await services.store.clusters.getBySlug(slug);
  if (!cluster) throw notFound(`Кластер «${slug}» не найден`);
  const ok = mode === 'read' ? canRead(p, cluster) : canWrite(p, cluster);
  if (!ok) {
    throw forbidden(
      mode === 'write'
        ? `Этот токен не может изменять данные кластера «${slug}»`
        : `Этот токен не даёт доступа к кластеру «${slug}»`,
    );
  }
  return cluster;
}
