// A large sheet snapshot (POST /sync) read off the request thread: the JSON parse, the text rule,
// validation, the rows' digest, the grid and recognition of a body of megabytes take seconds of
// CPU, so they run in a child process (files/read-worker.ts, the budgets of imports). The request
// thread gets back the payload without its rows, and what the sync needs of them (SheetRead).
import {
  type Document,
  type Grid,
  recognizeTables,
  type SyncPayload,
  SyncPayloadSchema,
  xmlSafeDeep,
} from '@cluster/shared';
import { FileReadError } from '../files/errors.ts';
import { callInWorker } from '../files/read-worker.ts';
import { AppError } from './errors.ts';
import { gridOf } from './grid.ts';
import { RecognitionCache } from './recognition-cache.ts';

export type SyncHead = Omit<SyncPayload, 'rows'>;

/** What a sync needs of a sheet's rows once they are read. */
export interface SheetRead {
  rowCount: number;
  rowsDigest: string;
  rowIds: (string | null)[];
  /** By row as rowIds: the id a copied row carried (SyncRow.copiedFrom), when any row says one. */
  copiedFrom?: (string | null | undefined)[];
  grid: Grid;
  /** What recognition gave with readingOptions(head, context). */
  documents: Document[];
}

/** The service's side of the reading options: today and its default soon-window. */
export interface ReadContext {
  today: string;
  soonDays: number;
}

/** The options a sheet is recognised with (their order is part of the snapshot key). */
export function readingOptions(head: SyncHead, context: ReadContext) {
  return {
    today: context.today,
    soonDays: head.settings?.soonDays ?? context.soonDays,
    period: head.settings?.period ?? null,
    title: head.source.title,
    sheetName: head.source.sheetName,
  };
}

export type SyncBodyRead =
  | { ok: true; head: SyncHead; read: SheetRead }
  /** Not JSON: the parser's message. */
  | { ok: false; json: string }
  /** JSON that is not a sync payload: zod's issues. */
  | { ok: false; issues: { path: (string | number)[]; message: string }[] };

/** Runs in the child process: the request body's bytes → the sheet read (or why not). */
export function readSyncBody(bytes: Uint8Array, context: ReadContext): SyncBodyRead {
  let value: unknown;
  try {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, json: (error as Error).message };
  }
  // The text rule, as http/text.ts applies it to every JSON body.
  value = xmlSafeDeep(value);
  const parsed = SyncPayloadSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 50).map((issue) => ({
      path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
      message: issue.message,
    }));
    return { ok: false, issues };
  }
  const { rows, ...head } = parsed.data;
  const grid = gridOf(rows);
  return {
    ok: true,
    head,
    read: {
      rowCount: rows.length,
      rowsDigest: RecognitionCache.keyOf([rows]),
      rowIds: rows.map((r) => r.id),
      copiedFrom: rows.some((r) => r.copiedFrom) ? rows.map((r) => r.copiedFrom) : undefined,
      grid,
      documents: recognizeTables(grid, readingOptions(head, context)),
    },
  };
}

/** readSyncBody in a child process; a blown budget is a 422 like a file's. */
export async function readSyncBodyOffThread(bytes: Uint8Array, context: ReadContext): Promise<SyncBodyRead> {
  try {
    return (await callInWorker(import.meta.url, 'readSyncBody', [bytes, context], 'лист')) as SyncBodyRead;
  } catch (error) {
    if (error instanceof FileReadError) throw new AppError('unreadable', error.message, { reason: 'budget' });
    throw error;
  }
}

// A payload whose rows were read elsewhere stands for its SheetRead: the route hands syncSheet the
// usual SyncPayload (same handler, same contract) and syncSheet takes the rows' reading from here.
const reads = new WeakMap<SyncPayload, { read: SheetRead; context: ReadContext }>();

export function payloadReadAs(head: SyncHead, read: SheetRead, context: ReadContext): SyncPayload {
  const payload: SyncPayload = { ...head, rows: [] };
  reads.set(payload, { read, context });
  return payload;
}

/** The reading of a payload's rows done off the request thread, if it was. */
export function sheetReadOf(payload: SyncPayload): { read: SheetRead; context: ReadContext } | undefined {
  return reads.get(payload);
}
