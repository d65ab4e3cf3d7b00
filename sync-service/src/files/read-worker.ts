// File reading off the request thread: each read (parse + recognition) runs in a child process of
// its own with a time and memory budget, so a big or hostile file neither blocks the event loop
// nor takes the service down. A process, not a worker thread: ending a worker (terminate(), or a
// resourceLimits overrun) tears a V8 isolate down inside the service's own process, and under load
// Node 24 aborted the whole process doing so ("Check failed: jit_page.has_value()": V8's JIT page
// registry is shared by all isolates of a process); a worker's heap overrun can also abort the
// process outright (nodejs/node#65019). A child that overruns its budget dies alone.
// A child that answers exits by itself; it is killed only when it runs out of time.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Grid, RecognizeOptions } from '@cluster/shared';
import { type ChildBudget, type ChildError, childTurns, runChild } from '../child/budgeted.ts';
import { failureWords } from '../child/fork.ts';
import { FileReadError, type FileReadErrorCode } from './errors.ts';
import type { FileDocuments, FileSource, ReadFileOptions } from './read-file.ts';

/** The time and heap one read may take. */
export const DEFAULT_BUDGET: ChildBudget = { timeoutMs: 60_000, memoryMb: 768 };

/** A job the child understands (see read-worker-main.ts). */
export type WorkerJob =
  | { kind: 'file'; source: FileSource; opts: ReadFileOptions }
  | { kind: 'grid'; grid: Grid; opts: RecognizeOptions }
  /** A pure function exported by a module of this service, called with structured-clone arguments. */
  | { kind: 'call'; module: string; fn: string; args: unknown[] };

const MAIN = fileURLToPath(new URL('./read-worker-main.ts', import.meta.url));

const childTurn = childTurns(4);

/** readDocumentsFromFile in a child process, within the budget. */
export async function readDocumentsInWorker(
  source: FileSource,
  opts: ReadFileOptions,
  budget: ChildBudget = DEFAULT_BUDGET,
): Promise<FileDocuments> {
  const name = basename(typeof source === 'string' ? source : source.name);
  return (await runJob({ kind: 'file', source, opts }, name, budget)) as FileDocuments;
}

/** recognizeTables of one sheet's grid in a child process (large syncs), within the budget. */
export async function recognizeGridInWorker(
  grid: Grid,
  opts: RecognizeOptions,
  budget: ChildBudget = DEFAULT_BUDGET,
): Promise<ReturnType<typeof import('@cluster/shared').recognizeTables>> {
  return (await runJob({ kind: 'grid', grid, opts }, opts.sheetName ?? 'лист', budget)) as never;
}

/**
 * `fn` of `module` (a file URL) called in a child process within the budget: for CPU-heavy pure work
 * of other layers (a large sync's reading). `name` is what a budget error names.
 */
export async function callInWorker(
  module: string,
  fn: string,
  args: unknown[],
  name: string,
  budget: ChildBudget = DEFAULT_BUDGET,
): Promise<unknown> {
  return runJob({ kind: 'call', module, fn, args }, name, budget);
}

/** Runs one job in a child process within the budget. */
async function runJob(job: WorkerJob, name: string, budget: ChildBudget): Promise<unknown> {
  const release = await childTurn();
  try {
    const end = await runChild<unknown>({
      main: MAIN,
      execArgv: [`--max-semi-space-size=${Math.min(32, Math.max(4, Math.floor(budget.memoryMb / 48)))}`],
      job,
      budget,
    });
    if (end.kind === 'failed') {
      const { failure } = end;
      const message = `файл ${name} не прочитан: ${failureWords(failure, 'чтения')}`;
      throw new FileReadError('budget', name, message, { limit: failure.limit });
    }
    if (end.reply.ok) return end.reply.value;
    throw rebuild(end.reply.error, name);
  } finally {
    release();
  }
}

/** The child's error as the caller would have seen it in-process. */
function rebuild(error: ChildError, name: string): Error {
  if (error.name === 'FileReadError' && error.code)
    return new FileReadError(error.code as FileReadErrorCode, error.file ?? name, error.message, {
      limit: error.limit,
    });
  return new Error(error.message);
}
