// The one sync path: sheet rows (push or pull) or a file's documents → domain core → store.
// Recognition happens before the store's transaction, so a snapshot that cannot be read changes
// nothing.
import { type Document, recognizeTables, type SyncPayload, type SyncSummary } from '@cluster/shared';
import type { Principal } from '../../http/auth.ts';
import { HttpError } from '../../http/errors.ts';
import type { AppServices } from '../../services.ts';
import type { Cluster, SnapshotInput, SourceRef } from '../../store/types.ts';
import { gridOf } from './grid.ts';
import { RecognitionCache } from './recognition-cache.ts';

const recognitionCache = new RecognitionCache();

/** Who a sync is recorded as: the token's id. */
export function actorOf(p: Principal): string {
  return `token:${p.tokenId}`;
}

export const noTable = (where: string) =>
  new HttpError(
    422,
    'no_table',
    `${where}: не найдена таблица — нет строки заголовка с колонками вроде «№», «Мероприятие», «Срок», «Ответственный»`,
  );

/** Applies a snapshot whose documents are already read; returns the API's answer. */
export async function applyDocuments(
  services: AppServices,
  input: Omit<SnapshotInput, 'today'>,
): Promise<SyncSummary> {
  const outcome = await services.store.applySnapshot({ ...input, today: services.today() });
  services.logger.info(
    {
      cluster: input.cluster,
      syncId: outcome.summary.syncId,
      created: outcome.summary.created,
      changed: outcome.summary.changed,
      removed: outcome.summary.removed,
      rowsWritten: outcome.rowsWritten,
    },
    'sync applied',
  );
  return outcome.summary;
}

/** A sheet's snapshot (POST /sync, pull, demo). */
export async function syncSheet(
  services: AppServices,
  cluster: Pick<Cluster, 'slug'>,
  payload: SyncPayload,
  actor: string,
): Promise<SyncSummary> {
  services.logger.info(
    { cluster: cluster.slug, spreadsheetId: payload.source.spreadsheetId, rows: payload.rows.length, actor },
    'sync started',
  );
  const grid = gridOf(payload.rows);
  const options = {
    today: services.today(),
    soonDays: payload.settings?.soonDays ?? services.config.soonDays,
    period: payload.settings?.period ?? null,
    title: payload.source.title,
    sheetName: payload.source.sheetName,
  };
  const sheetKey = `${cluster.slug}\u0000${payload.source.spreadsheetId}\u0000${payload.source.sheetId}`;
  const documents: Document[] = recognitionCache.get(
    sheetKey,
    RecognitionCache.keyOf([options, payload.rows]),
    () => recognizeTables(grid, options),
  );
  if (documents.length === 0) throw noTable(`Лист «${payload.source.sheetName}»`);
  const source: SourceRef = {
    kind: 'sheet',
    spreadsheetId: payload.source.spreadsheetId,
    sheetId: payload.source.sheetId,
    sheetName: payload.source.sheetName,
  };
  return applyDocuments(services, {
    cluster: cluster.slug,
    source,
    title: payload.source.title ?? null,
    documents,
    rowIds: payload.rows.map((r) => r.id),
    cells: grid,
    actor,
    revision: payload.revision ?? null,
  });
}
