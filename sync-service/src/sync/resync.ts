// An identical resync without reading the sheet again: the caller digests the raw snapshot (rows,
// settings, today, source, title) into a key; when the source's last sync had that key and nothing
// was written to the source since, the last answer stands and only a sync run is recorded. The
// answers live in this process's memory; a cold or stale entry just means the full path runs.
import { randomUUID } from 'node:crypto';
import type { SyncSummary } from '@cluster/shared';
import type { Db } from '../store/db.ts';
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

export async function resyncIfUnchanged(
  db: Db,
  cache: ResyncCache,
  input: ResyncRequest,
): Promise<SyncOutcome | null> {
  const place = cacheKey(input.cluster, input.source);
  const entry = cache.get(place);
  if (!entry || entry.snapshotKey !== input.snapshotKey) return null;
  const startedAt = new Date().toISOString();
  return db.transaction(async (tx) => {
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
    if (
      !source ||
      Number(source.content_version) !== entry.contentVersion ||
      source.last_snapshot_key !== input.snapshotKey
    ) {
      return null;
    }
    const syncId = randomUUID();
    const unchanged = entry.summary.items.length;
    await tx.run(
      `INSERT INTO sync_runs (id, cluster_id, source_id, document_id, actor, revision, started_at, finished_at,
         outcome, created, changed, removed, restored, unchanged, deadlines_moved, rows_written)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'unchanged', 0, 0, 0, 0, ?, 0, 0)`,
      [
        syncId,
        cluster.id,
        source.id,
        entry.summary.documentId,
        input.actor,
        input.revision ?? null,
        startedAt,
        await finishTime(tx, source.id),
        unchanged,
      ],
    );
    const summary: SyncSummary = {
      ...entry.summary,
      syncId,
      created: 0,
      changed: 0,
      removed: 0,
      unchanged,
      deadlinesMoved: 0,
    };
    return { summary, restored: 0, rowsWritten: 0, unchanged: true };
  });
}
