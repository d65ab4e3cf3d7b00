// Report planning: who gets which report (a department reads its region, a cluster its own
// cluster, an admin any region or cluster), its scope in the store and its file name.
import type { AppServices } from '../services.ts';
import { type ClusterRef, clusterFor, type Principal, readableScope } from './access.ts';
import { forbidden, invalid, notFound } from './errors.ts';

export interface ReportRequest {
  kind: 'consolidated' | 'cluster';
  region?: string | undefined;
  cluster?: string | undefined;
  asOf?: string | undefined;
  /** Also list the plans finished by the report's date (with their final tally). */
  finished?: boolean | undefined;
}

export interface ReportPlan {
  scope: { region?: string; clusterSlugs?: string[] };
  region: string | null;
  clusterName: string | null;
  fileName: string;
}

export async function planReport(
  services: Pick<AppServices, 'store'>,
  p: Principal,
  req: ReportRequest,
  asOf: string,
): Promise<ReportPlan> {
  if (req.kind === 'cluster') {
    const slug = req.cluster ?? (p.kind === 'cluster' ? p.clusterSlug : undefined);
    if (!slug)
      throw invalid('Укажите кластер: параметр cluster', [
        { path: 'query.cluster', message: 'нужен slug кластера' },
      ]);
    const cluster = await clusterFor<ClusterRef & { name: string }>(services, p, slug, 'read');
    return {
      scope: { clusterSlugs: [cluster.slug] },
      region: cluster.region,
      clusterName: cluster.name,
      fileName: `otchet-${cluster.slug}-${asOf}.xlsx`,
    };
  }
  if (p.kind === 'cluster') {
    throw forbidden(
      'Сводный отчёт доступен департаменту или администратору; кластеру — отчёт по своему кластеру (cluster.xlsx)',
    );
  }
  const fileName = `svodnyj-otchet-${asOf}.xlsx`;
  if (p.kind === 'department') {
    if (req.region && req.region !== p.region)
      throw forbidden(`Этот токен не даёт доступа к региону «${req.region}»`);
    return { scope: readableScope(p), region: p.region, clusterName: null, fileName };
  }
  const region = req.region ?? null;
  if (region) {
    // A mistyped region would otherwise give an empty report that looks like a real one.
    const regions = (await services.store.regions.list()).map((r) => r.name);
    if (!regions.includes(region)) {
      throw notFound(
        `Регион «${region}» не найден${regions.length ? `; регионы: ${regions.join(', ')}` : ''}`,
      );
    }
  }
  return {
    scope: region ? { region } : {},
    region,
    clusterName: null,
    fileName,
  };
}
