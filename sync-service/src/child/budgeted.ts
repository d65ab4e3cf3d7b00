// One job in a child process of its own, within a time and heap budget: the shared part of the file
// readers' children (files/read-worker.ts) and the reports' (reports/report-process.ts). The child
// answers one IPC message (ChildReply: the job's value or its error) and exits by itself; one that
// runs out of time is killed, and so is one that lingers after answering. A child that gives no
// answer failed in one of three ways (ChildFailure, fork.ts), labelled and worded there once for
// every child of the service.
import type { Serializable } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { type ChildFailure, forkChild, onChildEnd } from './fork.ts';

export interface ChildBudget {
  /** Wall-clock time the job may take; then the child is killed. */
  timeoutMs: number;
  /** V8 old-generation heap of the child (--max-old-space-size), MB. */
  memoryMb: number;
}

export interface ChildRun {
  /** The child's module (a .ts file Node runs as it is). */
  main: string;
  /**
   * Its flags besides the heap cap and the warnings (runChild sets those), explicit: the parent's
   * own (a test runner's loaders, inspector) are not the child's.
   */
  execArgv: string[];
  job: Serializable;
  budget: ChildBudget;
  /** Stops the child; the promise then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * An error the job threw in the child, as it crosses to the parent (its class does not cross):
 * the parent rebuilds its own class from the name and code.
 */
export interface ChildError {
  name: string;
  message: string;
  code?: string | undefined;
  file?: string | undefined;
  limit?: string | undefined;
}

/** What a child answers: the job's value, or the error it threw. */
export type ChildReply<V> = { ok: true; value: V } | { ok: false; error: ChildError };

export type ChildOutcome<V> =
  | { kind: 'reply'; reply: ChildReply<V> }
  | { kind: 'failed'; failure: ChildFailure };

/** How long a child that answered may take to exit by itself before it is killed. */
const EXIT_GRACE_MS = 5_000;

/** Runs one job; settles once the child is gone (or, after an answer, exiting on its own). */
export function runChild<V>(run: ChildRun): Promise<ChildOutcome<V>> {
  return new Promise((resolve, reject) => {
    const { timeoutMs, memoryMb } = run.budget;
    // Its heap cap from the budget, then the caller's flags.
    const forked = forkChild(run.main, [`--max-old-space-size=${memoryMb}`, ...run.execArgv]);
    const child = forked.process;
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
    const failed = (failure: ChildFailure) => resolve({ kind: 'failed', failure });
    const timer = setTimeout(() => finish(() => failed({ limit: 'time', timeoutMs })), timeoutMs);
    child.once('message', (reply: ChildReply<V>) => {
      if (!settle()) return;
      resolve({ kind: 'reply', reply });
      // It exits by itself once the answer is out; a stuck one is not left behind.
      const grace = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
      grace.unref();
      child.once('exit', () => clearTimeout(grace));
    });
    child.once('error', (error) => finish(() => reject(error)));
    onChildEnd(forked, memoryMb, (failure) => finish(() => failed(failure)));
    child.send(run.job, (error) => {
      if (error) finish(() => reject(error));
    });
  });
}

/**
 * The child's side: answers the one job it is sent (its value, or the error it threw), then lets
 * go of the parent and exits.
 */
export function serveOneJob<J, V>(answer: (job: J) => Promise<V>): void {
  // A parent that is gone wants no answer.
  process.once('disconnect', () => process.exit(1));
  process.once('message', async (job: J) => {
    let reply: ChildReply<V>;
    try {
      reply = { ok: true, value: await answer(job) };
    } catch (error) {
      reply = { ok: false, error: childError(error) };
    }
    process.send?.(reply, () => {
      process.removeAllListeners('disconnect');
      process.disconnect();
    });
  });
}

function childError(error: unknown): ChildError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof e[key] === 'string' ? e[key] : undefined);
  return {
    name: text('name') ?? 'Error',
    message: text('message') ?? String(error),
    code: text('code'),
    file: text('file'),
    limit: text('limit'),
  };
}

/**
 * Children of one kind at once: at most `most`, and no more than the cores less the service's own
 * (at least one). Each waits its turn and calls the release it gets when done.
 */
export function childTurns(most: number): () => Promise<() => void> {
  const concurrency = Math.max(1, Math.min(most, availableParallelism() - 1));
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
