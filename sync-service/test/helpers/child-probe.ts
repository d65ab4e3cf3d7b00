// A function for callInWorker (files/read-worker.ts) that tells how its child was started.

import { getCompileCacheDir } from 'node:module';

/** The child's compile cache folder (undefined when the cache is off). */
export function compileCacheDir(): string | undefined {
  return getCompileCacheDir();
}
