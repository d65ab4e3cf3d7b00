// The «Контакты исполнителей» sheet: one executor a row (as written in the plans), their
// organisation and addresses. «Синхронизировать» on this sheet sends it to the service
// (PUT /api/v1/contacts/sheet): the cluster's contacts become exactly these rows.
import { CONTACTS_SHEET, type ContactRow, contactRows } from '@cluster/shared';
import { sendJson, UserError } from './gas.ts';
import type { Settings } from './settings-store.ts';
import { serverMessage } from './sync.ts';

export { CONTACTS_SHEET };

/** The sheet's contacts, or a clear error when it has no header row naming the executor. */
export function sheetContacts(values: readonly (readonly unknown[])[]): ContactRow[] {
  const rows = contactRows(values);
  if (!rows)
    throw new UserError(`На листе «${CONTACTS_SHEET}» нет строки заголовка со столбцом «Исполнитель».`);
  return rows;
}

export function putContacts(s: Settings, contacts: ContactRow[]): string {
  const response = sendJson(
    'put',
    `${s.serviceUrl}/api/v1/contacts/sheet`,
    s.token,
    JSON.stringify({ cluster: s.cluster, contacts }),
  );
  const code = response.getResponseCode();
  const body = response.getContentText();
  if (code === 401) throw new UserError('Сервис не принял токен (401). Проверьте токен в настройках.');
  if (code === 403) throw new UserError(`Токен не даёт права менять контакты кластера «${s.cluster}» (403).`);
  if (code < 200 || code >= 300)
    throw new UserError(`Сервис отклонил контакты (${code}): ${serverMessage(body)}`);
  const r = JSON.parse(body) as { created: number; updated: number; removed: number };
  return `Контакты исполнителей отправлены. Новых: ${r.created}, обновлено: ${r.updated}, удалено: ${r.removed}.`;
}
