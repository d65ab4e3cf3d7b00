// A report as an HTTP download, planned by app/report-plan.ts and written by a child process of its
// own (reports/report-process.ts) into a temporary file that is then sent and removed. Used by
// the API routes and by the dashboard's download buttons.
import { open, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { Principal } from '../../app/access.ts';
import { AppError } from '../../app/errors.ts';
import { planReport, type ReportRequest, reportExtras } from '../../app/report-plan.ts';
import type { ReportOptions } from '../../reports/model.ts';
import {
  type ReportMade,
  ReportProcessError,
  reportTempFile,
  writeReportInChild,
} from '../../reports/report-process.ts';
import { scopeKey } from '../../reports/store-source.ts';
import type { AppServices } from '../../services.ts';

export type { ReportRequest };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Checks access, has the report written off the service's process, then sends it as an attachment. */
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
  // A client that goes away stops the report (its child) or its sending.
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort(new Error('клиент закрыл соединение'));
  });
  const target = reportTempFile(services.config.report);
  try {
    let made: ReportMade;
    try {
      made = await writeReportInChild(
        {
          store: { dataDir: services.config.dataDir, databaseUrl: services.config.databaseUrl },
          scope: { ...scope, plansOn: asOf },
          options,
          target,
        },
        services.config.report,
        gone.signal,
      );
    } catch (error) {
      if (gone.signal.aborted) {
        services.logger.info({ region, cluster: clusterName, asOf }, 'report abandoned: the client left');
        return;
      }
      // Nothing is sent yet: every failure is an ordinary error answer.
      if (error instanceof ReportProcessError) {
        services.logger.error({ err: error, region, cluster: clusterName, asOf }, 'report process failed');
        throw new AppError('unavailable', error.message, { reason: 'report_failed' });
      }
      throw error;
    }
    services.logger.info(
      { ...made.totals, peakRssMb: made.peakRssMb, region, cluster: clusterName, asOf },
      'report written',
    );
    // The next trend of this scope starts here («change since the previous report»): recorded once
    // the workbook is whole, before it is sent, so that a reader who has it sees the new start.
    await services.store.reportsMade.record(scopeKey(scope), asOf);
    await sendFile(services, target, fileName, res, gone.signal);
  } finally {
    await rm(target, { force: true });
  }
}

/** The finished workbook as the answer; a failure while sending cuts the download short. */
async function sendFile(
  services: AppServices,
  path: string,
  fileName: string,
  res: Response,
  gone: AbortSignal,
): Promise<void> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    res.status(200);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Content-Length', String(size));
    res.setHeader('Cache-Control', 'no-store');
    await pipeline(file.createReadStream({ autoClose: false }), res);
  } catch (error) {
    if (gone.aborted) {
      services.logger.info({ fileName }, 'report abandoned: the client left');
      return;
    }
    services.logger.error({ err: error }, 'report failed');
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    await file.close();
  }
}
