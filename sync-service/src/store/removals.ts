// Removing a cluster, a source or a department with everything that hangs on it, in one
// transaction: documents, items, their history and rollups, sync runs, tokens and their sessions, contacts, reminders and daily tallies. Events of other items that name
// a removed sync run keep their change and lose only that link.
import type { Sql, Tx } from './db.ts';
import { bumpClusters } from './rollup-write.ts';
import { SOURCE_KEY_SELECT, type SourceKeyRow, syncLockKey } from './source-key.ts';
import type { RemoveOutcome } from './types.ts';

/** `column` of the rows to remove, as a subquery: e.g. `source_id = ?` with its parameter. */
interface Scope {
  where: string;
  param: string;
}

async function countDocuments(sql: Sql, scope: Scope): Promise<number> {
  const [row] = await sql.all<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM documents WHERE ${scope.where} AND removed = 0`,
    [scope.param],
  );
  return Number(row.n);
}

/** Deletes the documents, items, history and sync runs of `scope` (over documents/items/sync_runs). */
async function deleteContents(sql: Sql, scope: Scope): Promise<void> {
  const p = [scope.param];
  const runs = `SELECT id FROM sync_runs WHERE ${scope.where}
    OR document_id IN (SELECT id FROM documents WHERE ${scope.where})`;
  await sql.run(`DELETE FROM item_events WHERE item_id IN (SELECT id FROM items WHERE ${scope.where})`, p);
  await sql.run(`UPDATE item_events SET sync_id = NULL WHERE sync_id IN (${runs})`, [...p, ...p]);
  // The reminders' once-only keys name items; the messages sent stay in the reminder log.
  await sql.run(`DELETE FROM reminder_items WHERE item_id IN (SELECT id FROM items WHERE ${scope.where})`, p);
  await sql.run(
    `DELETE FROM item_rollups WHERE document_id IN (SELECT id FROM documents WHERE ${scope.where})`,
    p,
  );
  await sql.run(`DELETE FROM item_dues WHERE item_id IN (SELECT id FROM items WHERE ${scope.where})`, p);
  await sql.run(`DELETE FROM items WHERE ${scope.where}`, p);
  await sql.run(`DELETE FROM sync_runs WHERE id IN (${runs})`, [...p, ...p]);
  await sql.run(`DELETE FROM documents WHERE ${scope.where}`, p);
}

/** Takes the sync locks of the sources (in one order), so no sync of them runs meanwhile. */
async function lockSources(tx: Tx, rows: readonly SourceKeyRow[]): Promise<void> {
  for (const key of rows.map(syncLockKey).sort()) await tx.lock(key);
}

export async function removeSource(tx: Tx, id: string, withDocuments: boolean): Promise<RemoveOutcome> {
  const rows = await tx.all<SourceKeyRow>(`${SOURCE_KEY_SELECT} WHERE id = ?`, [id]);
  if (rows.length === 0) return { removed: false, documents: 0 };
  await lockSources(tx, rows);
  const scope = { where: 'source_id = ?', param: id };
  const documents = await countDocuments(tx, scope);
  if (documents > 0 && !withDocuments) return { removed: false, documents };
  await bumpClusters(tx, 'id IN (SELECT cluster_id FROM sources WHERE id = ?)', [id]);
  await deleteContents(tx, scope);
  await tx.run('DELETE FROM sources WHERE id = ?', [id]);
  return { removed: true, documents };
}

export async function removeCluster(tx: Tx, id: string, withDocuments: boolean): Promise<RemoveOutcome> {
  await lockSources(tx, await tx.all<SourceKeyRow>(`${SOURCE_KEY_SELECT} WHERE cluster_id = ?`, [id]));
  const scope = { where: 'cluster_id = ?', param: id };
  const documents = await countDocuments(tx, scope);
  if (documents > 0 && !withDocuments) return { removed: false, documents };
  await deleteContents(tx, scope);
  await tx.run('DELETE FROM sources WHERE cluster_id = ?', [id]);
  await tx.run('DELETE FROM sessions WHERE token_id IN (SELECT id FROM tokens WHERE cluster_id = ?)', [id]);
  await tx.run('DELETE FROM tokens WHERE cluster_id = ?', [id]);
  await tx.run('DELETE FROM cluster_tallies WHERE cluster_id = ?', [id]);
  await tx.run('DELETE FROM cluster_kid_tallies WHERE cluster_id = ?', [id]);
  // The cluster's contacts, reminder log and calendar feeds go with it.
  await tx.run(
    'DELETE FROM reminder_items WHERE message_id IN (SELECT id FROM reminder_messages WHERE cluster_id = ?)',
    [id],
  );
  await tx.run('DELETE FROM reminder_messages WHERE cluster_id = ?', [id]);
  await tx.run('DELETE FROM contacts WHERE cluster_id = ?', [id]);
  await tx.run('DELETE FROM calendar_feeds WHERE cluster_id = ?', [id]);
  const removed = await tx.run('DELETE FROM clusters WHERE id = ?', [id]);
  return { removed: removed > 0, documents };
}

export async function removeDepartment(tx: Tx, id: string): Promise<boolean> {
  await tx.run('DELETE FROM sessions WHERE token_id IN (SELECT id FROM tokens WHERE department_id = ?)', [
    id,
  ]);
  await tx.run('DELETE FROM tokens WHERE department_id = ?', [id]);
  return (await tx.run('DELETE FROM departments WHERE id = ?', [id])) > 0;
}
