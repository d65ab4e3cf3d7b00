// «Синхронизировать»: the sheet's snapshot to the service (POST /api/v1/sync, DESIGN's contract),
// with the stable row ids of the hidden 'id' column; the ids the service gives back are stored.
import type { SyncPayload, SyncSummary } from '@cluster/shared';
import { type FetchResponse, postJson, UserError } from './gas.ts';
import { addHelperColumn, writeHelperColumn } from './helper-columns.ts';
import type { Settings } from './settings-store.ts';
import { type Snapshot, syncCell } from './snapshot.ts';

export function requireSyncSettings(s: Settings): void {
  if (!s.serviceUrl || !s.cluster || !s.token) {
    throw new UserError(
      'Синхронизация не настроена: откройте «Настройки кластера» и укажите адрес сервиса, кластер и токен.',
    );
  }
}

/** Row ids as stored; a repeated id (a copied row) is sent as null so the service gives a new one. */
export function rowIds(snap: Snapshot): (string | null)[] {
  const col = snap.helpers.id;
  const seen = new Set<string>();
  return snap.values.map((row) => {
    const v = col ? String(row[col - 1] ?? '') : '';
    if (!v || seen.has(v)) return null;
    seen.add(v);
    return v;
  });
}

export function buildPayload(snap: Snapshot, s: Settings): SyncPayload {
  const ids = rowIds(snap);
  return {
    cluster: s.cluster,
    source: {
      spreadsheetId: snap.ss.getId(),
      sheetId: snap.sheet.getSheetId(),
      sheetName: snap.sheetName,
      title: snap.ss.getName(),
    },
    settings: s.period ? { period: s.period, soonDays: s.soonDays } : { soonDays: s.soonDays },
    rows: snap.values.map((row, i) => ({
      id: ids[i],
      cells: snap.userColumns.map((c) => syncCell(row[c - 1], snap.timeZone)),
    })),
  };
}

/** Sends the payload; every failure becomes a UserError with a message a coordinator can act on. */
export function postSync(s: Settings, payload: SyncPayload): SyncSummary {
  const url = `${s.serviceUrl}/api/v1/sync`;
  let response: FetchResponse;
  try {
    response = postJson(url, s.token, JSON.stringify(payload));
  } catch (e) {
    throw new UserError(
      `Сервис ${s.serviceUrl} недоступен: ${shortError(e)}. Проверьте адрес в настройках; ` +
        'сервис должен быть доступен из интернета по HTTPS.',
    );
  }
  const code = response.getResponseCode();
  const text = response.getContentText();
  if (code === 401)
    throw new UserError(
      'Сервис не принял токен (401). Выпустите новый токен кластера и сохраните его в настройках.',
    );
  if (code === 403)
    throw new UserError(
      `Токен не даёт права синхронизировать кластер «${s.cluster}» (403). Проверьте кластер и токен в настройках.`,
    );
  if (code === 404) {
    // The service answers 404 for an unknown cluster (naming it) and for a wrong address.
    const message = serverMessage(text);
    throw new UserError(
      message.indexOf(`«${s.cluster}»`) >= 0
        ? `${message} (404). Проверьте кластер в настройках.`
        : `По адресу ${s.serviceUrl} нет сервиса синхронизации (404). Проверьте адрес в настройках.`,
    );
  }
  if (code === 413)
    throw new UserError(
      'Лист слишком большой для сервиса (413): уберите с листа лишние данные или попросите администратора ' +
        'увеличить BODY_LIMIT сервиса.',
    );
  if (code >= 400 && code < 500)
    throw new UserError(`Сервис отклонил данные листа (${code}): ${serverMessage(text)}`);
  if (code < 200 || code >= 300)
    throw new UserError(`Ошибка сервиса (${code}): ${serverMessage(text)}. Повторите позже.`);
  try {
    return JSON.parse(text) as SyncSummary;
  } catch {
    throw new UserError(`Сервис ответил не JSON (${code}). Проверьте адрес сервиса в настройках.`);
  }
}

/**
 * Stores the ids the service assigned, in one write of the id column, and only when something
 * differs from what the column holds (a resync of an unchanged sheet writes nothing).
 */
export function storeRowIds(snap: Snapshot, summary: SyncSummary): void {
  // A repeated id was sent as null: its copy is cleared unless the service names it again.
  const next: (string | number)[] = rowIds(snap).map((v) => v ?? '');
  for (const { row, id } of summary.rowIds ?? []) {
    if (row < 1) continue;
    while (next.length < row) next.push('');
    next[row - 1] = id;
  }
  const col = snap.helpers.id;
  const stored = (i: number): string => (col ? String(snap.values[i]?.[col - 1] ?? '') : '');
  let differs = false;
  for (let i = 0; i < Math.max(next.length, snap.values.length) && !differs; i++)
    differs = String(next[i] ?? '') !== stored(i);
  if (!differs) return;
  const column = col ?? addHelperColumn(snap.sheet, snap.values[0]?.length ?? 1);
  writeHelperColumn(snap.sheet, column, 'id', next);
}

export function syncSummaryText(s: SyncSummary): string {
  return (
    `Синхронизировано. Новых пунктов: ${s.created}, изменено: ${s.changed}, удалено: ${s.removed}, ` +
    `без изменений: ${s.unchanged}, перенесено сроков: ${s.deadlinesMoved}.`
  );
}

function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as {
      error?: { message?: string; issues?: { path?: string; message?: string }[] };
    };
    const e = body.error;
    if (e?.message) {
      const issues = (e.issues ?? [])
        .slice(0, 5)
        .map((i) => `${i.path ? `${i.path}: ` : ''}${i.message ?? ''}`);
      return issues.length ? `${e.message} (${issues.join('; ')})` : e.message;
    }
  } catch {
    // not JSON: show the start of the text
  }
  return text.slice(0, 300) || 'без описания';
}

function shortError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.length > 200 ? `${m.slice(0, 197)}…` : m;
}
