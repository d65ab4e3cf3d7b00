// Functions for callInWorker (files/read-worker.ts) that end their child without an answer and
// without going near its heap cap: the ways a child crashes.

/** Dies by SIGABRT, as a native assertion would. */
export function abort(): never {
  process.abort();
}

/** Exits with `code` before answering. */
export function exitWith(code: number): never {
  process.exit(code);
}
