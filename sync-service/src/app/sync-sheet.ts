// The one sync path: sheet rows (push or pull) or a file's documents → domain core → store.
// Recognition happens before the store's transaction, so a snapshot that cannot be read changes
// nothing.
import {
  type Document,
  type Grid,
  type RecognizeOptions,
  recognizeTables,
  type SyncPayload,
  type SyncSummary,
} from '@cluster/shared';
import { FileReadError } from '../files/errors.ts';
import { recognizeGridInWorker } from '../files/read-worker.ts';
import type { AppServices } from '../services.ts';
import type { Cluster, SnapshotInput, SourceRef, SyncOutcome } from '../store/types.ts';
import { snapshotKeyOf } from '../sync/snapshot-key.ts';
import { turn } from '../turn.ts';
import { AppError } from './errors.ts';
import { gridOf } from './grid.ts';
import { RecognitionCache } from './recognition-cache.ts';
import { resyncIfUnchanged } from './resync.ts';
import { readingOptions, sheetReadOf } from './sheet-read.ts';
import { applySnapshot } from './sync-snapshot.ts';

// One memo per store object, like the store's own memory of last answers: a second app in the
// same process (tests, the bench) behaves as another service process would.
const recognitionCaches = new WeakMap<object, RecognitionCache>();
function recognitionCacheOf(services: AppServices): RecognitionCache {
  let cache = recognitionCaches.get(services.store);
  if (!cache) {
    cache = new RecognitionCache();
    recognitionCaches.set(services.store, cache);
  }
  return cache;
}

/** A sync or import that wrote this many rows refreshes the planner's statistics (store.analyze). */
export const ANALYZE_ROWS = 10_000;

/** Sheets from this many rows are recognised off the request thread (a child process costs ~0.2 s to start). */
export const WORKER_ROWS = 20_000;

async function recognizeInWorker(grid: Grid, options: RecognizeOptions): Promise<Document[]> {
  try {
    return await recognizeGridInWorker(grid, options);
  } catch (error) {
    if (error instanceof FileReadError) throw new AppError('unreadable', error.message, { reason: 'budget' });
    throw error;
  }
}

export const noTable = (where: string) =>
  new AppError(
    'unreadable',
    `${where}: не найдена таблица — нет строки заголовка с колонками вроде «№», «Мероприятие», «Срок», «Ответственный»`,
    { reason: 'no_table' },
  );

function logApplied(services: AppServices, cluster: string, outcome: SyncOutcome, fast = false): void {
  services.logger.info(
    {
      cluster,
      syncId: outcome.summary.syncId,
      created: outcome.summary.created,
      changed: outcome.summary.changed,
      removed: outcome.summary.removed,
      rowsWritten: outcome.rowsWritten,
      ...(fast ? { identicalResync: true } : {}),
    },
    'sync applied',
  );
}

/** Applies a snapshot whose documents are already read; returns the API's answer. */
export async function applyDocuments(
  services: AppServices,
  input: Omit<SnapshotInput, 'today'> & { today?: string },
): Promise<SyncSummary> {
  // Reading a big sheet is long synchronous work, and so is the embedded store's transaction: let
  // waiting requests, timers and signals (a SIGTERM must see this sync as in flight) run in between.
  await turn();
  const outcome = await applySnapshot(services.store, { ...input, today: input.today ?? services.today() });
  logApplied(services, input.cluster, outcome);
  if (outcome.rowsWritten >= ANALYZE_ROWS) await services.store.analyze();
  // The embedded store's write ends synchronously: the answer (megabytes of JSON) is built in a turn
  // of its own.
  await turn();
  return outcome.summary;
}

/** A sheet's snapshot (POST /sync, pull, demo). */
export async function syncSheet(
  services: AppServices,
  cluster: Pick<Cluster, 'slug'>,
  payload: SyncPayload,
  actor: string,
): Promise<SyncSummary> {
  // A large body was read off the request thread already (sheet-read.ts).
  const offThread = sheetReadOf(payload);
  const read = offThread?.read;
  services.logger.info(
    {
      cluster: cluster.slug,
      spreadsheetId: payload.source.spreadsheetId,
      rows: read?.rowCount ?? payload.rows.length,
      actor,
    },
    'sync started',
  );
  const options = readingOptions(
    payload,
    offThread?.context ?? {
      today: services.today(),
      soonDays: services.config.soonDays,
    },
  );
  const source: SourceRef = {
    kind: 'sheet',
    spreadsheetId: payload.source.spreadsheetId,
    sheetId: payload.source.sheetId,
    sheetName: payload.source.sheetName,
  };
  // One pass over the rows (with their ids) serves both memos below.
  const rowsDigest = read?.rowsDigest ?? RecognitionCache.keyOf([payload.rows]);
  // Everything the stored answer follows from; the same key and an untouched source mean the last
  // answer stands (checked by the store under the sheet's lock, so also across processes).
  const snapshotKey = snapshotKeyOf([cluster.slug, payload.source, options, rowsDigest]);
  const fast = await resyncIfUnchanged(services.store, {
    cluster: cluster.slug,
    source,
    snapshotKey,
    actor,
    revision: payload.revision ?? null,
  });
  if (fast) {
    logApplied(services, cluster.slug, fast, true);
    return fast.summary;
  }
  const grid = read?.grid ?? gridOf(payload.rows);
  const sheetKey = `${cluster.slug}\u0000${payload.source.spreadsheetId}\u0000${payload.source.sheetId}`;
  // A large sheet is recognised in a child process, so other clients (and /healthz) keep answering.
  const documents: Document[] = await recognitionCacheOf(services).getAsync(
    sheetKey,
    RecognitionCache.keyOf([options, rowsDigest]),
    async () =>
      read?.documents ??
      (payload.rows.length >= WORKER_ROWS
        ? recognizeInWorker(grid, options)
        : recognizeTables(grid, options)),
  );
  if (documents.length === 0) throw noTable(`Лист «${payload.source.sheetName}»`);
  return applyDocuments(services, {
    today: options.today,
    snapshotKey,
    cluster: cluster.slug,
    source,
    title: payload.source.title ?? null,
    documents,
    rowIds: read?.rowIds ?? payload.rows.map((r) => r.id),
    copiedFrom: read
      ? read.copiedFrom
      : payload.rows.some((r) => r.copiedFrom)
        ? payload.rows.map((r) => r.copiedFrom)
        : undefined,
    cells: grid,
    actor,
    revision: payload.revision ?? null,
  });
}
