// File reading off the request thread: each read (parse + recognition) runs in its own worker
// thread with a time and memory budget, so a big or hostile file neither blocks the event loop
// nor takes the process down. A worker that blows its budget is ended and the caller gets a
// FileReadError('budget'). At most `concurrency` workers run at once; others wait their turn.
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Grid, RecognizeOptions } from '@cluster/shared';
import { FileReadError, type FileReadErrorCode } from './errors.ts';
import type { FileDocuments, FileSource, ReadFileOptions } from './read-file.ts';

export interface WorkerBudget {
  /** Wall-clock time one read may take. */
  timeoutMs: number;
  /** V8 old-generation heap of the worker (resourceLimits.maxOldGenerationSizeMb). */
  memoryMb: number;
}

export const DEFAULT_BUDGET: WorkerBudget = { timeoutMs: 60_000, memoryMb: 768 };

/** A job the worker understands (see read-worker-main.ts). */
export type WorkerJob =
  | { kind: 'file'; source: FileSource; opts: ReadFileOptions }
  | { kind: 'grid'; grid: Grid; opts: RecognizeOptions };

export type WorkerReply =
  | { ok: true; value: unknown }
  | { ok: false; error: { code?: FileReadErrorCode; file?: string; message: string; limit?: string } };

const MAIN = new URL('./read-worker-main.ts', import.meta.url);

let running = 0;
const waiting: (() => void)[] = [];
const concurrency = Math.max(1, Math.min(4, availableParallelism() - 1));

async function turn(): Promise<() => void> {
  if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** readDocumentsFromFile in a worker thread, within the budget. */
export async function readDocumentsInWorker(
  source: FileSource,
  opts: ReadFileOptions,
  budget: WorkerBudget = DEFAULT_BUDGET,
): Promise<FileDocuments> {
  const name = basename(typeof source === 'string' ? source : source.name);
  return (await run({ kind: 'file', source, opts }, name, budget)) as FileDocuments;
}

/** recognizeTables of one sheet's grid in a worker thread (large syncs), within the budget. */
export async function recognizeGridInWorker(
  grid: Grid,
  opts: RecognizeOptions,
  budget: WorkerBudget = DEFAULT_BUDGET,
): Promise<ReturnType<typeof import('@cluster/shared').recognizeTables>> {
  return (await run({ kind: 'grid', grid, opts }, opts.sheetName ?? 'лист', budget)) as never;
}

async function run(job: WorkerJob, name: string, budget: WorkerBudget): Promise<unknown> {
  const release = await turn();
  try {
    return await new Promise((resolve, reject) => {
      const worker = new Worker(MAIN, {
        workerData: job,
        resourceLimits: {
          maxOldGenerationSizeMb: budget.memoryMb,
          maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(budget.memoryMb / 16))),
        },
        stdout: false,
        stderr: false,
      });
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new FileReadError(
                'budget',
                name,
                `файл ${name} не прочитан: чтение заняло больше ${Math.round(budget.timeoutMs / 1000)} с и остановлено`,
                { limit: 'time' },
              ),
            ),
          ),
        budget.timeoutMs,
      );
      worker.once('message', (reply: WorkerReply) =>
        finish(() => {
          if (reply.ok) resolve(reply.value);
          else reject(rebuild(reply.error, name));
        }),
      );
      worker.once('error', (error: Error & { code?: string }) =>
        finish(() => {
          if (error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap|memory/i.test(error.message)) {
            reject(
              new FileReadError(
                'budget',
                name,
                `файл ${name} не прочитан: на чтение не хватило отведённой памяти (${budget.memoryMb} МБ)`,
                { limit: 'memory', cause: error },
              ),
            );
          } else reject(error);
        }),
      );
      worker.once('exit', (code) =>
        finish(() =>
          reject(
            new FileReadError('budget', name, `файл ${name} не прочитан: чтение прервано (код ${code})`, {
              limit: 'memory',
            }),
          ),
        ),
      );
    });
  } finally {
    release();
  }
}

function rebuild(error: Extract<WorkerReply, { ok: false }>['error'], name: string): Error {
  if (error.code)
    return new FileReadError(error.code, error.file ?? name, error.message, { limit: error.limit });
  return new Error(error.message);
}
