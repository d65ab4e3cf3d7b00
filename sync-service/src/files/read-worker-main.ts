// The child process of read-worker.ts: runs one job; serveOneJob sends its result (or its error) back.
import { recognizeTables, xmlSafeDeep } from '@cluster/shared';
import { serveOneJob } from '../child/budgeted.ts';
import { readDocumentsFromFile } from './read-file.ts';
import type { WorkerJob } from './read-worker.ts';

async function answer(job: WorkerJob): Promise<unknown> {
  if (job.kind === 'call') {
    // The caller's module applies the text rule itself (it knows which strings are input).
    const mod = (await import(job.module)) as Record<string, (...args: unknown[]) => unknown>;
    return await mod[job.fn](...job.args);
  }
  const value =
    job.kind === 'file'
      ? await readDocumentsFromFile(job.source, job.opts)
      : recognizeTables(job.grid, job.opts);
  // What a file holds enters the service here: the text rule once, before anything reads it.
  return xmlSafeDeep(value);
}

serveOneJob(answer);
