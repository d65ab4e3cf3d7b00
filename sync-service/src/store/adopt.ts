// A document is the cluster's, not its file's: the cluster's documents from other sources (to
// recognise the same plan come another way), and moving one of them, with its items and history,
// to the source now syncing it.
import type { Tx } from './db.ts';
import { StoreError } from './errors.ts';
import { SOURCE_KEY_SELECT, type SourceKeyRow, syncLockKey } from './source-key.ts';
import type { ClusterDocument } from './sync-types.ts';

interface ClusterDocumentRow {
  id: string;
  source_id: string;
  title: string;
  kind: string;
  period_start: string | null;
  period_end: string | null;
  removed: number | string;
  archived_at: string | null;
  updated_at: string;
  source_kind: 'sheet' | 'file';
  file_name: string | null;
  sheet_name: string | null;
  spreadsheet_id: string | null;
}

export async function clusterDocuments(
  tx: Tx,
  clusterId: string,
  sourceId: string,
): Promise<ClusterDocument[]> {
  const rows = await tx.all<ClusterDocumentRow>(
    `SELECT d.id, d.source_id, d.title, d.kind, d.period_start, d.period_end, d.removed, d.archived_at,
       d.updated_at, s.kind AS source_kind, s.file_name, s.sheet_name, s.spreadsheet_id
     FROM documents d JOIN sources s ON s.id = d.source_id
     WHERE d.cluster_id = ? AND d.source_id <> ?`,
    [clusterId, sourceId],
  );
  return rows.map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    source:
      r.source_kind === 'file'
        ? { kind: 'file', name: r.file_name ?? '' }
        : { kind: 'sheet', name: r.sheet_name || (r.spreadsheet_id ?? '') },
    title: r.title,
    kind: r.kind,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    removed: Number(r.removed) === 1,
    archived: r.archived_at !== null,
    updatedAt: r.updated_at,
  }));
}

/**
 * Moves document `id` of this cluster, with its items, to `sourceId` at `ordinal`; a document of that
 * source in the place moves to its end (the sync then finds it no longer there). The source it
 * leaves forgets its last snapshot, so its next sync reads afresh.
 */
export async function adoptDocument(
  tx: Tx,
  where: { clusterId: string; sourceId: string },
  id: string,
  ordinal: number,
): Promise<void> {
  const [doc] = await tx.all<{ source_id: string; cluster_id: string }>(
    'SELECT source_id, cluster_id FROM documents WHERE id = ?',
    [id],
  );
  if (!doc || doc.cluster_id !== where.clusterId) {
    throw new StoreError(
      'not_found',
      `Документ ${id} не найден в этом кластере (список: cluster-sync document list)`,
    );
  }
  if (doc.source_id !== where.sourceId) {
    const [donor] = await tx.all<SourceKeyRow>(`${SOURCE_KEY_SELECT} WHERE id = ?`, [doc.source_id]);
    // Never wait for the other source's lock while holding ours: two syncs could wait for each other.
    if (!(await tx.tryLock(syncLockKey(donor)))) {
      throw new StoreError(
        'conflict',
        'Этот документ сейчас синхронизируется из другого источника; повторите',
      );
    }
    await tx.run(
      'UPDATE sources SET content_version = content_version + 1, last_snapshot_key = NULL WHERE id = ?',
      [doc.source_id],
    );
  }
  const [{ top }] = await tx.all<{ top: number | string | null }>(
    'SELECT MAX(ordinal) AS top FROM documents WHERE source_id = ?',
    [where.sourceId],
  );
  await tx.run('UPDATE documents SET ordinal = ? WHERE source_id = ? AND ordinal = ? AND id <> ?', [
    Number(top ?? -1) + 1,
    where.sourceId,
    ordinal,
    id,
  ]);
  // Out of the way first: the unique (source_id, ordinal) must hold after each statement.
  await tx.run('UPDATE documents SET ordinal = ? WHERE id = ?', [-1 - ordinal, id]);
  await tx.run('UPDATE documents SET source_id = ?, ordinal = ? WHERE id = ?', [where.sourceId, ordinal, id]);
  await tx.run('UPDATE items SET source_id = ? WHERE document_id = ?', [where.sourceId, id]);
}
