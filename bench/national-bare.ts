// The national bench's yardsticks: each question the service answers, asked of the same store in
// plain SQL from the bench process (no HTTP, no rendering), so every figure stands beside the
// cheapest answer the data allows in the same run. States follow the domain's order from the
// stored mark, state, effective due and start (as store/item-states.ts describes them).
import { addDays } from '@cluster/shared';
import type { Param } from '@cluster/sync-service/store/db.ts';
import { SqlStore } from '@cluster/sync-service/store/sql-store.ts';
import type { Store } from '@cluster/sync-service/store/store.ts';
import { SOON_DAYS } from './national-plan.ts';

export type OpenState = 'overdue' | 'due_soon' | 'in_progress' | 'upcoming' | 'done';

const OPEN = "i.mark_status NOT IN ('done', 'cancelled') AND i.state NOT IN ('ongoing', 'unknown', 'done')";

function stateSql(state: OpenState, today: string): { sql: string; params: string[] } {
  const soon = addDays(today, SOON_DAYS);
  switch (state) {
    case 'done':
      return { sql: "i.mark_status IN ('done', 'cancelled')", params: [] };
    case 'overdue':
      return { sql: `${OPEN} AND i.effective_due < ?`, params: [today] };
    case 'due_soon':
      return { sql: `${OPEN} AND i.effective_due >= ? AND i.effective_due <= ?`, params: [today, soon] };
    case 'in_progress':
      return { sql: `${OPEN} AND i.effective_due > ? AND i.start_date <= ?`, params: [soon, today] };
    case 'upcoming':
      return {
        sql: `${OPEN} AND i.effective_due > ? AND (i.start_date IS NULL OR i.start_date > ?)`,
        params: [soon, today],
      };
  }
}

export class BareSql {
  readonly #store: SqlStore;
  readonly #today: string;

  constructor(store: Store, today: string) {
    if (!(store instanceof SqlStore)) throw new Error('national bench: needs the SQL store');
    this.#store = store;
    this.#today = today;
  }

  #all<T>(sql: string, params: Param[]): Promise<T[]> {
    return this.#store.db.all<T>(sql, params);
  }

  /** The overview's counts: items per cluster and state on today, for a region or everywhere. */
  overviewCounts(region: string | null) {
    const soon = addDays(this.#today, SOON_DAYS);
    const t = this.#today;
    return this.#all(
      `SELECT i.cluster_id, CASE WHEN i.mark_status IN ('done', 'cancelled') THEN 'done'
         WHEN i.state IN ('ongoing', 'unknown', 'done') THEN i.state
         WHEN i.effective_due < ? THEN 'overdue' WHEN i.effective_due <= ? THEN 'due_soon'
         WHEN i.start_date <= ? THEN 'in_progress' ELSE 'upcoming' END AS st, COUNT(*) AS n
       FROM items i JOIN clusters c ON c.id = i.cluster_id
       WHERE i.removed = 0 ${region ? 'AND c.region = ?' : ''} GROUP BY 1, 2`,
      region ? [t, soon, t, region] : [t, soon, t],
    );
  }

  /** A page of items in one state, in the lists' order. */
  itemsInState(state: OpenState, limit: number) {
    const { sql, params } = stateSql(state, this.#today);
    return this.#all(
      `SELECT i.* FROM items i WHERE i.removed = 0 AND ${sql}
       ORDER BY i.cluster_id, i.document_id, i.sheet_row, i.id LIMIT ?`,
      [...params, limit],
    );
  }

  /** Every document with its count of current items (the index on cluster, document serves it). */
  documents() {
    return this.#all(
      `SELECT d.*, (SELECT COUNT(*) FROM items i WHERE i.cluster_id = d.cluster_id AND i.document_id = d.id
         AND i.removed = 0) AS n FROM documents d WHERE d.removed = 0`,
      [],
    );
  }

  /** One item, its history and its document's count. */
  async itemPage(id: string) {
    const [item] = await this.#all<{ cluster_id: string; document_id: string }>(
      'SELECT * FROM items WHERE id = ?',
      [id],
    );
    const events = await this.#all('SELECT * FROM item_events WHERE item_id = ? ORDER BY id', [id]);
    const count = await this.#all(
      'SELECT COUNT(*) AS n FROM items WHERE cluster_id = ? AND document_id = ? AND removed = 0',
      [item.cluster_id, item.document_id],
    );
    return { item, events, count };
  }

  /** Items whose stored search text holds `word` (a scan: no index serves LIKE '%…%'). */
  search(word: string, limit: number) {
    return this.#all(`SELECT i.* FROM items i WHERE i.removed = 0 AND i.search LIKE ? LIMIT ?`, [
      `%${word.toLowerCase()}%`,
      limit,
    ]);
  }

  /** Items for the item-page bench: some with moved deadlines (history), some without. */
  async sampleItems(n: number): Promise<string[]> {
    const moved = await this.#all<{ item_id: string }>(
      `SELECT item_id FROM item_events WHERE type = 'deadline_moved' ORDER BY id LIMIT ?`,
      [Math.ceil(n / 2)],
    );
    const plain = await this.#all<{ id: string }>(
      'SELECT id FROM items WHERE removed = 0 ORDER BY id LIMIT ?',
      [n - moved.length],
    );
    return [...moved.map((r) => r.item_id), ...plain.map((r) => r.id)];
  }
}
