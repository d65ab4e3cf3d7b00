// «Синхронизировать»: the sheet's snapshot to the service (POST /api/v1/sync, DESIGN's contract),
// with the stable row ids of the hidden 'id' column; the ids the service gives back are stored.
import type { SyncPayload, SyncSummary } from '@cluster/shared';
import { type FetchResponse, getJson, postJson, technicalDetail, UserError } from './gas.ts';
import { addHelperColumn, columnLetter, writeHelperColumn } from './helper-columns.ts';
import { type Identity, idCell } from './row-identity.ts';
import type { Settings } from './settings-store.ts';
import { type Snapshot, syncCell } from './snapshot.ts';

export function requireSyncSettings(s: Settings): void {
  if (!s.serviceUrl || !s.cluster || !s.token) {
    throw new UserError(
      'Синхронизация не настроена: откройте «Настройки кластера» и укажите адрес сервиса, кластер и токен.',
    );
  }
}

export function buildPayload(snap: Snapshot, s: Settings, identity: Identity): SyncPayload {
  const ids = identity.ids;
  return {
    cluster: s.cluster,
    source: {
      spreadsheetId: snap.ss.getId(),
      sheetId: snap.sheet.getSheetId(),
      sheetName: snap.sheetName,
      title: snap.ss.getName(),
    },
    settings: s.period ? { period: s.period, soonDays: s.soonDays } : { soonDays: s.soonDays },
    rows: snap.values.map((row, i) => {
      const cells = snap.userColumns.map((c) => syncCell(row[c - 1], snap.timeZone));
      const copied = identity.copiedFrom[i];
      return copied ? { id: ids[i], cells, copiedFrom: copied } : { id: ids[i], cells };
    }),
  };
}

/** Sends the payload; every failure becomes a UserError with a message a coordinator can act on. */
export function postSync(s: Settings, payload: SyncPayload): SyncSummary {
  const url = `${s.serviceUrl}/api/v1/sync`;
  let response: FetchResponse;
  try {
    response = postJson(url, s.token, JSON.stringify(payload));
  } catch (e) {
    throw fetchFailure(s.serviceUrl, e);
  }
  const code = response.getResponseCode();
  const text = response.getContentText();
  if (code < 200 || code >= 300) throw failureOf(s, code, text);
  try {
    return JSON.parse(text) as SyncSummary;
  } catch {
    throw new UserError(`Сервис ответил не JSON (${code}). Проверьте адрес сервиса в настройках.`);
  }
}

/** The message for a service answer that is not a success. */
function failureOf(s: Settings, code: number, text: string): UserError {
  if (code === 401)
    return new UserError(
      'Сервис не принял токен (401). Выпустите новый токен кластера и сохраните его в настройках.',
    );
  if (code === 403)
    return new UserError(
      `Токен не даёт права синхронизировать кластер «${s.cluster}» (403). Проверьте кластер и токен в настройках.`,
    );
  if (code === 404) {
    // The service answers 404 for an unknown cluster (naming it) and for a wrong address.
    const message = serverMessage(text);
    return new UserError(
      message.indexOf(`«${s.cluster}»`) >= 0
        ? `${message} (404). Проверьте кластер в настройках.`
        : `По адресу ${s.serviceUrl} нет сервиса синхронизации (404). Проверьте адрес в настройках.`,
    );
  }
  if (code === 413)
    return new UserError(
      'Лист слишком большой для сервиса (413): уберите с листа лишние данные или попросите администратора ' +
        'увеличить BODY_LIMIT сервиса.',
    );
  if (code >= 400 && code < 500)
    return new UserError(`Сервис отклонил данные листа (${code}): ${serverMessage(text)}`);
  return new UserError(`Ошибка сервиса (${code}): ${serverMessage(text)}. Повторите позже.`);
}

/**
 * «Проверить подключение»: one authorised read of the cluster (GET /api/v1/items?limit=1): the
 * address, the token and the cluster are right when it succeeds. Failures read as for a sync.
 */
export function checkConnection(s: Settings): string {
  let response: FetchResponse;
  try {
    response = getJson(
      `${s.serviceUrl}/api/v1/items?cluster=${encodeURIComponent(s.cluster)}&limit=1`,
      s.token,
    );
  } catch (e) {
    throw fetchFailure(s.serviceUrl, e);
  }
  const code = response.getResponseCode();
  if (code < 200 || code >= 300) throw failureOf(s, code, response.getContentText());
  return `Подключение работает: сервис ${s.serviceUrl} принял токен, кластер «${s.cluster}» доступен.`;
}

/**
 * Stores the ids the service assigned with each row's fingerprint, in one write of the id column,
 * and only when something differs from what the column holds (a resync of an unchanged sheet
 * writes nothing). Rows whose copied id was dropped get a note saying so (one call).
 */
export function storeRowIds(snap: Snapshot, summary: SyncSummary, identity: Identity): void {
  const ids = identity.ids.slice();
  for (const { row, id } of summary.rowIds ?? []) if (row >= 1 && row <= ids.length) ids[row - 1] = id;
  const next = ids.map((id, i) =>
    id && identity.fingerprints[i] ? idCell(id, identity.fingerprints[i]) : '',
  );
  const col = snap.helpers.id;
  const stored = (i: number): string => (col ? String(snap.values[i]?.[col - 1] ?? '') : '');
  let differs = false;
  for (let i = 1; i < Math.max(next.length, snap.values.length) && !differs; i++)
    differs = String(next[i] ?? '') !== stored(i);
  if (differs) {
    const column = col ?? addHelperColumn(snap.sheet, snap.values[0]?.length ?? 1);
    writeHelperColumn(snap.sheet, column, 'id', next);
  }
  if (identity.duplicates.length) {
    const first = snap.userColumns[0] ?? 1;
    snap.sheet
      .getRangeList(identity.duplicates.map((r) => `${columnLetter(first)}${r}`))
      .setNote(
        'Кластер: эта строка — копия другой строки; при синхронизации ей присвоен новый номер в истории.',
      );
  }
}

export function syncSummaryText(s: SyncSummary, duplicates: number[] = []): string {
  const copies = duplicates.length
    ? ` Строки-копии получили новые номера в истории: ${duplicates.join(', ')} (отмечены примечанием).`
    : '';
  return (
    `Синхронизировано. Новых пунктов: ${s.created}, изменено: ${s.changed}, удалено: ${s.removed}, ` +
    `без изменений: ${s.unchanged}, перенесено сроков: ${s.deadlinesMoved}.${copies}`
  );
}

export function serverMessage(text: string): string {
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

/**
 * Why UrlFetchApp threw, in words a coordinator can act on: a refused permission (the user did not
 * allow external requests, or the add-on's allowlist lacks the address) is not "unreachable".
 */
export function fetchFailure(serviceUrl: string, e: unknown): UserError {
  const detail = technicalDetail(e);
  if (/permission|authoriz|not allowed|whitelist|allowlist|разрешени/i.test(detail))
    return new UserError(
      `Нет разрешения обращаться к сервису ${serviceUrl}. Выполните «Синхронизировать» ещё раз и ` +
        'разрешите дополнению внешние запросы; если вы вошли сразу в несколько аккаунтов Google, ' +
        'откройте таблицу в окне, где выполнен вход только в один аккаунт.',
      detail,
    );
  return new UserError(
    `Сервис ${serviceUrl} недоступен. Проверьте адрес в настройках: сервис должен быть доступен ` +
      'из интернета по HTTPS.',
    detail,
  );
}
