// «Просроченные» is grouped by document, most days overdue first within each; items arrive
// document by document. So each row goes at once to a temporary file of JSON lines, in the order
// it came, and only the lengths of the runs (one per document) stay in memory; when the sheet's
// turn comes, the file is read back in large chunks and one run at a time is sorted (a document's
// rows are few next to all items). No sort over all rows, nothing held while the items are read
// (rows held for a whole document outlived the young generation and swelled the heap), and memory
// stays flat however many items are overdue. (A document met again later — a source not in
// document order — starts a new run, under a heading of its own.)
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpillRow } from './sorted-spill.ts';

/** Characters of JSON gathered before a write, and bytes read at once. */
const WRITE_AT = 16 << 10;
const READ_SIZE = 1 << 20;
const NEWLINE = 0x0a;

export class GroupedSpill<T extends SpillRow> {
  readonly #dir: string;
  readonly #fd: number;
  #group: string | null = null;
  /** Rows in each run, in the order the runs came. */
  readonly #runs: number[] = [];
  #pending = '';
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
      this.#runs.push(0);
      this.#group = group;
    }
    this.#runs[this.#runs.length - 1]++;
    this.#size++;
    // The key first, then the row: `[key, ...cells]`.
    const cells = JSON.stringify(row);
    this.#pending += cells === '[]' ? `[${key}]\n` : `[${key},${cells.slice(1)}\n`;
    if (this.#pending.length >= WRITE_AT) this.#write();
  }

  /** Every row: the groups in the order met, each sorted. */
  *sorted(): Generator<T> {
    this.#write();
    let run = 0;
    let rows: { key: number; row: T }[] = [];
    const endRun = () => {
      // Array sort is stable: ties keep the order they were added in.
      rows.sort((a, b) => b.key - a.key);
      const out = rows;
      rows = [];
      run++;
      return out;
    };
    for (const line of this.#lines()) {
      while (run < this.#runs.length && rows.length === this.#runs[run]) yield* endRun().map((r) => r.row);
      const [key, ...row] = JSON.parse(line) as [number, ...T];
      rows.push({ key, row: row as unknown as T });
    }
    while (run < this.#runs.length) yield* endRun().map((r) => r.row);
  }

  close(): void {
    try {
      closeSync(this.#fd);
    } finally {
      rmSync(this.#dir, { recursive: true, force: true });
    }
  }

  /** The file's lines, read through one reused buffer: a line cut by a read moves to its start. */
  *#lines(): Generator<string> {
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
      if (read === 0) return;
      position += read;
      filled += read;
      // Lines end in a line feed, which JSON keeps out of its strings and UTF-8 out of other characters.
      let start = 0;
      for (
        let end = buffer.indexOf(NEWLINE, start);
        end >= 0 && end < filled;
        end = buffer.indexOf(NEWLINE, start)
      ) {
        yield buffer.toString('utf8', start, end);
        start = end + 1;
      }
      buffer.copyWithin(0, start, filled);
      filled -= start;
    }
  }

  #write(): void {
    if (!this.#pending) return;
    writeSync(this.#fd, this.#pending);
    this.#pending = '';
  }
}
