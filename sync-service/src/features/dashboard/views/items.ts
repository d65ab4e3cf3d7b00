// The items list: a tab per state, the filters (a GET form), the page of items as a table that
// stacks into cards on a phone, and the pager.
import { compareRu, formatRu, STATE_ORDER } from '@cluster/shared';
import type { Cluster } from '../../../store/types.ts';
import { type Html, html, urlWith } from '../html.ts';
import type { Messages } from '../i18n.ts';
import { type ItemsList, PAGE_SIZE } from '../items-list.ts';
import type { ItemsPageQuery } from '../schemas.ts';
import { dateRu, stateBadge } from './format.ts';
import { page, type Reader } from './layout.ts';

export interface ItemsView {
  t: Messages;
  reader: Reader;
  data: ItemsList;
  query: ItemsPageQuery;
  clusters: Cluster[];
}

/** The query as strings, with some keys replaced. */
function link(q: ItemsPageQuery, change: Partial<Record<keyof ItemsPageQuery, string | undefined>>): string {
  const all: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(q)) all[k] = v === undefined ? undefined : String(v);
  return urlWith('/items', { ...all, ...change });
}

function tabs(v: ItemsView): Html {
  const { t, query } = v;
  const tab = (state: string | undefined, label: string) =>
    html`<li><a href="${link(query, { state, page: undefined })}"${query.state === state ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<ul class="tabs">${tab(undefined, t.list.all)}${STATE_ORDER.map((s) => tab(s, t.stateColumns[s]))}</ul>`;
}

/**
 * Clusters listed in the cluster select at most: past that (an administrator's thousands would weigh
 * more than the page) a part of the cluster's name filters instead, or the region select narrows
 * the scope to a region whose clusters the select lists.
 */
export const CLUSTER_SELECT_MAX = 300;

/** The region (when the reader's clusters span several) and the cluster filters. */
function placeFilters(v: ItemsView): Html {
  const { t, query: q } = v;
  if (v.clusters.length <= 1) return html``;
  const regions = [...new Set(v.clusters.map((c) => c.region))].sort(compareRu);
  const inRegion = q.region ? v.clusters.filter((c) => c.region === q.region) : v.clusters;
  const listed = inRegion.length <= CLUSTER_SELECT_MAX ? inRegion : [];
  // The cluster asked for stays selectable whatever the region.
  const chosen =
    q.cluster && !listed.some((c) => c.slug === q.cluster)
      ? v.clusters.find((c) => c.slug === q.cluster)
      : undefined;
  const options = chosen ? [chosen, ...listed] : listed;
  const region =
    regions.length > 1
      ? html`<label>${t.list.region} <select name="region"><option value="">${t.all}</option>${regions.map(
          (r) => html`<option value="${r}"${q.region === r ? html` selected` : ''}>${r}</option>`,
        )}</select></label>`
      : '';
  const tooMany = listed.length < inRegion.length;
  const select =
    !tooMany || options.length > 0
      ? html`<select name="cluster"><option value="">${t.all}</option>${options.map(
          (c) =>
            html`<option value="${c.slug}"${q.cluster === c.slug ? html` selected` : ''}>${c.name}</option>`,
        )}</select>`
      : '';
  // Too many to list: a part of the name (shown while it filters, so it can be cleared).
  const hint = regions.length > 1 && !q.region ? t.list.clusterNameOrRegion : t.list.clusterName;
  const name =
    tooMany || q.clusterName
      ? html`<input name="clusterName" value="${q.clusterName ?? ''}" maxlength="100" placeholder="${hint}">`
      : '';
  return html`${region}<label>${t.cluster} ${select}${name}</label>`;
}

function filters(v: ItemsView): Html {
  const { t, query: q } = v;
  return html`<form method="get" action="/items" class="filters" role="search">
  ${q.state ? html`<input type="hidden" name="state" value="${q.state}">` : ''}
  <label>${t.list.search} <input name="q" value="${q.q ?? ''}" maxlength="200" placeholder="${t.textPlaceholder}"></label>
  ${placeFilters(v)}
  <label>${t.executor} <input name="executor" value="${q.executor ?? ''}" maxlength="200" placeholder="${t.partOfName}"></label>
  ${q.document ? html`<input type="hidden" name="document" value="${q.document}">` : ''}
  <label>${t.list.dueAfter} <input type="date" name="dueAfter" value="${q.dueAfter ?? ''}"></label>
  <label>${t.list.dueBefore} <input type="date" name="dueBefore" value="${q.dueBefore ?? ''}"></label>
  <label>${t.list.sort} <select name="sort">
    <option value="document"${q.sort === 'document' ? html` selected` : ''}>${t.list.byDocument}</option>
    <option value="due"${q.sort === 'due' ? html` selected` : ''}>${t.list.byDue}</option>
    <option value="-due"${q.sort === '-due' ? html` selected` : ''}>${t.list.byDueDesc}</option>
  </select></label>
  ${q.asOf ? html`<input type="hidden" name="asOf" value="${q.asOf}">` : ''}
  <button type="submit">${t.show}</button>
</form>`;
}

function rows(v: ItemsView): Html {
  const { t, data } = v;
  if (data.total === 0) return html`<p class="muted">${t.list.none}</p>`;
  return html`<table class="stack items-list"><thead><tr>
  <th>${t.status}</th><th>${t.cluster}</th><th>${t.number}</th><th>${t.item}</th>
  <th>${t.executors}</th><th>${t.due}</th><th>${t.mark}</th></tr></thead><tbody>
${data.items.map(
  (i) => html`<tr data-item="${i.id}" data-state="${i.stateOn}">
  <td data-label="${t.status}">${stateBadge(t, i.stateOn)}</td>
  <td data-label="${t.cluster}">${i.clusterSlug}</td>
  <td data-label="${t.number}">${i.number}</td>
  <td data-label="${t.item}"><a href="${urlWith(`/items/${encodeURIComponent(i.id)}`, { asOf: v.query.asOf })}">${i.title || t.untitled}</a></td>
  <td data-label="${t.executors}">${i.executors.join(', ')}</td>
  <td data-label="${t.due}" class="date">${dateRu(i.effectiveDue)}</td>
  <td data-label="${t.mark}">${i.mark.raw}</td>
</tr>`,
)}</tbody></table>`;
}

function pager(v: ItemsView): Html {
  const { t, data, query } = v;
  if (data.total === 0) return html``;
  const from = (data.page - 1) * PAGE_SIZE + 1;
  const to = from + data.items.length - 1;
  return html`<nav class="pager" aria-label="${t.list.pages}">
  <span class="count">${data.totalExact ? t.list.shown(from, to, data.total) : t.list.shownOver(from, to, data.total)}</span>
  ${data.page > 1 ? html`<a rel="prev" href="${link(query, { page: String(data.page - 1) })}">${t.list.prev}</a>` : ''}
  <span>${data.totalExact ? t.list.pageOf(data.page, data.pages) : t.list.page(data.page)}</span>
  ${data.more ? html`<a rel="next" href="${link(query, { page: String(data.page + 1) })}">${t.list.next}</a>` : ''}
</nav>`;
}

export function itemsPage(v: ItemsView): Html {
  const { t } = v;
  return page(
    t,
    t.list.heading,
    html`<p class="crumbs"><a href="/">${t.back}</a></p>
<h1>${t.list.heading} <span class="muted small">${t.list.on(formatRu(v.data.asOf))}</span></h1>
<section class="card">${tabs(v)}${filters(v)}${pager(v)}${rows(v)}${pager(v)}</section>`,
    v.reader,
  );
}
