// Who gets which report: a department reads its region, a cluster its own cluster, an admin any
// region or cluster. Used by the API routes and by the dashboard's download buttons.
import type { Response } from 'express';
import { type ClusterRef, clusterFor, type Principal } from '../../http/auth.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { writeConsolidatedReport } from '../../reports/consolidated.ts';
import type { ReportOptions } from '../../reports/model.ts';
import { storeReportSource } from '../../reports/store-source.ts';
import type { AppServices } from '../../services.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ReportRequest {
  kind: 'consolidated' | 'cluster';
  region?: string | undefined;
  cluster?: string | undefined;
  asOf?: string | undefined;
}

interface Plan {
  scope: { region?: string; clusterSlugs?: string[] };
  region: string | null;
  clusterName: string | null;
  fileName: string;
}

async function plan(services: AppServices, p: Principal, req: ReportRequest, asOf: string): Promise<Plan> {
  if (req.kind === 'cluster') {
    const slug = req.cluster ?? (p.kind === 'cluster' ? p.clusterSlug : undefined);
    if (!slug)
      throw badRequest('Укажите кластер: параметр cluster', [
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
  let region = req.region ?? null;
  if (p.kind === 'department') {
    if (region && region !== p.region) throw forbidden(`Этот токен не даёт доступа к региону «${region}»`);
    region = p.region;
  } else if (region) {
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
    fileName: `svodnyj-otchet-${asOf}.xlsx`,
  };
}

/** Checks access, then streams the report into the response as an attachment. */
export async function sendReport(
  services: AppServices,
  p: Principal,
  req: ReportRequest,
  res: Response,
): Promise<void> {
  const asOf = req.asOf ?? services.today();
  const { scope, region, clusterName, fileName } = await plan(services, p, req, asOf);
  const options: ReportOptions = {
    asOf,
    region,
    clusterName,
    soonDays: services.config.soonDays,
    generatedAt: new Date(),
    timeZone: services.config.timeZone,
  };
  res.status(200);
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  // A client that goes away mid-download stops the report (its wait for the zip would never end).
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort(new Error('клиент закрыл соединение'));
  });
  try {
    const totals = await writeConsolidatedReport(
      storeReportSource(services.store, scope),
      options,
      res,
      gone.signal,
    );
    services.logger.info({ ...totals, region, cluster: clusterName, asOf }, 'report written');
  } catch (error) {
    // Nothing sent yet (the store failed before the first row): an ordinary error answer.
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Type');
      throw error;
    }
    if (gone.signal.aborted) {
      services.logger.info({ region, cluster: clusterName, asOf }, 'report abandoned: the client left');
      return;
    }
    // The zip has started: an error can no longer become a JSON answer, so cut the download short.
    services.logger.error({ err: error }, 'report failed');
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
