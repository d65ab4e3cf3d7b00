// A report written to a file: first to a temporary file beside it, renamed into place when
// complete, so a failure never leaves a half-written workbook under the target's name.
import { open, rename, rm } from 'node:fs/promises';
import type { Store } from '../store/store.ts';
import { writeConsolidatedReport } from './consolidated.ts';
import type { ReportOptions, ReportTotals } from './model.ts';
import { type ReportScope, scopeKey, storeReportSource } from './store-source.ts';

export async function writeReportFile(
  store: Store,
  scope: ReportScope,
  options: ReportOptions,
  target: string,
): Promise<ReportTotals> {
  const partial = `${target}.${process.pid}.part`;
  // Opened first so that a wrong folder fails here, as a rejection, not as a stream event.
  const file = await open(partial, 'w');
  const out = file.createWriteStream();
  let failure: Error | null = null;
  out.on('error', (error) => {
    failure = error;
  });
  try {
    const totals = await writeConsolidatedReport(storeReportSource(store, scope), options, out);
    if (failure) throw failure;
    await rename(partial, target);
    await store.reportsMade.record(scopeKey(scope), options.asOf);
    return totals;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
