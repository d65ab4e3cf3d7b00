// One job in a child process of its own, within a time budget: the shared part of the file readers'
// children (files/read-worker.ts) and the reports' (reports/report-process.ts). The child answers
// one IPC message and exits by itself; one that runs out of time is killed, and so is one that
// lingers after answering. The caller learns how it ended and words the failure itself.
import { fork, type Serializable } from 'node:child_process';

export interface ChildRun {
  /** The child's module (a .ts file Node runs as it is). */
  main: string;
  /** Its flags, explicit: the parent's own (a test runner's loaders, inspector) are not the child's. */
  execArgv: string[];
  job: Serializable;
  timeoutMs: number;
  /** Stops the child; the promise then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export type ChildOutcome<R> =
  | { kind: 'reply'; reply: R }
  | { kind: 'timeout' }
  /** Died before answering; the end of its stderr tells an out-of-heap death. */
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null; stderr: string };

/** How long a child that answered may take to exit by itself before it is killed. */
const EXIT_GRACE_MS = 5_000;

/** Runs one job; settles once the child is gone (or, after an answer, exiting on its own). */
export function runChild<R>(run: ChildRun): Promise<ChildOutcome<R>> {
  return new Promise((resolve, reject) => {
    const child = fork(run.main, [], {
      execArgv: run.execArgv,
      // Structured clone (Dates, typed arrays) instead of JSON for the job and the answer.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-4096);
    });
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      return true;
    };
    // Ends the child first, so that whatever it was writing can be removed by the caller.
    const finish = (fn: () => void) => {
      if (!settle()) return;
      if (child.exitCode !== null || child.signalCode !== null) fn();
      else {
        child.once('exit', fn);
        child.kill('SIGKILL');
      }
    };
    const onAbort = () => finish(() => reject(run.signal?.reason));
    run.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => finish(() => resolve({ kind: 'timeout' })), run.timeoutMs);
    child.once('message', (reply: R) => {
      if (!settle()) return;
      resolve({ kind: 'reply', reply });
      // It exits by itself once the answer is out; a stuck one is not left behind.
      const grace = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
      grace.unref();
      child.once('exit', () => clearTimeout(grace));
    });
    child.once('error', (error) => finish(() => reject(error)));
    child.once('exit', (code, signal) => finish(() => resolve({ kind: 'exit', code, signal, stderr })));
    child.send(run.job, (error) => {
      if (error) finish(() => reject(error));
    });
  });
}

/** The child's side: answers the one job it is sent, then lets go of the parent and exits. */
export function serveOneJob<J, R>(answer: (job: J) => Promise<R>): void {
  // A parent that is gone wants no answer.
  process.once('disconnect', () => process.exit(1));
  process.once('message', async (job: J) => {
    const reply = await answer(job);
    process.send?.(reply, () => {
      process.removeAllListeners('disconnect');
      process.disconnect();
    });
  });
}

/** At most `concurrency` at once: each waits its turn and calls the release it gets when done. */
export function turns(concurrency: number): () => Promise<() => void> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async () => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    return () => {
      running--;
      waiting.shift()?.();
    };
  };
}

/** Whether a child's stderr says it ran out of heap. */
export const outOfHeap = (stderr: string) => /heap limit|out of memory/i.test(stderr);

/** How a child that did not answer ended, in the words its callers' messages use. */
export const endedHow = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `сигнал ${signal}` : `код ${code}`;
