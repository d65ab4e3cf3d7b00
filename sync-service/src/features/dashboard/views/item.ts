// An item's page: what it is now, and its history (added, deadline moved, status changed, removed,
// restored…) with dates ДД.ММ.ГГГГ.
import { type ItemState, type MarkStatus, tallyKeyOf } from '@cluster/shared';
import type { HistoryEvent } from '../../../store/types.ts';
import { type Html, html, urlWith } from '../html.ts';
import type { Messages } from '../i18n.ts';
import type { ItemPage } from '../service.ts';
import { dateRu, instantRu, stateBadge } from './format.ts';
import { page, type Reader } from './layout.ts';

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

export function describeEvent(t: Messages, e: HistoryEvent): EventText {
  const ev = t.events;
  switch (e.type) {
    case 'created':
      return { what: ev.created };
    case 'removed':
      return { what: ev.removed };
    case 'restored':
      return { what: ev.restored };
    case 'deadline_moved':
      return {
        what: ev.deadlineMoved,
        from: dateRu(e.old as string | null),
        to: dateRu(e.new as string | null),
      };
    case 'reminder': {
      const r = (e.new ?? {}) as { channel?: string; to?: string; status?: string; error?: string | null };
      return {
        what: ev.reminder(e.field ?? ''),
        from: `${r.to ?? ''} (${r.channel ?? ''})`,
        to:
          r.status === 'delivered'
            ? ev.delivered
            : r.status === 'failed'
              ? ev.notDelivered(r.error ?? '')
              : ev.sending,
      };
    }
    case 'status_changed':
      if (e.field === 'state') {
        return {
          what: ev.stateChanged,
          from: t.state[e.old as ItemState] ?? valueText(e.old),
          to: t.state[e.new as ItemState] ?? valueText(e.new),
        };
      }
      return {
        what: ev.markChanged,
        from: t.markStatus[e.old as MarkStatus] ?? valueText(e.old),
        to: t.markStatus[e.new as MarkStatus] ?? valueText(e.new),
      };
    default:
      return {
        what: ev.changed(t.fields[e.field ?? ''] ?? e.field ?? ev.field),
        from: valueText(e.old),
        to: valueText(e.new),
      };
  }
}

function historyTable(t: Messages, events: HistoryEvent[], timeZone: string): Html {
  return html`<table class="history">
<thead><tr><th>${t.when}</th><th>${t.event}</th><th>${t.before}</th><th>${t.after}</th></tr></thead>
<tbody>
${events.map((e) => {
  const d = describeEvent(t, e);
  return html`<tr class="ev-${e.type}">
  <td class="date">${instantRu(e.at, timeZone)}</td>
  <td>${d.what}</td>
  <td>${d.from ?? ''}</td>
  <td>${d.to ?? ''}</td>
</tr>`;
})}
</tbody></table>`;
}

export interface ItemView {
  t: Messages;
  reader: Reader;
  data: ItemPage;
  asOf: string;
  asOfParam?: string | undefined;
  timeZone: string;
}

export function itemPageView(v: ItemView): Html {
  const { t } = v;
  const { item, cluster, document, state, due, daysOverdue, events } = v.data;
  const back = urlWith('/', { asOf: v.asOfParam });
  const row = (label: string, value: Html | string) => html`<tr><th>${label}</th><td>${value}</td></tr>`;
  return page(
    t,
    item.title || t.item,
    html`<p class="crumbs"><a href="${back}">${t.back}</a> / ${cluster.name}</p>
<section class="card">
  <h1>${item.number ? html`<span class="muted">${item.number}</span> ` : ''}${item.title || t.untitled}</h1>
  ${
    item.removed
      ? html`<p class="error">${t.removedNote(item.removedAt ? instantRu(item.removedAt, v.timeZone) : '—')}</p>`
      : ''
  }
  <table class="facts">
    ${row(t.cluster, html`${cluster.name} <span class="muted">(${cluster.region})</span>`)}
    ${row(t.document, document?.title ?? '—')}
    ${item.task ? row(t.task, item.task) : ''}
    ${row(t.executors, item.executors.join(', ') || '—')}
    ${row(t.deadlineRaw, item.deadline.raw || '—')}
    ${row(t.due, dateRu(due))}
    ${row(t.result, item.result || '—')}
    ${row(t.markFull, item.mark.raw || '—')}
    ${row(
      t.stateOn(dateRu(v.asOf)),
      html`${stateBadge(t, tallyKeyOf(state, item.deadline))}${daysOverdue ? html` <span class="hot">${t.daysOverdueShort(daysOverdue)}</span>` : ''}`,
    )}
  </table>
</section>
<section class="card">
  <h2>${t.history}</h2>
  ${historyTable(t, events, v.timeZone)}
</section>`,
    v.reader,
  );
}
