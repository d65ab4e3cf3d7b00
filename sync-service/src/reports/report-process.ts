// Reports off the service's process: each report is written by a child process of its own
// (report-process-main.ts) into a temporary file, which the caller then sends. The child runs with
// a bounded young generation (a long, allocation-heavy run otherwise grows it to ~128 MB, see
// config.ts) and a heap cap, within a time budget; one that dies or overruns fails alone, as a
// ReportProcessError, and the service goes on. A process, not a worker thread: see
// files/read-worker.ts for why a worker's overrun can take the whole process down.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildError, childTurns, runChild } from '../child/budgeted.ts';
import { type ChildFailure, failureWords } from '../child/fork.ts';
import type { ReportProcessConfig } from '../config.ts';
import { StoreError, type StoreErrorCode } from '../store/errors.ts';
import type { StoreConfig } from '../store/types.ts';
import type { ReportOptions, ReportTotals } from './model.ts';
import type { ReportScope } from './store-source.ts';

export interface ReportJob {
  store: Pick<StoreConfig, 'dataDir' | 'databaseUrl'>;
  scope: ReportScope;
  options: ReportOptions;
  /** The file the child writes (removed by the child on its own failure, by the parent on others). */
  target: string;
}

/** What a child made: the writer's totals and the child's peak RSS (the kernel's maxRSS), MB. */
export interface ReportMade {
  totals: ReportTotals;
  peakRssMb: number;
}

/** The child crashed or overran its budget: the report was not made, the service is fine. */
export class ReportProcessError extends Error {
  readonly limit: ChildFailure['limit'];
  constructor(failure: ChildFailure) {
    // A smaller report fits the budget; a crash is worth another try.
    const advice =
      failure.limit === 'crash'
        ? 'Попробуйте ещё раз'
        : 'Запросите отчёт поменьше (по региону или кластеру) или обратитесь к администратору';
    super(`Отчёт не подготовлен: ${failureWords(failure, 'отчёта')}. ${advice}`);
    this.name = 'ReportProcessError';
    this.limit = failure.limit;
  }
}

const MAIN = fileURLToPath(new URL('./report-process-main.ts', import.meta.url));

/** The flags a report's child runs with besides its heap cap (runChild sets that from the budget). */
export function reportExecArgv(budget: Pick<ReportProcessConfig, 'semiSpaceMb'>): string[] {
  return [`--max-semi-space-size=${budget.semiSpaceMb}`];
}

// A few hundred MB each at national scale: at most this many at once, the rest wait their turn.
const childTurn = childTurns(2);

/** A fresh temporary file name for a report in the configured folder. */
export function reportTempFile(budget: Pick<ReportProcessConfig, 'tmpDir'>): string {
  return join(budget.tmpDir, `cluster-sync-report-${randomUUID()}.xlsx`);
}

/**
 * Writes the report of `job` into `job.target` in a child process within the budget. On any
 * failure (or `signal`) the child is stopped and the file removed.
 */
export async function writeReportInChild(
  job: ReportJob,
  budget: ReportProcessConfig,
  signal?: AbortSignal,
): Promise<ReportMade> {
  const release = await childTurn();
  try {
    signal?.throwIfAborted();
    return await runReportChild(job, budget, signal);
  } catch (error) {
    await rm(job.target, { force: true });
    throw error;
  } finally {
    release();
  }
}

async function runReportChild(
  job: ReportJob,
  budget: ReportProcessConfig,
  signal?: AbortSignal,
): Promise<ReportMade> {
  const end = await runChild<ReportMade>({
    main: MAIN,
    execArgv: reportExecArgv(budget),
    job,
    budget,
    signal,
  });
  if (end.kind === 'failed') throw new ReportProcessError(end.failure);
  if (end.reply.ok) return end.reply.value;
  throw rebuild(end.reply.error);
}

/** The child's error as the caller would have seen it in-process. */
function rebuild(error: ChildError): Error {
  if (error.name === 'StoreError' && error.code)
    return new StoreError(error.code as StoreErrorCode, error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
