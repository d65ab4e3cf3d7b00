// Pull: read every registered Google sheet (one batchGet per spreadsheet) and send each through
// the same sync path as the add-in's push.
import { type SyncPayload, xmlSafeDeep } from '@cluster/shared';
import { syncSheet } from '../app/sync-sheet.ts';
import type { AppServices } from '../services.ts';
import { normalizeCell } from './dates.ts';
import { createSheetsReader, type SheetsReader } from './sheets-client.ts';

export interface PullResult {
  source: string;
  ok: boolean;
  syncId?: string;
  created?: number;
  changed?: number;
  removed?: number;
  error?: string;
}

export class PullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PullError';
  }
}

function readerFor(services: AppServices): SheetsReader {
  const file = services.config.googleCredentials;
  if (!file) {
    throw new PullError(
      'не задан GOOGLE_APPLICATION_CREDENTIALS: укажите путь к JSON-ключу сервисного аккаунта Google',
    );
  }
  return createSheetsReader({
    credentialsFile: file,
    rootUrl: services.config.sheetsRootUrl,
    retry: {
      retries: 5,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      onRetry: (info) => services.logger.warn(info, 'Sheets API asked to retry'),
    },
  });
}

function messageOf(error: unknown): string {
  const e = error as { response?: { data?: { error?: { message?: string } } }; message?: string };
  return e?.response?.data?.error?.message ?? e?.message ?? String(error);
}

/** Pulls the Google sheet sources (all, or one by id); one result per source, failures included. */
export async function pullSources(
  services: AppServices,
  { sourceId, reader }: { sourceId?: string; reader?: SheetsReader } = {},
): Promise<PullResult[]> {
  const { store, logger } = services;
  const sources = (await store.sources.list({ kind: 'sheet' })).filter((s) => !sourceId || s.id === sourceId);
  if (sourceId && sources.length === 0)
    throw new PullError(`источник ${sourceId} не найден среди листов Google`);
  if (sources.length === 0) return [];
  const sheets = reader ?? readerFor(services);

  const bySpreadsheet = new Map<string, typeof sources>();
  for (const s of sources) {
    const list = bySpreadsheet.get(s.spreadsheetId!) ?? [];
    list.push(s);
    bySpreadsheet.set(s.spreadsheetId!, list);
  }

  const results: PullResult[] = [];
  for (const [spreadsheetId, group] of bySpreadsheet) {
    let book: Awaited<ReturnType<SheetsReader['read']>>;
    try {
      book = await sheets.read(spreadsheetId, [...new Set(group.map((s) => s.sheetId!))]);
    } catch (error) {
      const message = `не удалось прочитать таблицу ${spreadsheetId}: ${messageOf(error)}`;
      logger.error({ spreadsheetId, err: error }, 'pull failed');
      for (const s of group) results.push({ source: s.id, ok: false, error: message });
      continue;
    }
    for (const source of group) {
      const sheet = book.sheets.find((x) => x.sheetId === source.sheetId);
      if (!sheet) {
        results.push({
          source: source.id,
          ok: false,
          error: `в таблице «${book.title}» нет листа с id ${source.sheetId} (удалён?)`,
        });
        continue;
      }
      try {
        const cluster = { slug: source.clusterSlug };
        // The Sheets API is an edge too: the same text rule as a pushed snapshot.
        const payload: SyncPayload = xmlSafeDeep({
          cluster: cluster.slug,
          source: { spreadsheetId, sheetId: sheet.sheetId, sheetName: sheet.sheetName, title: book.title },
          rows: sheet.values.map((row) => ({
            id: null,
            cells: row.map((c) => normalizeCell(c, book.locale)),
          })),
        });
        const summary = await services.inflight.run(() => syncSheet(services, cluster, payload, 'pull'));
        results.push({
          source: source.id,
          ok: true,
          syncId: summary.syncId,
          created: summary.created,
          changed: summary.changed,
          removed: summary.removed,
        });
      } catch (error) {
        logger.error({ source: source.id, err: error }, 'pull sync failed');
        results.push({ source: source.id, ok: false, error: messageOf(error) });
      }
    }
  }
  return results;
}
