// Report planning: who gets which report (a department reads its region, a cluster its own
// cluster, an admin any region or cluster), its scope in the store and its file name.
import type { AppServices } from '../services.ts';
import type { Store } from '../store/api.ts';
import type { DepartmentSettings } from '../store/types.ts';
import { type ClusterRef, clusterFor, type Principal, readableScope } from './access.ts';
import { forbidden, invalid, notFound } from './errors.ts';
import { trendStart } from './trend-scope.ts';

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

/** The addressee and signer for a report: the reading department's, else the region's only one. */
export async function reportLetter(
  store: Pick<Store, 'departments'>,
  p: Principal | null,
  region: string | null,
): Promise<DepartmentSettings | null> {
  if (p?.kind === 'department') return (await store.departments.getById(p.departmentId))?.settings ?? null;
  if (!region) return null;
  const inRegion = await store.departments.list({ region });
  return inRegion.length === 1 ? inRegion[0].settings : null;
}

/** What a report adds to its plan: the letter block and where «изменение с …» starts. */
export async function reportExtras(
  store: Pick<Store, 'departments' | 'reportsMade'>,
  p: Principal | null,
  plan: Pick<ReportPlan, 'scope' | 'region'>,
  asOf: string,
) {
  const start = await trendStart(store, plan.scope, asOf);
  return {
    letter: await reportLetter(store, p, plan.region),
    since: { day: start.since, previousReport: start.previousReport },
  };
}
