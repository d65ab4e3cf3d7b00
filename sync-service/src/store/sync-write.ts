// A sync's plan written in SQL, inside the source's transaction: documents, the sync run, items
// (inserted, rewritten, flagged removed), history events, and the source's content version.
import { turn } from '../turn.ts';
import { marks, type Param, type Tx } from './db.ts';
import { writeItemDues } from './item-dues.ts';
import { ITEM_UPDATE_COLUMNS, ITEMS, type ItemWrite } from './items-table.ts';
import { applyRollups, rebuildRollups, rollupsOfInserts, rollupsOfItems } from './rollup-write.ts';
import { finishTime } from './run-time.ts';
import { DOCUMENT_UPDATE_COLUMNS, DOCUMENTS, ITEM_EVENTS, type Placed, SYNC_RUNS } from './sync-tables.ts';
import type { DocumentChanges, DocumentWrite, SyncWrite } from './sync-types.ts';
import { insertRows } from './table-write.ts';
import { recordTally } from './tallies.ts';
import type { SyncHooks } from './types.ts';

export interface WritePlace {
  tx: Tx;
  maxParams: number;
  clusterId: string;
  sourceId: string;
}

async function writeDocuments(w: WritePlace, changes: DocumentChanges, at: string): Promise<void> {
  const placed = (row: DocumentWrite): Placed<DocumentWrite> => ({ row, ...w, at });
  await insertRows(w.tx, w.maxParams, DOCUMENTS, changes.inserts.map(placed));
  const set = DOCUMENT_UPDATE_COLUMNS.map((c) => `${c} = ?`).join(', ');
  for (const d of changes.updates) {
    await w.tx.run(`UPDATE documents SET ${set} WHERE id = ?`, [
      ...DOCUMENTS.values(placed(d), DOCUMENT_UPDATE_COLUMNS),
      d.id,
    ]);
  }
  for (const id of changes.removedIds) {
    await w.tx.run('UPDATE documents SET removed = 1, updated_at = ? WHERE id = ?', [at, id]);
  }
}

async function updateItems(w: WritePlace, rows: readonly ItemWrite[]): Promise<void> {
  if (rows.length === 0) return;
  // UPDATE … FROM (VALUES …): one statement per chunk on both backends (VALUES columns are column1…).
  const width = ITEM_UPDATE_COLUMNS.length + 1;
  const perStatement = Math.max(1, Math.min(500, Math.floor(w.maxParams / width)));
  const rowSql = `(?, ${ITEM_UPDATE_COLUMNS.map((c) => ITEMS.placeholder(c)).join(', ')})`;
  const set = ITEM_UPDATE_COLUMNS.map((c, k) => `${c} = v.column${k + 2}`).join(', ');
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params: Param[] = [];
    for (const row of chunk) params.push(row.place.id, ...ITEMS.values(row, ITEM_UPDATE_COLUMNS));
    await w.tx.run(
      `UPDATE items SET ${set}, removed = 0, removed_at = NULL
       FROM (VALUES ${new Array(chunk.length).fill(rowSql).join(', ')}) AS v WHERE items.id = v.column1`,
      params,
    );
  }
}

async function removeItems(w: WritePlace, ids: readonly string[], at: string, syncId: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await w.tx.run(
      `UPDATE items SET removed = 1, removed_at = ?, updated_at = ?, updated_sync_id = ? WHERE id IN (${marks(chunk.length)})`,
      [at, at, syncId, ...chunk],
    );
  }
}

/** The documents' plan periods before the sync rewrites them, as `start/end`. */
async function documentPeriods(tx: Tx, documents: readonly DocumentWrite[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < documents.length; i += 500) {
    const ids = documents.slice(i, i + 500).map((d) => d.id);
    const rows = await tx.all<{ id: string; period_start: string | null; period_end: string | null }>(
      `SELECT id, period_start, period_end FROM documents WHERE id IN (${marks(ids.length)})`,
      ids,
    );
    for (const r of rows) out.set(r.id, `${r.period_start}/${r.period_end}`);
  }
  return out;
}

/** The stored item count of the source's documents, as the items now stand (an index counts them). */
function recountDocuments(w: WritePlace): Promise<number> {
  return w.tx.run(
    `UPDATE documents SET item_count = (SELECT COUNT(*) FROM items i WHERE i.document_id = documents.id AND i.removed = 0)
     WHERE source_id = ?`,
    [w.sourceId],
  );
}

/** Writes the plan in the order the hooks name; returns the source's content version after it. */
export async function writeSync(
  w: WritePlace,
  plan: SyncWrite,
  version: { contentVersion: number; lastSnapshotKey: string | null },
  hooks: SyncHooks = {},
): Promise<number> {
  const { at, syncId } = plan;
  // Rollups: the items as they were leave, as they are written come back (rollup-write.ts).
  const rollups = await rollupsOfItems(
    w.tx,
    [...plan.updates.map((u) => u.place.id), ...plan.removedIds],
    -1,
  );
  const periods = await documentPeriods(w.tx, plan.documents.updates);
  await writeDocuments(w, plan.documents, at);
  await hooks.afterWrite?.('documents');

  const finishedAt = await finishTime(w.tx, w.sourceId);
  await insertRows(w.tx, w.maxParams, SYNC_RUNS, [{ row: plan.run, ...w, at, finishedAt }]);
  await hooks.afterWrite?.('syncRun');

  await insertRows(w.tx, w.maxParams, ITEMS, plan.inserts);
  await updateItems(w, plan.updates);
  await writeItemDues(w.tx, w.maxParams, [...plan.inserts, ...plan.updates]);
  await removeItems(w, plan.removedIds, at, syncId);
  await recountDocuments(w);
  await hooks.afterWrite?.('items');
  // On the embedded store the writes are long synchronous work: requests, timers and a SIGTERM
  // that must see this sync in flight get a turn of the loop.
  await turn();

  await insertRows(
    w.tx,
    w.maxParams,
    ITEM_EVENTS,
    plan.events.map((event) => ({ event, syncId, at })),
  );
  await hooks.afterWrite?.('events');

  const written = new Map(
    [...plan.documents.inserts, ...plan.documents.updates].map((d) => [
      d.id,
      d.periodStart && d.periodEnd ? { start: d.periodStart, end: d.periodEnd } : null,
    ]),
  );
  await rollupsOfInserts(w.tx, plan.inserts, written, rollups);
  await rollupsOfItems(
    w.tx,
    plan.updates.map((u) => u.place.id),
    1,
    rollups,
  );
  await applyRollups(w.tx, w.maxParams, rollups);
  // A plan period that changed moves every span of its items.
  const moved = plan.documents.updates.filter((d) => periods.get(d.id) !== `${d.periodStart}/${d.periodEnd}`);
  await rebuildRollups(
    w.tx,
    w.maxParams,
    moved.map((d) => d.id),
  );

  if (plan.run.outcome === 'changed') await recordTally(w.tx, w.clusterId, plan.day);

  const key = plan.snapshotKey;
  let contentVersion = version.contentVersion;
  if (plan.run.outcome === 'changed') {
    contentVersion++;
    await w.tx.run('UPDATE sources SET content_version = ?, last_snapshot_key = ? WHERE id = ?', [
      contentVersion,
      key,
      w.sourceId,
    ]);
  } else if (version.lastSnapshotKey !== key) {
    await w.tx.run('UPDATE sources SET last_snapshot_key = ? WHERE id = ?', [key, w.sourceId]);
  }
  return contentVersion;
}
