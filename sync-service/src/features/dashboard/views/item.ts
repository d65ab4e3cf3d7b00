// An item's page: what it is now, and its history (added, deadline moved, status changed, removed,
// restored…) with dates ДД.ММ.ГГГГ.
import { type ItemState, type MarkStatus, STATE_LABEL_RU } from '@cluster/shared';
import type { HistoryEvent } from '../../../store/types.ts';
import { type Html, html, urlWith } from '../html.ts';
import type { ItemPage } from '../service.ts';
import { dateRu, instantRu, stateBadge } from './format.ts';
import { page, type Reader } from './layout.ts';

const MARK_LABEL: Record<MarkStatus, string> = {
  done: 'выполнено',
  partial: 'выполнено частично',
  not_done: 'не выполнено',
  in_progress: 'в работе',
  postponed: 'перенесено',
  cancelled: 'отменено',
  none: 'нет отметки',
};

const FIELD_LABEL: Record<string, string> = {
  number: 'номер',
  task: 'задача',
  title: 'мероприятие',
  executors: 'исполнители',
  deadline: 'срок',
  result: 'результат',
  mark: 'отметка о выполнении',
  extra: 'дополнительные столбцы',
  problems: 'замечания проверки',
};

/** A stored value as a reader would say it: deadlines and marks by their text, lists joined. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((v) => (typeof v === 'object' && v && 'message' in v ? String(v.message) : valueText(v)))
      .join('; ');
  }
  if (typeof value === 'object' && 'raw' in value) return valueText((value as { raw: unknown }).raw);
  return JSON.stringify(value);
}

export interface EventText {
  what: string;
  /** «old → new», when the event has both sides. */
  from?: string;
  to?: string;
}

export function describeEvent(e: HistoryEvent): EventText {
  switch (e.type) {
    case 'created':
      return { what: 'Добавлено' };
    case 'removed':
      return { what: 'Удалено из таблицы' };
    case 'restored':
      return { what: 'Снова в таблице' };
    case 'deadline_moved':
      return {
        what: 'Срок перенесён',
        from: dateRu(e.old as string | null),
        to: dateRu(e.new as string | null),
      };
    case 'status_changed':
      if (e.field === 'state') {
        return {
          what: 'Изменилось состояние',
          from: STATE_LABEL_RU[e.old as ItemState] ?? valueText(e.old),
          to: STATE_LABEL_RU[e.new as ItemState] ?? valueText(e.new),
        };
      }
      return {
        what: 'Изменилась отметка о выполнении',
        from: MARK_LABEL[e.old as MarkStatus] ?? valueText(e.old),
        to: MARK_LABEL[e.new as MarkStatus] ?? valueText(e.new),
      };
    default:
      return {
        what: `Изменено: ${FIELD_LABEL[e.field ?? ''] ?? e.field ?? 'поле'}`,
        from: valueText(e.old),
        to: valueText(e.new),
      };
  }
}

function historyTable(events: HistoryEvent[], timeZone: string): Html {
  return html`<table class="history">
<thead><tr><th>Когда</th><th>Событие</th><th>Было</th><th>Стало</th></tr></thead>
<tbody>
${events.map((e) => {
  const t = describeEvent(e);
  return html`<tr class="ev-${e.type}">
  <td class="date">${instantRu(e.at, timeZone)}</td>
  <td>${t.what}</td>
  <td>${t.from ?? ''}</td>
  <td>${t.to ?? ''}</td>
</tr>`;
})}
</tbody></table>`;
}

export function itemPageView(v: {
  reader: Reader;
  data: ItemPage;
  asOfParam?: string | undefined;
  asOf: string;
  timeZone: string;
}): Html {
  const { item, cluster, document, state, due, daysOverdue, events } = v.data;
  const back = urlWith('/', { asOf: v.asOfParam });
  const row = (label: string, value: Html | string) => html`<tr><th>${label}</th><td>${value}</td></tr>`;
  return page(
    item.title || 'Мероприятие',
    html`<p class="crumbs"><a href="${back}">← Сводка</a> / ${cluster.name}</p>
<section class="card">
  <h1>${item.number ? html`<span class="muted">${item.number}</span> ` : ''}${item.title || '(без названия)'}</h1>
  ${item.removed ? html`<p class="error">Строки этого мероприятия больше нет в таблице (удалено ${item.removedAt ? instantRu(item.removedAt, v.timeZone) : '—'}).</p>` : ''}
  <table class="facts">
    ${row('Кластер', html`${cluster.name} <span class="muted">(${cluster.region})</span>`)}
    ${row('Документ', document?.title ?? '—')}
    ${item.task ? row('Задача', item.task) : ''}
    ${row('Исполнители', item.executors.join(', ') || '—')}
    ${row('Срок (как записан)', item.deadline.raw || '—')}
    ${row('Срок', dateRu(due))}
    ${row('Результат', item.result || '—')}
    ${row('Отметка о выполнении', item.mark.raw || '—')}
    ${row(`Состояние на ${dateRu(v.asOf)}`, html`${stateBadge(state)}${daysOverdue ? html` <span class="hot">${daysOverdue} дн. просрочки</span>` : ''}`)}
  </table>
</section>
<section class="card">
  <h2>История</h2>
  ${historyTable(events, v.timeZone)}
</section>`,
    v.reader,
  );
}
