// An identical resync without reading the sheet again: the caller digests the raw snapshot (rows,
// settings, today, source, title) into a key; when the source's last sync had that key (so nothing
// was written to the source since), the last answer stands and only a sync run is recorded. The
// answer comes from this process's memory, or, when another process (or an earlier run of this
// one) made that sync, is rebuilt from the items it wrote.
import { randomUUID } from 'node:crypto';
import type { Item, SyncSummary } from '@cluster/shared';
import type { Db, Tx } from '../store/db.ts';
import { StoreError } from '../store/errors.ts';
import { sourceKey } from '../store/sources.ts';
import type { ResyncRequest, SourceRef, SyncOutcome } from '../store/types.ts';
import { finishTime } from './run-time.ts';

interface Entry {
  snapshotKey: string;
  contentVersion: number;
  summary: SyncSummary;
}

export const cacheKey = (cluster: string, source: SourceRef) => `${cluster}\u0000${sourceKey(source)}`;

/**
 * Last answers by source, bounded by the number of items they hold (an answer's items, and the
 * encoded JSON the sync route keeps with them, take about 1.5 KB an item).
 */
export class ResyncCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxItems: number;
  #items = 0;

  constructor(maxItems = 50_000) {
    this.#maxItems = maxItems;
  }

  get(place: string): Entry | undefined {
    const entry = this.#entries.get(place);
    if (entry) {
      this.#entries.delete(place);
      this.#entries.set(place, entry);
    }
    return entry;
  }

  remember(place: string, snapshotKey: string, contentVersion: number, summary: SyncSummary): void {
    this.forget(place);
    if (summary.items.length > this.#maxItems) return;
    this.#entries.set(place, { snapshotKey, contentVersion, summary });
    this.#items += summary.items.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#items <= this.#maxItems) break;
      this.#entries.delete(oldest);
      this.#items -= entry.summary.items.length;
    }
  }

  forget(place: string): void {
    const entry = this.#entries.get(place);
    if (!entry) return;
    this.#entries.delete(place);
    this.#items -= entry.summary.items.length;
  }
}

interface AnswerRow {
  id: string;
  document_id: string;
  sheet_row: number | string;
  number: string;
  task: string;
  title: string;
  executors: string;
  deadline: string;
  result: string;
  mark: string;
  state: string;
  problems: string;
  effective_due: string | null;
  extra: string | null;
}

/**
 * The answer the last sync of a source gave, rebuilt from what it wrote: its live documents and
 * their live items, in document and row order (the order the sheet was read in). Null when the
 * order would be ambiguous (two items on one row of a document); the caller then reads the sheet.
 */
async function answerFromStore(tx: Tx, sourceId: string): Promise<SyncSummary | null> {
  const [doc] = await tx.all<{ id: string }>(
    'SELECT id FROM documents WHERE source_id = ? AND removed = 0 ORDER BY ordinal LIMIT 1',
    [sourceId],
  );
  if (!doc) return null;
  const rows = await tx.all<AnswerRow>(
    `SELECT i.id, i.document_id, i.sheet_row, i.number, i.task, i.title, i.executors, i.deadline, i.result,
       i.mark, i.state, i.problems, i.effective_due, i.extra
     FROM items i JOIN documents d ON d.id = i.document_id
     WHERE i.source_id = ? AND i.removed = 0 ORDER BY d.ordinal, i.sheet_row, i.id`,
    [sourceId],
  );
  const items: SyncSummary['items'] = [];
  const rowIds: SyncSummary['rowIds'] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const row = Number(r.sheet_row);
    if (k > 0 && rows[k - 1].document_id === r.document_id && Number(rows[k - 1].sheet_row) === row)
      return null;
    const item: SyncSummary['items'][number] = {
      id: r.id,
      row,
      number: r.number,
      task: r.task,
      title: r.title,
      executors: JSON.parse(r.executors),
      deadline: JSON.parse(r.deadline),
      result: r.result,
      mark: JSON.parse(r.mark),
      state: r.state as Item['state'],
      problems: JSON.parse(r.problems),
      effectiveDue: r.effective_due,
    };
    if (r.extra !== null) item.extra = JSON.parse(r.extra);
    items.push(item);
    rowIds.push({ row, id: r.id });
  }
  return {
    syncId: '',
    documentId: doc.id,
    created: 0,
    changed: 0,
    removed: 0,
    unchanged: items.length,
    deadlinesMoved: 0,
    rowIds,
    items,
  };
}

export async function resyncIfUnchanged(
  db: Db,
  cache: ResyncCache,
  input: ResyncRequest,
): Promise<SyncOutcome | null> {
  const place = cacheKey(input.cluster, input.source);
  const entry = cache.get(place);
  const remembered = entry?.snapshotKey === input.snapshotKey ? entry : undefined;
  if (!remembered) {
    // A cheap look before taking the sheet's lock: was the last sync of this sheet, by any process,
    // this very snapshot? Usually not (a new or edited sheet), and then the full path runs.
    const [last] = await db.all<{ last_snapshot_key: string | null }>(
      `SELECT s.last_snapshot_key FROM sources s JOIN clusters c ON c.id = s.cluster_id
       WHERE c.slug = ? AND s.source_key = ?`,
      [input.cluster, sourceKey(input.source)],
    );
    if (!last || last.last_snapshot_key !== input.snapshotKey) return null;
  }
  const startedAt = new Date().toISOString();
  const done = await db.transaction(async (tx) => {
    const [cluster] = await tx.all<{ id: string }>('SELECT id FROM clusters WHERE slug = ?', [input.cluster]);
    if (!cluster) throw new StoreError('not_found', `Кластер «${input.cluster}» не найден`);
    await tx.lock(`sync:${cluster.id}:${sourceKey(input.source)}`);
    const [source] = await tx.all<{
      id: string;
      content_version: number | string;
      last_snapshot_key: string | null;
    }>('SELECT id, content_version, last_snapshot_key FROM sources WHERE cluster_id = ? AND source_key = ?', [
      cluster.id,
      sourceKey(input.source),
    ]);
    // Every sync sets the key (or clears it), so the same key means: nothing written since that sync.
    if (!source || source.last_snapshot_key !== input.snapshotKey) return null;
    const version = Number(source.content_version);
    const fromMemory = remembered?.contentVersion === version;
    const last = fromMemory ? remembered.summary : await answerFromStore(tx, source.id);
    if (!last) return null;
    const syncId = randomUUID();
    const unchanged = last.items.length;
    await tx.run(
      `INSERT INTO sync_runs (id, cluster_id, source_id, document_id, actor, revision, started_at, finished_at,
         outcome, created, changed, removed, restored, unchanged, deadlines_moved, rows_written)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'unchanged', 0, 0, 0, 0, ?, 0, 0)`,
      [
        syncId,
        cluster.id,
        source.id,
        last.documentId,
        input.actor,
        input.revision ?? null,
        startedAt,
        await finishTime(tx, source.id),
        unchanged,
      ],
    );
    return { last, syncId, version, fromMemory };
  });
  if (!done) return null;
  if (!done.fromMemory) cache.remember(place, input.snapshotKey, done.version, done.last);
  const summary: SyncSummary = {
    ...done.last,
    syncId: done.syncId,
    created: 0,
    changed: 0,
    removed: 0,
    unchanged: done.last.items.length,
    deadlinesMoved: 0,
  };
  return { summary, restored: 0, rowsWritten: 0, unchanged: true };
}
