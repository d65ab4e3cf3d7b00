// The child process of report-process.ts: opens the store itself (its own SQLite connection, WAL
// lets it read beside the service; or its own PostgreSQL pool) without migrating it (the service
// did; so no write lock waits behind a sync), writes one report to the file it is given, answers
// with the totals (or the error) and exits.
import { serveOneJob } from '../child/budgeted.ts';
import { openStore } from '../store/store.ts';
import { writeReportTo } from './file.ts';
import type { ReportJob, ReportMade } from './report-process.ts';

async function answer(job: ReportJob): Promise<ReportMade> {
  const store = await openStore({ ...job.store, poolSize: 2, alreadyMigrated: true, offThreadReads: false });
  try {
    const totals = await writeReportTo(store, job.scope, job.options, job.target);
    return { totals, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  } finally {
    await store.close();
  }
}

serveOneJob(answer);
