// An item's page: what it is now, and its history — one entry per sync (added, changed old → new,
// removed, restored), from which sheet or file and by which token — with dates ДД.ММ.ГГГГ.
import { type ItemState, type MarkStatus, tallyKeyOf } from '@cluster/shared';
import { type HistoryChange, type HistoryEntry, historyEntries } from '../../../app/item-history.ts';
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

/** One change of an entry as a line: «Срок перенесён: 31.03.2021 → 15.05.2021». */
function changeLine(t: Messages, c: HistoryChange): Html {
  const ev = t.events;
  // A copied row that got an id of its own (id_reassigned): the item it was copied from, linked.
  if (c.field === 'id')
    return html`<li data-field="id">${ev.copiedFrom}: <a href="${urlWith(`/items/${encodeURIComponent(String(c.old))}`, {})}">${ev.original}</a></li>`;
  let what: string;
  let from: string;
  let to: string;
  if (c.field === 'reminder') {
    // A reminder sent (not a sync): its step, to whom by which channel, and whether it arrived.
    const r = (c.new ?? {}) as { channel?: string; to?: string; status?: string; error?: string | null };
    what = ev.reminder(String(c.old ?? ''));
    from = `${r.to ?? ''} (${r.channel ?? ''})`;
    to =
      r.status === 'delivered'
        ? ev.delivered
        : r.status === 'failed'
          ? ev.notDelivered(r.error ?? '')
          : ev.sending;
  } else if (c.field === 'due') {
    what = ev.deadlineMoved;
    from = dateRu(c.old as string | null);
    to = dateRu(c.new as string | null);
  } else if (c.field === 'state') {
    what = ev.stateChanged;
    from = t.state[c.old as ItemState] ?? valueText(c.old);
    to = t.state[c.new as ItemState] ?? valueText(c.new);
  } else if (c.field === 'mark.status') {
    what = ev.markChanged;
    from = t.markStatus[c.old as MarkStatus] ?? valueText(c.old);
    to = t.markStatus[c.new as MarkStatus] ?? valueText(c.new);
  } else {
    what = ev.changed(t.fields[c.field] ?? c.field);
    from = valueText(c.old);
    to = valueText(c.new);
  }
  return html`<li data-field="${c.field}">${what}: <span class="old">${from}</span> → <span class="new">${to}</span></li>`;
}

/** Where a sync came from, as a reader says it: «файл «plan.xlsx», токен 1a2b3c4d (кластера)». */
function originText(t: Messages, via: HistoryEntry['via']): string {
  if (!via) return '—';
  const source = via.source.kind === 'file' ? t.fromFile(via.source.name) : t.fromSheet(via.source.name);
  const who = via.tokenId ? t.byToken(via.tokenId, via.tokenKind) : t.byActor(via.actor);
  return `${source}, ${who}`;
}

function historyTable(t: Messages, entries: HistoryEntry[], timeZone: string): Html {
  const headline = (e: HistoryEntry) =>
    e.kind === 'created'
      ? t.events.created
      : e.kind === 'removed'
        ? t.events.removed
        : e.kind === 'restored'
          ? t.events.restored
          : '';
  return html`<table class="history">
<thead><tr><th>${t.when}</th><th>${t.source}</th><th>${t.changes}</th></tr></thead>
<tbody>
${entries.map(
  (e) => html`<tr class="entry ev-${e.kind}" data-sync="${e.syncId ?? ''}">
  <td class="date">${instantRu(e.at, timeZone)}</td>
  <td class="small">${originText(t, e.via)}</td>
  <td>${headline(e) ? html`<strong>${headline(e)}</strong>` : ''}${
    e.changes.length ? html`<ul>${e.changes.map((c) => changeLine(t, c))}</ul>` : ''
  }</td>
</tr>`,
)}
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
  ${historyTable(t, historyEntries(events), v.timeZone)}
</section>`,
    v.reader,
  );
}
