// «Переносы сроков» is grouped by document, but moves arrive in the order they were seen. Rather
// than hold every move in memory, rows go to a temporary SQLite file and come back sorted by key;
// SQLite's sorter spills to disk itself, so memory stays flat however many rows there are. Each
// cell is a column of its own (no JSON on the way in or out), and the rows are sorted by SQLite's
// sorter, which measured faster here than an index plus a lookup per row. (Overdue rows, which
// arrive grouped already, need only group-spill.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

const BATCH = 2000;

/** A row of cells: texts and numbers, always `width` of them. */
export type SpillRow = readonly (string | number | null)[];

export class SortedSpill<T extends SpillRow> {
  readonly #dir: string;
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #columns: string;
  #pending = 0;
  #seq = 0;

  /** `width`: the number of cells in every row. */
  constructor(width: number) {
    this.#dir = mkdtempSync(join(tmpdir(), 'report-spill-'));
    this.#db = new DatabaseSync(join(this.#dir, 'spill.sqlite'));
    this.#columns = Array.from({ length: width }, (_, i) => `c${i}`).join(', ');
    this.#db.exec(
      'PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -4096;' +
        `CREATE TABLE spill (key INTEGER NOT NULL, seq INTEGER NOT NULL, ${this.#columns})`,
    );
    this.#insert = this.#db.prepare(
      `INSERT INTO spill VALUES (${Array(width + 2)
        .fill('?')
        .join(', ')})`,
    );
  }

  get size(): number {
    return this.#seq;
  }

  /** Adds a row; rows come back by `key` descending, ties in the order they were added. */
  add(key: number, row: T): void {
    if (this.#pending === 0) this.#db.exec('BEGIN');
    this.#insert.run(key, this.#seq++, ...row);
    if (++this.#pending >= BATCH) this.#flush();
  }

  *sorted(): Generator<T> {
    this.#flush();
    const select = this.#db.prepare(`SELECT ${this.#columns} FROM spill ORDER BY key DESC, seq`);
    select.setReturnArrays(true);
    for (const r of select.iterate()) yield r as unknown as T;
  }

  close(): void {
    try {
      this.#db.close();
    } finally {
      rmSync(this.#dir, { recursive: true, force: true });
    }
  }

  #flush(): void {
    if (this.#pending > 0) this.#db.exec('COMMIT');
    this.#pending = 0;
  }
}
