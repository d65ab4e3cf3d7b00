// Sources: one sheet of a Google spreadsheet (spreadsheet id + sheet id) or an imported file.
import { randomUUID } from 'node:crypto';
import type { Store } from './api.ts';
import { countRows, type Db, type Param, pagedList, type Sql } from './db.ts';
import { StoreError } from './errors.ts';
import { removeSource } from './removals.ts';
import { scopeConditions } from './scope.ts';
import { sourceKey } from './source-key.ts';
import type { Source, SourceFilter, SourceRef } from './types.ts';

export { sourceKey };

interface SourceRow {
  id: string;
  cluster_id: string;
  cluster_slug: string;
  kind: 'sheet' | 'file';
  spreadsheet_id: string | null;
  sheet_id: number | null;
  sheet_name: string | null;
  file_name: string | null;
  title: string | null;
  created_at: string;
  last_sync_at: string | null;
}

const SELECT = `SELECT s.*, c.slug AS cluster_slug,
  (SELECT MAX(r.finished_at) FROM sync_runs r WHERE r.source_id = s.id) AS last_sync_at
  FROM sources s JOIN clusters c ON c.id = s.cluster_id`;
const SOURCE_LIST = {
  select: SELECT,
  from: 'sources s JOIN clusters c ON c.id = s.cluster_id',
  id: 's.id',
  order: 'c.slug, s.created_at, s.id',
};

/** The WHERE of a source filter (with its leading space); null when nothing can match. */
function sourceWhere(filter: SourceFilter): { where: string; params: Param[] } | null {
  const scope = scopeConditions({ clusterSlugs: filter.clusterSlugs });
  if (!scope) return null;
  const { where, params } = scope;
  if (filter.kind) {
    where.push('s.kind = ?');
    params.push(filter.kind);
  }
  return { where: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
}

const sourceOf = (r: SourceRow): Source => ({
  id: r.id,
  clusterId: r.cluster_id,
  clusterSlug: r.cluster_slug,
  kind: r.kind,
  spreadsheetId: r.spreadsheet_id,
  sheetId: r.sheet_id === null ? null : Number(r.sheet_id),
  sheetName: r.sheet_name,
  fileName: r.file_name,
  title: r.title,
  createdAt: r.created_at,
  lastSyncAt: r.last_sync_at,
});

function checkRef(ref: SourceRef): void {
  if (ref.kind === 'sheet') {
    if (!ref.spreadsheetId.trim())
      throw new StoreError('invalid', 'Не указан идентификатор таблицы (spreadsheetId)');
    if (!Number.isInteger(ref.sheetId)) throw new StoreError('invalid', 'sheetId должен быть целым числом');
  } else if (!ref.fileName.trim()) {
    throw new StoreError('invalid', 'Не указано имя файла');
  }
}

/** Finds or creates the source; updates a renamed sheet and a new title. Usable inside a transaction. */
export async function upsertSource(
  sql: Sql,
  clusterId: string,
  ref: SourceRef,
  title: string | null | undefined,
): Promise<{ id: string; created: boolean }> {
  checkRef(ref);
  const key = sourceKey(ref);
  const [found] = await sql.all<{ id: string; sheet_name: string | null; title: string | null }>(
    'SELECT id, sheet_name, title FROM sources WHERE cluster_id = ? AND source_key = ?',
    [clusterId, key],
  );
  if (found) {
    const sheetName = ref.kind === 'sheet' ? ref.sheetName : found.sheet_name;
    const newTitle = title ?? found.title;
    if (sheetName !== found.sheet_name || newTitle !== found.title) {
      await sql.run('UPDATE sources SET sheet_name = ?, title = ? WHERE id = ?', [
        sheetName,
        newTitle,
        found.id,
      ]);
    }
    return { id: found.id, created: false };
  }
  const id = randomUUID();
  const values: Param[] =
    ref.kind === 'sheet'
      ? [id, clusterId, 'sheet', key, ref.spreadsheetId, ref.sheetId, ref.sheetName, null, title ?? null]
      : [id, clusterId, 'file', key, null, null, null, ref.fileName, title ?? null];
  const inserted = await sql.run(
    `INSERT INTO sources (id, cluster_id, kind, source_key, spreadsheet_id, sheet_id, sheet_name, file_name, title, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cluster_id, source_key) DO NOTHING`,
    [...values, new Date().toISOString()],
  );
  if (inserted > 0) return { id, created: true };
  // Registered at the same moment by another connection.
  const [again] = await sql.all<{ id: string }>(
    'SELECT id FROM sources WHERE cluster_id = ? AND source_key = ?',
    [clusterId, key],
  );
  return { id: again.id, created: false };
}

export function sourcesRepo(db: Db): Store['sources'] {
  const getById = async (id: string) => {
    const [row] = await db.all<SourceRow>(`${SELECT} WHERE s.id = ?`, [id]);
    return row ? sourceOf(row) : null;
  };
  return {
    async register(clusterSlug, ref, title) {
      const [cluster] = await db.all<{ id: string }>('SELECT id FROM clusters WHERE slug = ?', [clusterSlug]);
      if (!cluster) throw new StoreError('not_found', `Кластер «${clusterSlug}» не найден`);
      const { id } = await db.transaction((tx) => upsertSource(tx, cluster.id, ref, title));
      return (await getById(id))!;
    },
    getById,
    async list(filter = {}) {
      const found = sourceWhere(filter);
      if (!found) return [];
      const { sql, params } = pagedList(SOURCE_LIST, found, filter);
      return (await db.all<SourceRow>(sql, params)).map(sourceOf);
    },
    count: (filter = {}) => countRows(db, SOURCE_LIST.from, sourceWhere(filter)),
    remove: (id, { withDocuments }) => db.transaction((tx) => removeSource(tx, id, withDocuments)),
  };
}
