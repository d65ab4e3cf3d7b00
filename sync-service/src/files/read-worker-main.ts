// The child process of read-worker.ts: runs one job, sends its result (or its error) back, exits.
import { recognizeTables, xmlSafeDeep } from '@cluster/shared';
import { serveOneJob } from '../child/budgeted.ts';
import { FileReadError } from './errors.ts';
import { readDocumentsFromFile } from './read-file.ts';
import type { WorkerJob, WorkerReply } from './read-worker.ts';

async function answer(job: WorkerJob): Promise<WorkerReply> {
  try {
    if (job.kind === 'call') {
      // The caller's module applies the text rule itself (it knows which strings are input).
      const mod = (await import(job.module)) as Record<string, (...args: unknown[]) => unknown>;
      return { ok: true, value: await mod[job.fn](...job.args) };
    }
    const value =
      job.kind === 'file'
        ? await readDocumentsFromFile(job.source, job.opts)
        : recognizeTables(job.grid, job.opts);
    // What a file holds enters the service here: the text rule once, before anything reads it.
    return { ok: true, value: xmlSafeDeep(value) };
  } catch (error) {
    return error instanceof FileReadError
      ? {
          ok: false,
          error: { code: error.code, file: error.file, message: error.message, limit: error.limit },
        }
      : { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
  }
}

serveOneJob(answer);
