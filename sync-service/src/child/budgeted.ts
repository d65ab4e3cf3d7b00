// One job in a child process of its own, within a time and heap budget: the shared part of the file
// readers' children (files/read-worker.ts) and the reports' (reports/report-process.ts). The child
// answers one IPC message (ChildReply: the job's value or its error) and exits by itself; one that
// runs out of time is killed, and so is one that lingers after answering. A child that gives no
// answer failed in one of three ways (ChildFailure), labelled and worded here once for every caller.
import { fork, type Serializable } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
 * How a child that gave no answer failed: `time` — the budget's time ran out and it was killed;
 * `memory` — it hit its heap cap (V8 says so on stderr: "Reached heap limit", "out of memory");
 * `crash` — anything else (a signal that was not ours, an exit code without an answer).
 */
export type ChildFailure =
  | { limit: 'time'; timeoutMs: number }
  | { limit: 'memory'; memoryMb: number }
  | { limit: 'crash'; code: number | null; signal: NodeJS.Signals | null };

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

/** The child's flags: its heap cap from the budget, no warning about running .ts, then the caller's. */
const childFlags = (run: ChildRun) => [
  `--max-old-space-size=${run.budget.memoryMb}`,
  '--disable-warning=ExperimentalWarning',
  ...run.execArgv,
];

/** Runs one job; settles once the child is gone (or, after an answer, exiting on its own). */
export function runChild<V>(run: ChildRun): Promise<ChildOutcome<V>> {
  return new Promise((resolve, reject) => {
    const child = fork(run.main, [], {
      execArgv: childFlags(run),
      env: childEnv(),
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
    const failed = (failure: ChildFailure) => resolve({ kind: 'failed', failure });
    const { timeoutMs, memoryMb } = run.budget;
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
    child.once('exit', (code, signal) =>
      finish(() =>
        failed(outOfHeap(stderr) ? { limit: 'memory', memoryMb } : { limit: 'crash', code, signal }),
      ),
    );
    child.send(run.job, (error) => {
      if (error) finish(() => reject(error));
    });
  });
}

/**
 * The parent's environment with Node's compile cache on (unless set otherwise): a child finds the
 * modules it loads already type-stripped and compiled by an earlier one, so it never loads the
 * TypeScript stripper (~25 MB of its memory) nor spends its time compiling them again.
 */
function childEnv(): NodeJS.ProcessEnv {
  if (process.env.NODE_COMPILE_CACHE) return process.env;
  return { ...process.env, NODE_COMPILE_CACHE: join(tmpdir(), 'node-compile-cache') };
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
const outOfHeap = (stderr: string) => /heap limit|out of memory/i.test(stderr);

/**
 * What happened, in the words of the callers' messages («файл … не прочитан: …», «Отчёт не
 * подготовлен: …»); `who` names the child in the genitive («чтения», «отчёта»).
 */
export function failureWords(failure: ChildFailure, who: string): string {
  switch (failure.limit) {
    case 'time':
      return `процесс ${who} не уложился в отведённое время (${seconds(failure.timeoutMs)} с) и остановлен`;
    case 'memory':
      return `процессу ${who} не хватило отведённой памяти (${failure.memoryMb} МБ)`;
    case 'crash': {
      const how = failure.signal ? `сигнал ${failure.signal}` : `код ${failure.code}`;
      return `процесс ${who} аварийно завершился (${how}), не исчерпав отведённых времени и памяти`;
    }
  }
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('ru-RU', { maximumFractionDigits: 2 });
