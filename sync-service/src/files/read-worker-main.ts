// The worker thread of read-worker.ts: runs one job and posts its result (or its error) back.
import { parentPort, workerData } from 'node:worker_threads';
import { recognizeTables, xmlSafeDeep } from '@cluster/shared';
import { FileReadError } from './errors.ts';
import { readDocumentsFromFile } from './read-file.ts';
import type { WorkerJob, WorkerReply } from './read-worker.ts';

const job = workerData as WorkerJob;
let reply: WorkerReply;
try {
  const value =
    job.kind === 'file'
      ? await readDocumentsFromFile(job.source, job.opts)
      : recognizeTables(job.grid, job.opts);
  // What a file holds enters the service here: the text rule once, before anything reads it.
  reply = { ok: true, value: xmlSafeDeep(value) };
} catch (error) {
  reply =
    error instanceof FileReadError
      ? {
          ok: false,
          error: { code: error.code, file: error.file, message: error.message, limit: error.limit },
        }
      : { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
}
parentPort?.postMessage(reply);
