// «Просроченные» is sorted by days overdue, but items arrive in document order. Rather than hold
// every overdue row in memory, rows go to a temporary SQLite file and come back sorted; SQLite's
// sorter spills to disk itself, so memory stays flat however many items are overdue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

const BATCH = 2000;

export class SortedSpill<T> {
  readonly #dir: string;
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  #pending = 0;
  #seq = 0;

  constructor() {
    this.#dir = mkdtempSync(join(tmpdir(), 'report-spill-'));
    this.#db = new DatabaseSync(join(this.#dir, 'spill.sqlite'));
    this.#db.exec(
      'PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -4096;' +
        'CREATE TABLE spill (key INTEGER NOT NULL, seq INTEGER NOT NULL, payload TEXT NOT NULL)',
    );
    this.#insert = this.#db.prepare('INSERT INTO spill (key, seq, payload) VALUES (?, ?, ?)');
  }

  get size(): number {
    return this.#seq;
  }

  /** Adds a row; rows come back by `key` descending, ties in the order they were added. */
  add(key: number, row: T): void {
    if (this.#pending === 0) this.#db.exec('BEGIN');
    this.#insert.run(key, this.#seq++, JSON.stringify(row));
    if (++this.#pending >= BATCH) this.#flush();
  }

  *sorted(): Generator<T> {
    this.#flush();
    // Sorting the small keys in an index, then fetching each payload, beats sorting whole rows.
    this.#db.exec('CREATE INDEX spill_order ON spill (key DESC, seq)');
    const select = this.#db.prepare('SELECT payload FROM spill ORDER BY key DESC, seq');
    select.setReturnArrays(true);
    for (const r of select.iterate()) yield JSON.parse((r as unknown as [string])[0]) as T;
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
