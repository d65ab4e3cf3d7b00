// «Закрыть план (в архив)»: when a plan's period is over, the coordinator closes it from the sheet.
// The sheet is synced first, so the service holds its final state and names its document; then the
// service is asked to archive that document (POST /api/v1/documents/{id}/archive). An archived
// plan leaves the current lists and reports; its history stays, and an administrator can bring it
// back (`cluster-sync document unarchive ID`).
import { type FetchResponse, postJson, UserError } from './gas.ts';
import type { Settings } from './settings-store.ts';

export function archiveUrl(s: Settings, documentId: string): string {
  return `${s.serviceUrl}/api/v1/documents/${encodeURIComponent(documentId)}/archive`;
}

/** Asks the service to archive the document; returns what to tell the coordinator. */
export function postArchive(s: Settings, documentId: string, title: string): string {
  let response: FetchResponse;
  try {
    response = postJson(archiveUrl(s, documentId), s.token, '{}');
  } catch (e) {
    throw new UserError(`Сервис ${s.serviceUrl} недоступен: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const code = response.getResponseCode();
  if (code >= 200 && code < 300)
    return (
      `План листа «${title}» закрыт: он больше не входит в текущие отчёты и списки, история сохранена. ` +
      `Вернуть его может администратор: cluster-sync document unarchive ${documentId}`
    );
  if (code === 401 || code === 403)
    throw new UserError(
      `Токен не даёт права закрыть этот план (${code}). Проверьте кластер и токен в настройках.`,
    );
  if (code === 404 || code === 405)
    throw new UserError(
      `Лист синхронизирован, но сервис не умеет закрывать планы (${code}): ` +
        'обновите сервис синхронизации или попросите администратора закрыть план командой ' +
        `cluster-sync document archive ${documentId}`,
    );
  throw new UserError(`Сервис не закрыл план (${code}): ${response.getContentText().slice(0, 300)}`);
}
