// The bench's yardstick for sync_ingest_ratio: the same item rows inserted in one transaction into
// the same items table, with no reading, matching or history. Rows go under a scratch source that
// `cleanup` removes.
import { randomUUID } from 'node:crypto';
import { effectiveDue, stateBasis } from '@cluster/shared';
import type { Store } from './api.ts';
import { StoreError } from './errors.ts';
import { ITEMS, type ItemWrite, itemContent } from './items-table.ts';
import { storedCell } from './rows.ts';
import { SqlStore } from './sql-store.ts';
import { insertRows } from './table-write.ts';
import type { SnapshotInput } from './types.ts';

export async function bareInsertBaseline(
  store: Store,
  input: Pick<SnapshotInput, 'cluster' | 'documents' | 'cells' | 'today'>,
): Promise<{ rows: number; cleanup(): Promise<void> }> {
  if (!(store instanceof SqlStore)) throw new Error('bareInsertBaseline needs the store from openStore');
  const db = store.db;
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const sourceId = randomUUID();
  const rows = await db.transaction(async (tx) => {
    const [cluster] = await tx.all<{ id: string }>('SELECT id FROM clusters WHERE slug = ?', [input.cluster]);
    if (!cluster) throw new StoreError('not_found', `Кластер «${input.cluster}» не найден`);
    const at = new Date().toISOString();
    await tx.run(
      `INSERT INTO sources (id, cluster_id, kind, source_key, file_name, created_at) VALUES (?, ?, 'file', ?, ?, ?)`,
      [sourceId, cluster.id, `baseline:${sourceId}`, 'baseline', at],
    );
    const documentIds = input.documents.map(() => randomUUID());
    const values: ItemWrite[] = [];
    for (let d = 0; d < input.documents.length; d++) {
      const doc = input.documents[d];
      await tx.run(
        `INSERT INTO documents (id, source_id, cluster_id, ordinal, title, kind, meta, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
        [documentIds[d], sourceId, cluster.id, d, doc.title, doc.kind, at, at],
      );
      for (const item of doc.items) {
        const cells = (input.cells?.[item.row - 1] ?? []).map(storedCell);
        values.push({
          item,
          content: itemContent(item, cells),
          place: {
            id: randomUUID(),
            clusterId: cluster.id,
            sourceId,
            documentId: documentIds[d],
            effectiveDue: item.effectiveDue ?? effectiveDue(item.deadline, item.mark, today),
            basis: stateBasis(item.deadline, item.mark, null),
            at,
            syncId: null,
          },
        });
      }
    }
    return insertRows(tx, db.maxParams, ITEMS, values);
  });
  return {
    rows,
    cleanup: () =>
      db.transaction(async (tx) => {
        await tx.run('DELETE FROM items WHERE source_id = ?', [sourceId]);
        await tx.run('DELETE FROM documents WHERE source_id = ?', [sourceId]);
        await tx.run('DELETE FROM sources WHERE id = ?', [sourceId]);
      }),
  };
}
