// A report written to a file: first to a temporary file beside it, renamed into place when
// complete, so a failure never leaves a half-written workbook under the target's name.
import { open, rename, rm } from 'node:fs/promises';
import type { Store } from '../store/store.ts';
import { writeConsolidatedReport } from './consolidated.ts';
import type { ReportOptions, ReportTotals } from './model.ts';
import { type ReportScope, scopeKey, storeReportSource } from './store-source.ts';

/** The report written to `path` as it is (no rename, nothing recorded); `path` is removed on failure. */
export async function writeReportTo(
  store: Store,
  scope: ReportScope,
  options: ReportOptions,
  path: string,
): Promise<ReportTotals> {
  // Opened first so that a wrong folder fails here, as a rejection, not as a stream event.
  const file = await open(path, 'w');
  const out = file.createWriteStream();
  let failure: Error | null = null;
  out.on('error', (error) => {
    failure = error;
  });
  try {
    const totals = await writeConsolidatedReport(storeReportSource(store, scope), options, out);
    if (failure) throw failure;
    return totals;
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

export async function writeReportFile(
  store: Store,
  scope: ReportScope,
  options: ReportOptions,
  target: string,
): Promise<ReportTotals> {
  const partial = `${target}.${process.pid}.part`;
  const totals = await writeReportTo(store, scope, options, partial);
  try {
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await store.reportsMade.record(scopeKey(scope), options.asOf);
  return totals;
}
