// The sync's side of the store: one source's reads and writes in one transaction that holds the
// source's lock, so syncs of one source (also from two processes on one PostgreSQL) run one after
// the other. The planning between the reads and the write is the caller's (src/sync/).
import type { StateBasis } from '@cluster/shared';
import { adoptDocument, clusterDocuments } from './adopt.ts';
import { type Db, marks, type Tx } from './db.ts';
import { StoreError } from './errors.ts';
import {
  ANSWER_ITEM_SELECT,
  type AnswerItemRow,
  answerItemOf,
  ITEM_CONTENT_SELECT,
  ITEM_LIGHT_SELECT,
} from './items-table.ts';
import { finishTime } from './run-time.ts';
import { sourceKey, upsertSource } from './sources.ts';
import { SYNC_RUNS } from './sync-tables.ts';
import type {
  LightItem,
  SourcePlace,
  SourceSession,
  StoredContent,
  StoredDocument,
  SyncStore,
} from './sync-types.ts';
import { writeSync } from './sync-write.ts';
import { insertRows } from './table-write.ts';

interface LightRow {
  id: string;
  sheet_row: number | string;
  number: string;
  title: string;
  hash: string;
  state: string;
  effective_due: string | null;
  due_kind: StateBasis['kind'] | null;
  due_on: string | null;
  first_due: string | null;
  first_start: string | null;
  due_list: string | null;
  document_id: string;
  removed: number | string;
}

interface DocumentRow {
  id: string;
  ordinal: number | string;
  title: string;
  kind: string;
  period_start: string | null;
  period_end: string | null;
  meta: string;
  removed: number | string;
}

interface VersionRow {
  id: string;
  content_version: number | string;
  last_snapshot_key: string | null;
}

function session(db: Db, tx: Tx, clusterId: string, source: VersionRow): SourceSession {
  const sourceId = source.id;
  const version = {
    contentVersion: Number(source.content_version),
    lastSnapshotKey: source.last_snapshot_key,
  };
  return {
    clusterId,
    sourceId,
    ...version,
    async documents(): Promise<StoredDocument[]> {
      const rows = await tx.all<DocumentRow>(
        'SELECT id, ordinal, title, kind, period_start, period_end, meta, removed FROM documents WHERE source_id = ?',
        [sourceId],
      );
      return rows.map((r) => ({
        id: r.id,
        ordinal: Number(r.ordinal),
        title: r.title,
        kind: r.kind,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        meta: r.meta,
        removed: Number(r.removed) === 1,
      }));
    },
    clusterDocuments: () => clusterDocuments(tx, clusterId, sourceId),
    adoptDocument: (id, ordinal) => adoptDocument(tx, { clusterId, sourceId }, id, ordinal),
    async items(): Promise<LightItem[]> {
      const rows = await tx.all<LightRow>(`SELECT ${ITEM_LIGHT_SELECT} FROM items WHERE source_id = ?`, [
        sourceId,
      ]);
      return rows.map((r) => ({
        id: r.id,
        row: Number(r.sheet_row),
        number: r.number,
        title: r.title,
        hash: r.hash,
        state: r.state,
        effectiveDue: r.effective_due,
        basis: {
          kind: r.due_kind ?? 'unknown',
          due: r.due_on,
          firstDue: r.first_due,
          firstStart: r.first_start,
          dues: r.due_list === null ? null : (JSON.parse(r.due_list) as string[]),
        },
        documentId: r.document_id,
        removed: Number(r.removed) === 1,
      }));
    },
    async contents(ids) {
      const out = new Map<string, StoredContent>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const rows = await tx.all<StoredContent>(
          `SELECT ${ITEM_CONTENT_SELECT} FROM items WHERE id IN (${marks(chunk.length)})`,
          chunk,
        );
        for (const r of rows) out.set(r.id, r);
      }
      return out;
    },
    async lastAnswer() {
      const [doc] = await tx.all<{ id: string }>(
        'SELECT id FROM documents WHERE source_id = ? AND removed = 0 ORDER BY ordinal LIMIT 1',
        [sourceId],
      );
      if (!doc) return null;
      const rows = await tx.all<AnswerItemRow>(
        `SELECT ${ANSWER_ITEM_SELECT} FROM items i JOIN documents d ON d.id = i.document_id
         WHERE i.source_id = ? AND i.removed = 0 ORDER BY d.ordinal, i.sheet_row, i.id`,
        [sourceId],
      );
      return {
        documentId: doc.id,
        rows: rows.map((r) => ({ documentId: r.document_id, item: answerItemOf(r) })),
      };
    },
    write: (plan, hooks) =>
      writeSync({ tx, maxParams: db.maxParams, clusterId, sourceId }, plan, version, hooks),
    async recordRun(run) {
      const finishedAt = await finishTime(tx, sourceId);
      await insertRows(tx, db.maxParams, SYNC_RUNS, [
        { row: run, clusterId, sourceId, at: finishedAt, finishedAt },
      ]);
    },
  };
}

async function lockedCluster(tx: Tx, place: SourcePlace): Promise<string> {
  const [cluster] = await tx.all<{ id: string }>('SELECT id FROM clusters WHERE slug = ?', [place.cluster]);
  if (!cluster) throw new StoreError('not_found', `Кластер «${place.cluster}» не найден`);
  await tx.lock(`sync:${cluster.id}:${sourceKey(place.source)}`);
  return cluster.id;
}

const VERSION_SELECT = 'SELECT id, content_version, last_snapshot_key FROM sources';

export function syncStore(db: Db): SyncStore {
  return {
    async lastSnapshotKey(place) {
      const [last] = await db.all<{ last_snapshot_key: string | null }>(
        `SELECT s.last_snapshot_key FROM sources s JOIN clusters c ON c.id = s.cluster_id
         WHERE c.slug = ? AND s.source_key = ?`,
        [place.cluster, sourceKey(place.source)],
      );
      return last?.last_snapshot_key ?? null;
    },
    withSource(place, work) {
      return db.transaction(async (tx) => {
        const clusterId = await lockedCluster(tx, place);
        const { id } = await upsertSource(tx, clusterId, place.source, place.title);
        const [source] = await tx.all<VersionRow>(`${VERSION_SELECT} WHERE id = ?`, [id]);
        return work(session(db, tx, clusterId, source));
      });
    },
    withKnownSource(place, work) {
      return db.transaction(async (tx) => {
        const clusterId = await lockedCluster(tx, place);
        const [source] = await tx.all<VersionRow>(
          `${VERSION_SELECT} WHERE cluster_id = ? AND source_key = ?`,
          [clusterId, sourceKey(place.source)],
        );
        return work(source ? session(db, tx, clusterId, source) : null);
      });
    },
  };
}
