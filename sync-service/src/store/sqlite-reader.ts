// Reads off the service's event loop on the embedded store. node:sqlite is synchronous: a query
// on the service's own connection holds the event loop for as long as it runs (the admin overview
// or the documents list at national scale: hundreds of ms, /healthz and every other request wait).
// So a read outside a transaction is sent to a reader process (sqlite-reader-main.ts) that holds
// read-only connections of its own — WAL lets them read beside the service's connection, each
// statement seeing the last commit — and the service only awaits the answer.
//
// One reader process per service process, started on the first read and shared by every store it
// opens (by file); it never holds the service up at exit (unreferenced while nothing waits for it)
// and ends when its parent does. A process, not a worker thread: a worker is a second V8 isolate
// inside the service, and tearing isolates down under load aborted Node 24 («Check failed:
// jit_page.has_value()», see files/read-worker.ts); a process has no such tie and costs one
// structured-clone copy over a pipe per answer. A reader that dies fails the reads waiting on it
// (worded as every child's failure, child/fork.ts, which also forks it: flags, compile cache);
// the next read starts another.
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ChildFailure, failureWords, forkChild, onChildEnd } from '../child/fork.ts';

export type ReaderParam = string | number | bigint | null;

export type ReaderRequest =
  | { id: number; op: 'all'; file: string; sql: string; params: readonly ReaderParam[] }
  | { id: number; op: 'close'; file: string };

export type ReaderReply =
  /** `more`: a part of the rows; the rest follow in later messages. */
  | { id: number; ok: true; rows: unknown[]; more?: true }
  | { id: number; ok: false; error: { message: string; code?: string; errcode?: number; errstr?: string } };

type Ask =
  | { op: 'all'; file: string; sql: string; params: readonly ReaderParam[] }
  | { op: 'close'; file: string };

const MAIN = fileURLToPath(new URL('./sqlite-reader-main.ts', import.meta.url));

interface Waiting {
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
  /** The parts received so far. */
  parts: unknown[][];
}

/** One reader process and the reads waiting on it. */
class Reader {
  readonly process: ChildProcess;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;

  /** `gone` is called once it can take no more reads (it exited, or never started). */
  constructor(gone: () => void) {
    const forked = forkChild(MAIN, []);
    const child = forked.process;
    this.process = child;
    (child.stderr as Socket | null)?.unref();
    child.on('message', (reply: ReaderReply) => this.#receive(reply));
    child.once('exit', gone);
    // The reads it took fail once it is gone and its last words read.
    onChildEnd(forked, undefined, (failure) => this.#failAll(readerError(failure, forked.stderr())));
    child.once('error', (error) => {
      gone();
      this.#failAll(new Error(`Чтение SQLite не выполнено: ${error.message}`));
    });
    // Nothing to wait for: the service may exit (the reader then sees its parent go and ends).
    child.unref();
    child.channel?.unref();
  }

  ask(request: Ask): Promise<unknown[]> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      // While an answer is awaited the process must not exit under its caller.
      if (this.#waiting.size === 0) this.process.channel?.ref();
      this.#waiting.set(id, { resolve, reject, parts: [] });
      this.process.send({ ...request, id } as ReaderRequest, (error) => {
        if (error) this.#take(id)?.reject(error);
      });
    });
  }

  #receive(reply: ReaderReply): void {
    if (reply.ok && reply.more) {
      this.#waiting.get(reply.id)?.parts.push(reply.rows);
      return;
    }
    const waiting = this.#take(reply.id);
    if (!waiting) return;
    if (reply.ok) waiting.resolve(waiting.parts.length ? [...waiting.parts, reply.rows].flat() : reply.rows);
    else waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
  }

  #failAll(error: Error): void {
    for (const id of [...this.#waiting.keys()]) this.#take(id)?.reject(error);
  }

  #take(id: number): Waiting | undefined {
    const waiting = this.#waiting.get(id);
    if (!waiting) return undefined;
    this.#waiting.delete(id);
    if (this.#waiting.size === 0) this.process.channel?.unref();
    return waiting;
  }
}

/** What the reads waiting on a reader that ended get: which way it failed (`limit`), and its stderr. */
function readerError(failure: ChildFailure, stderr: string): Error {
  const tail = stderr.trim() ? `: ${stderr.trim()}` : '';
  const error = new Error(`Чтение SQLite не выполнено: ${failureWords(failure, 'чтения SQLite')}${tail}`);
  return Object.assign(error, { limit: failure.limit });
}

/** The process's reader: started at the first read, and again at the first read after one dies. */
class ReaderProcess {
  #reader: Reader | undefined;

  ask(request: Ask): Promise<unknown[]> {
    if (!this.#reader) {
      const reader: Reader = new Reader(() => {
        if (this.#reader === reader) this.#reader = undefined;
      });
      this.#reader = reader;
    }
    return this.#reader.ask(request);
  }

  /** Closes the reader's connection to `file` (before the service's own closes). */
  async close(file: string): Promise<void> {
    // No reader, or one that died: it holds no connection.
    if (this.#reader) await this.ask({ op: 'close', file }).catch(() => undefined);
  }

  /** The reader's process id, for tests; undefined before the first read. */
  get pid(): number | undefined {
    return this.#reader?.process.pid;
  }
}

/** The process's one reader. */
export const sqliteReader = new ReaderProcess();
