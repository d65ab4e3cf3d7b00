// «Просроченные» is grouped by document, most days overdue first within each; items arrive
// document by document. So only one document's rows are sorted at a time, in memory (a document's
// rows are few next to all items), and appended in their final order to a temporary file of JSON
// lines, which is read back in large chunks when the sheet's turn comes: no sort over all rows,
// and memory stays flat however many items are overdue. (A document met again later — a source
// not in document order — starts a new run, under a heading of its own.)
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpillRow } from './overdue-spill.ts';

/** Characters of JSON gathered before a write, and bytes read at once. */
const WRITE_AT = 16 << 10;
const READ_SIZE = 1 << 20;
const NEWLINE = 0x0a;

export class GroupedSpill<T extends SpillRow> {
  readonly #dir: string;
  readonly #fd: number;
  #group: string | null = null;
  #run: { key: number; row: T }[] = [];
  #pending: string[] = [];
  #pendingChars = 0;
  #size = 0;

  constructor() {
    this.#dir = mkdtempSync(join(tmpdir(), 'report-groups-'));
    this.#fd = openSync(join(this.#dir, 'rows.jsonl'), 'w+');
  }

  get size(): number {
    return this.#size;
  }

  /** Adds a row of `group`; within a group rows come back by `key` descending, ties as added. */
  add(group: string, key: number, row: T): void {
    if (group !== this.#group) {
      this.#endRun();
      this.#group = group;
    }
    this.#run.push({ key, row });
    this.#size++;
  }

  /** Every row: the groups in the order met, each sorted. */
  *sorted(): Generator<T> {
    this.#endRun();
    this.#write();
    // One buffer, reused: a line cut by a read's end moves to its start, the next read follows it.
    let buffer = Buffer.allocUnsafe(READ_SIZE);
    let filled = 0;
    let position = 0;
    for (;;) {
      if (filled === buffer.length) {
        // A line longer than the buffer (cells near Excel's length limit): a larger one.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const read = readSync(this.#fd, buffer, filled, buffer.length - filled, position);
      if (read === 0) break;
      position += read;
      filled += read;
      // Lines end in a line feed, which JSON keeps out of its strings and UTF-8 out of other characters.
      let start = 0;
      for (
        let end = buffer.indexOf(NEWLINE, start);
        end >= 0 && end < filled;
        end = buffer.indexOf(NEWLINE, start)
      ) {
        yield JSON.parse(buffer.toString('utf8', start, end)) as T;
        start = end + 1;
      }
      buffer.copyWithin(0, start, filled);
      filled -= start;
    }
  }

  close(): void {
    try {
      closeSync(this.#fd);
    } finally {
      rmSync(this.#dir, { recursive: true, force: true });
    }
  }

  #endRun(): void {
    const run = this.#run;
    if (run.length === 0) return;
    // Array sort is stable: ties keep the order they were added in.
    run.sort((a, b) => b.key - a.key);
    for (const { row } of run) {
      const line = `${JSON.stringify(row)}\n`;
      this.#pending.push(line);
      this.#pendingChars += line.length;
    }
    this.#run = [];
    if (this.#pendingChars >= WRITE_AT) this.#write();
  }

  #write(): void {
    if (this.#pending.length === 0) return;
    writeSync(this.#fd, this.#pending.join(''));
    this.#pending = [];
    this.#pendingChars = 0;
  }
}
