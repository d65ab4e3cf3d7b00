// An identical resync without reading the sheet again: the caller digests the raw snapshot (rows,
// settings, today, source, title) into a key; when the source's last sync had that key (so nothing
// was written to the source since), the last answer stands and only a sync run is recorded. The
// answer comes from this process's memory, or, when another process (or an earlier run of this
// one) made that sync, is rebuilt from the items it wrote.
import { randomUUID } from 'node:crypto';
import type { SyncSummary } from '@cluster/shared';
import type { Store } from '../store/api.ts';
import type { ResyncRequest, SyncOutcome } from '../store/types.ts';
import { answerFromStored } from '../sync/sync-plan.ts';
import { cacheKey } from './resync-cache.ts';
import { resyncCacheOf } from './sync-snapshot.ts';

/**
 * When this source's last sync (by any process) had the same `snapshotKey`, records an 'unchanged'
 * sync run and returns that sync's answer (new syncId, counts all unchanged). Null means: run the
 * full path (read the grid, then applySnapshot with the same key).
 */
export async function resyncIfUnchanged(store: Store, input: ResyncRequest): Promise<SyncOutcome | null> {
  const cache = resyncCacheOf(store);
  const place = { cluster: input.cluster, source: input.source };
  const entry = cache.get(cacheKey(place));
  const remembered = entry?.snapshotKey === input.snapshotKey ? entry : undefined;
  // A cheap look before taking the sheet's lock: was the last sync of this sheet, by any process,
  // this very snapshot? Usually not (a new or edited sheet), and then the full path runs.
  if (!remembered && (await store.syncs.lastSnapshotKey(place)) !== input.snapshotKey) return null;
  const startedAt = new Date().toISOString();
  const done = await store.syncs.withKnownSource(place, async (session) => {
    // Every sync sets the key (or clears it), so the same key means: nothing written since that sync.
    if (!session || session.lastSnapshotKey !== input.snapshotKey) return null;
    const fromMemory = remembered?.contentVersion === session.contentVersion;
    let last: SyncSummary | null = null;
    if (fromMemory) last = remembered.summary;
    else {
      const stored = await session.lastAnswer();
      last = stored && answerFromStored(stored);
    }
    if (!last) return null;
    const syncId = randomUUID();
    await session.recordRun({
      id: syncId,
      documentId: last.documentId,
      actor: input.actor,
      revision: input.revision ?? null,
      startedAt,
      outcome: 'unchanged',
      created: 0,
      changed: 0,
      removed: 0,
      restored: 0,
      unchanged: last.items.length,
      deadlinesMoved: 0,
      rowsWritten: 0,
    });
    return { last, syncId, version: session.contentVersion, fromMemory };
  });
  if (!done) return null;
  if (!done.fromMemory) cache.remember(cacheKey(place), input.snapshotKey, done.version, done.last);
  // How documents were matched is said by the sync that matched them, not by a resync.
  const { matches: _said, ...last } = done.last;
  const summary: SyncSummary = {
    ...last,
    syncId: done.syncId,
    created: 0,
    changed: 0,
    removed: 0,
    unchanged: done.last.items.length,
    deadlinesMoved: 0,
  };
  return { summary, restored: 0, rowsWritten: 0, unchanged: true };
}
