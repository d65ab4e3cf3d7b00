// Starting one of the service's own child processes, and telling how one that ended without its
// answer failed: once for the budgeted one-job children (budgeted.ts: file readers, reports) and
// the store's SQLite reader (store/sqlite-reader.ts). It imports nothing of the project, so every
// layer, the store included, may use it.
import { type ChildProcess, fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ForkedChild {
  process: ChildProcess;
  /** The last 4 KB the child wrote to stderr: V8's word on an exhausted heap, a crash's last words. */
  stderr(): string;
}

/**
 * Forks `main` (a .ts file Node runs as it is) with structured-clone IPC and stderr piped.
 * `execArgv` are its flags besides the warnings, explicit: the parent's own (a test runner's
 * loaders, an inspector) are not the child's.
 */
export function forkChild(main: string, execArgv: readonly string[]): ForkedChild {
  const child = fork(main, [], {
    // No warning about running .ts.
    execArgv: ['--disable-warning=ExperimentalWarning', ...execArgv],
    env: childEnv(),
    // Structured clone (Dates, typed arrays) instead of JSON for the messages.
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4096);
  });
  return { process: child, stderr: () => stderr };
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
 * How a child that gave no answer failed: `time` — its budget's time ran out and it was killed;
 * `memory` — it hit its heap cap (V8 says so on stderr: "Reached heap limit", "out of memory");
 * `crash` — anything else (a signal that was not ours, an exit code without an answer).
 * `memoryMb` is the heap cap the child was given, `budgeted` whether it had a budget at all (the
 * SQLite reader has none).
 */
export type ChildFailure =
  | { limit: 'time'; timeoutMs: number }
  | { limit: 'memory'; memoryMb: number | undefined }
  | { limit: 'crash'; code: number | null; signal: NodeJS.Signals | null; budgeted: boolean };

/**
 * Calls `ended` once, with how the child failed, when it is gone and its stderr read to the end
 * ('close', not 'exit': at 'exit' the pipe may still hold V8's word on the heap). `memoryMb` is the
 * heap cap of a budgeted child, undefined for one without a budget.
 */
export function onChildEnd(
  forked: ForkedChild,
  memoryMb: number | undefined,
  ended: (failure: ChildFailure) => void,
): void {
  forked.process.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
    if (/heap limit|out of memory/i.test(forked.stderr())) ended({ limit: 'memory', memoryMb });
    else ended({ limit: 'crash', code, signal, budgeted: memoryMb !== undefined });
  });
}

/**
 * What happened, in the words of the callers' messages («файл … не прочитан: …», «Отчёт не
 * подготовлен: …»); `who` names the child in the genitive («чтения», «отчёта»).
 */
export function failureWords(failure: ChildFailure, who: string): string {
  switch (failure.limit) {
    case 'time':
      return `процесс ${who} не уложился в отведённое время (${seconds(failure.timeoutMs)} с) и остановлен`;
    case 'memory':
      return failure.memoryMb === undefined
        ? `процессу ${who} не хватило памяти`
        : `процессу ${who} не хватило отведённой памяти (${failure.memoryMb} МБ)`;
    case 'crash': {
      const how = failure.signal ? `сигнал ${failure.signal}` : `код ${failure.code}`;
      const notBudget = failure.budgeted ? ', не исчерпав отведённых времени и памяти' : '';
      return `процесс ${who} аварийно завершился (${how})${notBudget}`;
    }
  }
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('ru-RU', { maximumFractionDigits: 2 });
