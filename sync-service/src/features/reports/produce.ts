// A report as an HTTP download, planned by app/report-plan.ts. Used by the API routes and by the
// dashboard's download buttons.
import type { Response } from 'express';
import type { Principal } from '../../app/access.ts';
import { planReport, type ReportRequest, reportExtras } from '../../app/report-plan.ts';
import { writeConsolidatedReport } from '../../reports/consolidated.ts';
import type { ReportOptions } from '../../reports/model.ts';
import { scopeKey, storeReportSource } from '../../reports/store-source.ts';
import type { AppServices } from '../../services.ts';

export type { ReportRequest };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Checks access, then streams the report into the response as an attachment. */
export async function sendReport(
  services: AppServices,
  p: Principal,
  req: ReportRequest,
  res: Response,
): Promise<void> {
  const asOf = req.asOf ?? services.today();
  const plan = await planReport(services, p, req, asOf);
  const { scope, region, clusterName, fileName } = plan;
  const options: ReportOptions = {
    ...(await reportExtras(services.store, p, plan, asOf)),
    asOf,
    region,
    clusterName,
    soonDays: services.config.soonDays,
    generatedAt: new Date(),
    timeZone: services.config.timeZone,
    finished: req.finished ?? false,
    staleDays: services.config.staleDays,
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
      storeReportSource(services.store, { ...scope, plansOn: asOf }),
      options,
      res,
      gone.signal,
    );
    services.logger.info({ ...totals, region, cluster: clusterName, asOf }, 'report written');
    // The next trend of this scope starts here («change since the previous report»).
    await services.store.reportsMade.record(scopeKey(scope), asOf);
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
