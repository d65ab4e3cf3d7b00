// The sync write: one snapshot of a source, diffed against its stored items, written in one
// transaction (documents, sync run, items, history). Syncs of one source take a lock first, so two
// at once — also from two processes on one PostgreSQL — run one after the other.
import { randomUUID } from 'node:crypto';
import { effectiveDue, type Item, type SyncSummary } from '@cluster/shared';
import { type Db, insertMany, marks, type Param, type Tx } from '../store/db.ts';
import { StoreError } from '../store/errors.ts';
import {
  ITEM_COLUMNS,
  type ItemJson,
  itemContent,
  itemInsertValues,
  itemJson,
  type StoredCell,
  storedCell,
} from '../store/rows.ts';
import { sourceKey, upsertSource } from '../store/sources.ts';
import type { SnapshotInput, SyncHooks, SyncOutcome } from '../store/types.ts';
import { type DesiredDocument, writeDocuments } from './documents.ts';
import { type ItemEvent, itemEvents, type OldItem } from './events.ts';
import { matchRows } from './match.ts';
import { cacheKey, type ResyncCache } from './resync.ts';
import { finishTime } from './run-time.ts';

/** One recognised item, ready to compare and write. */
interface Prepared {
  item: Item;
  documentIndex: number;
  clientId: string | null;
  cells: StoredCell[];
  /** JSON columns and content hash, serialised once for the comparison and the write. */
  json: ItemJson;
  effectiveDue: string | null;
}

interface StoredLight {
  id: string;
  sheet_row: number;
  number: string;
  title: string;
  hash: string;
  state: string;
  effective_due: string | null;
  document_id: string;
  removed: number;
}

const CLIENT_ID = /^[\w.:-]{1,100}$/;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function prepare(input: SnapshotInput): Prepared[] {
  const today = input.today ?? todayUtc();
  const out: Prepared[] = [];
  input.documents.forEach((doc, documentIndex) => {
    for (const item of doc.items) {
      const raw = input.rowIds?.[item.row - 1];
      const cells = (input.cells?.[item.row - 1] ?? []).map(storedCell);
      out.push({
        item,
        documentIndex,
        clientId: typeof raw === 'string' && CLIENT_ID.test(raw) ? raw : null,
        cells,
        json: itemJson(item, cells),
        effectiveDue:
          item.effectiveDue !== undefined ? item.effectiveDue : effectiveDue(item.deadline, item.mark, today),
      });
    }
  });
  return out;
}

function desiredDocuments(input: SnapshotInput): DesiredDocument[] {
  const fallback =
    input.title?.trim() || (input.source.kind === 'sheet' ? input.source.sheetName : input.source.fileName);
  if (input.documents.length === 0) return [{ title: fallback, kind: 'table', period: null, meta: '{}' }];
  return input.documents.map((d) => ({
    title: d.title.trim() || fallback,
    kind: d.kind,
    period: d.period,
    meta: JSON.stringify({ table: d.table ?? null, meeting: d.meeting ?? null, unplaced: d.unplaced ?? [] }),
  }));
}

/** Columns an update rewrites (all but id, place of creation and tombstone fields). */
const UPDATE_COLUMNS = ITEM_COLUMNS.filter(
  (c) =>
    !['id', 'cluster_id', 'source_id', 'removed', 'removed_at', 'created_at', 'created_sync_id'].includes(c),
);

async function updateItems(tx: Tx, maxParams: number, rows: Param[][]): Promise<number> {
  if (rows.length === 0) return 0;
  // UPDATE … FROM (VALUES …): one statement per chunk on both backends (VALUES columns are column1…).
  const width = UPDATE_COLUMNS.length + 1;
  const perStatement = Math.max(1, Math.min(500, Math.floor(maxParams / width)));
  const rowSql = `(?, ${UPDATE_COLUMNS.map((c) => (c === 'sheet_row' ? 'CAST(? AS INTEGER)' : '?')).join(', ')})`;
  const set = UPDATE_COLUMNS.map((c, k) => `${c} = v.column${k + 2}`).join(', ');
  let written = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    written += await tx.run(
      `UPDATE items SET ${set}, removed = 0, removed_at = NULL
       FROM (VALUES ${new Array(chunk.length).fill(rowSql).join(', ')}) AS v WHERE items.id = v.column1`,
      chunk.flat(),
    );
  }
  return written;
}

async function removeItems(tx: Tx, ids: string[], at: string, syncId: string): Promise<number> {
  let written = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    written += await tx.run(
      `UPDATE items SET removed = 1, removed_at = ?, updated_at = ?, updated_sync_id = ? WHERE id IN (${marks(chunk.length)})`,
      [at, at, syncId, ...chunk],
    );
  }
  return written;
}

async function loadOld(tx: Tx, ids: string[]): Promise<Map<string, OldItem>> {
  const out = new Map<string, OldItem>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await tx.all<OldItem>(
      `SELECT id, number, task, title, executors, deadline, result, mark, mark_status, problems, extra, state,
         effective_due, removed FROM items WHERE id IN (${marks(chunk.length)})`,
      chunk,
    );
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

export async function applySnapshot(
  db: Db,
  input: SnapshotInput,
  hooks: SyncHooks = {},
  cache?: ResyncCache,
): Promise<SyncOutcome> {
  if (!input.actor) throw new StoreError('invalid', 'Не указано, кто синхронизирует (actor)');
  const startedAt = new Date().toISOString();
  // CPU work before the transaction, so the lock is held only for the database part.
  const prepared = prepare(input);
  const desired = desiredDocuments(input);

  const { result, contentVersion } = await db.transaction(async (tx) => {
    const [cluster] = await tx.all<{ id: string }>('SELECT id FROM clusters WHERE slug = ?', [input.cluster]);
    if (!cluster) throw new StoreError('not_found', `Кластер «${input.cluster}» не найден`);
    await tx.lock(`sync:${cluster.id}:${sourceKey(input.source)}`);
    const source = await upsertSource(tx, cluster.id, input.source, input.title);
    const [version] = await tx.all<{ content_version: number | string; last_snapshot_key: string | null }>(
      'SELECT content_version, last_snapshot_key FROM sources WHERE id = ?',
      [source.id],
    );
    const at = new Date().toISOString();
    const syncId = randomUUID();

    const docs = await writeDocuments(
      tx,
      { clusterId: cluster.id, sourceId: source.id, at, syncId },
      desired,
    );
    await hooks.afterWrite?.('documents');

    const existing = await tx.all<StoredLight>(
      `SELECT id, sheet_row, number, title, hash, state, effective_due, document_id, removed
       FROM items WHERE source_id = ?`,
      [source.id],
    );
    const byId = new Map(existing.map((e) => [e.id, e]));
    const matched = matchRows(
      prepared.map((p) => ({
        clientId: p.clientId,
        number: p.item.number,
        title: p.item.title,
        row: p.item.row,
      })),
      existing.map((e) => ({
        id: e.id,
        number: e.number,
        title: e.title,
        row: Number(e.sheet_row),
        removed: Number(e.removed) === 1,
      })),
    );

    const ids = matched.map((id) => id ?? randomUUID());
    const matchedIds = new Set(matched.filter((id): id is string => id !== null));
    const removedIds = existing
      .filter((e) => Number(e.removed) === 0 && !matchedIds.has(e.id))
      .map((e) => e.id);
    const contentChanged = matched.filter(
      (id, k): id is string => id !== null && byId.get(id)!.hash !== prepared[k].json.hash,
    );
    const old = await loadOld(tx, contentChanged);

    const inserts: Param[][] = [];
    const updates: Param[][] = [];
    const events: ItemEvent[] = [];
    let created = 0;
    let changed = 0;
    let unchanged = 0;
    let restored = 0;
    let deadlinesMoved = 0;

    prepared.forEach((p, k) => {
      const id = ids[k];
      const documentId = docs.ids[p.documentIndex];
      const place = {
        id,
        clusterId: cluster.id,
        sourceId: source.id,
        documentId,
        effectiveDue: p.effectiveDue,
        at,
        syncId,
      };
      const stored = matched[k] === null ? undefined : byId.get(id);
      if (!stored) {
        created++;
        inserts.push(itemInsertValues(p.item, itemContent(p.item, p.cells, p.json), place));
        return;
      }
      const wasRemoved = Number(stored.removed) === 1;
      const before = old.get(id);
      const content = before || wasRemoved ? itemContent(p.item, p.cells, p.json) : null;
      const itemChanges = before && content ? itemEvents(id, before, p.item, content) : [];
      if (!before && stored.state !== p.item.state) {
        itemChanges.push({
          itemId: id,
          type: 'status_changed',
          field: 'state',
          old: stored.state,
          new: p.item.state,
        });
      }
      if (wasRemoved)
        itemChanges.unshift({ itemId: id, type: 'restored', field: null, old: null, new: null });
      const rewrite =
        wasRemoved ||
        before !== undefined ||
        Number(stored.sheet_row) !== p.item.row ||
        stored.document_id !== documentId ||
        stored.state !== p.item.state ||
        stored.effective_due !== p.effectiveDue;
      if (rewrite) {
        const values = itemInsertValues(p.item, content ?? itemContent(p.item, p.cells, p.json), place);
        updates.push([id, ...UPDATE_COLUMNS.map((c) => values[ITEM_COLUMNS.indexOf(c)])]);
      }
      events.push(...itemChanges);
      if (itemChanges.some((e) => e.type === 'deadline_moved')) deadlinesMoved++;
      if (wasRemoved) restored++;
      if (wasRemoved || itemChanges.some((e) => e.field !== 'state')) changed++;
      else unchanged++;
    });
    for (const id of removedIds)
      events.push({ itemId: id, type: 'removed', field: null, old: null, new: null });

    // The diff of a big sheet is long synchronous work; on the embedded store so are the writes
    // below. Let the event loop turn (requests, timers, a SIGTERM that must see this sync in flight).
    await turn();

    const rowsWritten = inserts.length + updates.length + removedIds.length + events.length;
    const outcome = rowsWritten === 0 && !docs.wrote ? 'unchanged' : 'changed';
    await tx.run(
      `INSERT INTO sync_runs (id, cluster_id, source_id, document_id, actor, revision, started_at, finished_at,
         outcome, created, changed, removed, restored, unchanged, deadlines_moved, rows_written)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        syncId,
        cluster.id,
        source.id,
        docs.ids[0],
        input.actor,
        input.revision ?? null,
        startedAt,
        await finishTime(tx, source.id),
        outcome,
        created,
        changed,
        removedIds.length,
        restored,
        unchanged,
        deadlinesMoved,
        rowsWritten,
      ],
    );
    await hooks.afterWrite?.('syncRun');

    await insertMany(tx, db.maxParams, 'items', ITEM_COLUMNS, inserts);
    await updateItems(tx, db.maxParams, updates);
    await removeItems(tx, removedIds, at, syncId);
    await hooks.afterWrite?.('items');
    await turn();

    await insertMany(
      tx,
      db.maxParams,
      'item_events',
      ['item_id', 'sync_id', 'at', 'type', 'field', 'old_value', 'new_value'],
      events.map((e) => [
        e.itemId,
        syncId,
        at,
        e.type,
        e.field,
        e.old === null || e.old === undefined ? null : JSON.stringify(e.old),
        e.new === null || e.new === undefined ? null : JSON.stringify(e.new),
      ]),
    );
    await hooks.afterWrite?.('events');

    const summary: SyncSummary = {
      syncId,
      documentId: docs.ids[0],
      created,
      changed,
      removed: removedIds.length,
      unchanged,
      deadlinesMoved,
      rowIds: prepared.map((p, k) => ({ row: p.item.row, id: ids[k] })),
      items: prepared.map((p, k) => ({ id: ids[k], ...p.item, effectiveDue: p.effectiveDue })),
    };
    const key = input.snapshotKey ?? null;
    let contentVersion = Number(version.content_version);
    if (outcome === 'changed') {
      contentVersion++;
      await tx.run('UPDATE sources SET content_version = ?, last_snapshot_key = ? WHERE id = ?', [
        contentVersion,
        key,
        source.id,
      ]);
    } else if (version.last_snapshot_key !== key) {
      await tx.run('UPDATE sources SET last_snapshot_key = ? WHERE id = ?', [key, source.id]);
    }
    const result: SyncOutcome = { summary, restored, rowsWritten, unchanged: outcome === 'unchanged' };
    return { result, contentVersion };
  });
  if (cache) {
    const place = cacheKey(input.cluster, input.source);
    if (input.snapshotKey) cache.remember(place, input.snapshotKey, contentVersion, result.summary);
    else cache.forget(place);
  }
  return result;
}
