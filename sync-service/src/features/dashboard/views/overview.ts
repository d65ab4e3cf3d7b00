// The signed-in home page: clusters with counts and bars, report downloads, the overdue list with
// its filters (a GET form, so it works without scripts).
import { TALLY_ORDER, type TallyKey } from '@cluster/shared';
import { freshnessOf } from '../../../reports/freshness.ts';
import type { ReportDocument } from '../../../reports/model.ts';
import { type Html, html, urlWith } from '../html.ts';
import type { Messages } from '../i18n.ts';
import { CLUSTER_SORTS, type OverdueFilter, type Overview, type Pager } from '../service.ts';
import { barLegend, stateBar } from './bar.ts';
import { disciplineSection } from './discipline.ts';
import { dateRu, instantRu, share } from './format.ts';
import { page, type Reader } from './layout.ts';
import { trendSection } from './trend.ts';
import { uploadSection } from './upload.ts';

/** The count columns, in the order of the report's «Сводка». */
const COUNT_COLUMNS = TALLY_ORDER;

/** Executors offered in the filter's suggestions, at most. */
const MAX_SUGGESTIONS = 500;

export interface OverviewView {
  t: Messages;
  reader: Reader;
  data: Overview;
  filter: OverdueFilter;
  /** The date asked for in the address (absent = today). */
  asOfParam: string | undefined;
  /** For «Данные на»: the service's zone, the time now and the days after which a cluster is flagged. */
  timeZone: string;
  now: Date;
  staleDays: number;
  /** The page's query as asked (pages and order links keep it). */
  query?: Record<string, string | undefined>;
}

/** This page with some of its query changed, at `anchor`. */
const here = (v: OverviewView, changes: Record<string, string | undefined>, anchor: string) =>
  `${urlWith('/', { ...v.query, asOf: v.asOfParam, ...changes })}#${anchor}`;

/** «1–50 из 2000», back and forth; nothing when one page holds everything. */
function pagerNav(v: OverviewView, p: Pager, param: string, anchor: string): Html {
  const { t } = v;
  if (p.pages <= 1) return html``;
  const from = (p.page - 1) * p.size + 1;
  const to = Math.min(p.total, p.page * p.size);
  const pageHref = (page: number) => here(v, { [param]: page > 1 ? String(page) : undefined }, anchor);
  return html`<nav class="pager" aria-label="${t.list.pages}" data-pager="${param}">
  <span class="count">${t.list.shown(from, to, p.total)}</span>
  ${p.page > 1 ? html`<a rel="prev" href="${pageHref(p.page - 1)}">${t.list.prev}</a>` : ''}
  <span>${t.list.pageOf(p.page, p.pages)}</span>
  ${p.page < p.pages ? html`<a rel="next" href="${pageHref(p.page + 1)}">${t.list.next}</a>` : ''}
</nav>`;
}

/** The cluster table's orders, when there is more than one page of it. */
function clusterSorts(v: OverviewView): Html {
  const { t } = v;
  const { sort, pages } = v.data.clusterPager;
  if (pages <= 1 && sort === 'name') return html``;
  return html`<p class="filters small">${t.list.clusterSort}: ${CLUSTER_SORTS.map((s, k) =>
    s === sort
      ? html`${k ? ' · ' : ''}<strong>${t.list.clusterSorts[s]}</strong>`
      : html`${k ? ' · ' : ''}<a href="${here(v, { csort: s === 'name' ? undefined : s, cpage: undefined }, 'clusters')}">${t.list.clusterSorts[s]}</a>`,
  )}</p>`;
}

/** «Данные на …» of a cluster or document, with a flag when the cluster has been silent too long. */
function freshCell(v: OverviewView, at: string | null | undefined, flag: boolean): Html {
  const { t } = v;
  const fresh = freshnessOf(at, v.now, v.staleDays);
  const when = fresh.at ? instantRu(fresh.at, v.timeZone) : t.noData;
  const stale =
    flag && fresh.stale
      ? html` <span class="badge stale">${fresh.silentDays === null ? t.noData : t.silentFor(fresh.silentDays)}</span>`
      : '';
  return html`<td class="fresh small" data-label="${t.dataAsOf}" data-fresh="${fresh.at ?? ''}"${flag && fresh.stale ? html` data-stale="1"` : ''}>${when}${stale}</td>`;
}

function downloads({ t, reader, asOfParam: asOf, data }: OverviewView): Html {
  // Showing the finished plans: the report lists them too.
  const finished = data.finished ? 'include' : undefined;
  if (reader.principal.kind === 'cluster') {
    return html`<a class="button" href="${urlWith('/reports/cluster.xlsx', { asOf, finished })}" download>${t.downloadCluster}</a>`;
  }
  return html`<a class="button" href="${urlWith('/reports/consolidated.xlsx', { asOf, finished })}" download>${t.downloadConsolidated}</a>`;
}

function clustersTable(v: OverviewView): Html {
  const { t } = v;
  const { tallies, total, clusterPager } = v.data;
  if (tallies.length === 0) return html`<p class="muted">${t.noClusters}</p>`;
  const asOf = v.asOfParam;
  // A cluster's overdue count links to its overdue list.
  const counts = (byState: Record<TallyKey, number>, slug?: string) =>
    COUNT_COLUMNS.map((s) =>
      s === 'overdue' && byState[s]
        ? html`<td class="num hot" data-label="${t.stateColumns[s]}" data-state="${s}">${
            slug
              ? html`<a href="${urlWith('/', { cluster: slug, asOf })}#overdue">${byState[s]}</a>`
              : byState[s]
          }</td>`
        : html`<td class="num" data-label="${t.stateColumns[s]}" data-state="${s}">${byState[s]}</td>`,
    );
  return html`${clusterSorts(v)}<div class="scroll"><table class="stack clusters">
<thead><tr>
  <th>${t.cluster}</th><th class="num">${t.total}</th>
  ${COUNT_COLUMNS.map((s) => html`<th class="num">${t.stateColumns[s]}</th>`)}
  <th class="num">${t.shareDone}</th><th class="barcol">${t.status}</th><th>${t.dataAsOf}</th><th>${t.report}</th>
</tr></thead>
<tbody>
${tallies.map(
  (c) => html`<tr data-cluster="${c.cluster.slug}">
  <td data-label="${t.cluster}"><div class="name">${c.cluster.name}</div><div class="muted small">${c.cluster.region}</div></td>
  <td class="num" data-label="${t.total}" data-state="items">${c.items}</td>
  ${counts(c.byState, c.cluster.slug)}
  <td class="num" data-label="${t.shareDone}">${share(c.byState.done, c.items)}</td>
  <td class="barcol" data-label="${t.status}">${stateBar(t, c.byState, c.items)}</td>
  ${freshCell(v, c.cluster.lastSyncAt, true)}
  <td class="links" data-label="${t.report}"><a href="${urlWith('/reports/cluster.xlsx', { cluster: c.cluster.slug, asOf })}" download>XLSX</a></td>
</tr>`,
)}
</tbody>
${
  clusterPager.total > 1
    ? html`<tfoot><tr data-cluster="">
  <th>${t.totals}</th><td class="num" data-label="${t.total}" data-state="items">${total.items}</td>
  ${counts(total.byState)}
  <td class="num" data-label="${t.shareDone}">${share(total.byState.done, total.items)}</td>
  <td class="barcol" data-label="${t.status}">${stateBar(t, total.byState, total.items)}</td><td></td><td></td>
</tr></tfoot>`
    : ''
}
</table></div>
${pagerNav(v, clusterPager, 'cpage', 'clusters')}
${barLegend(t)}`;
}

function filterForm(v: OverviewView): Html {
  const { t, filter, data } = v;
  // The clusters of the table's page (and the one asked for): a select of thousands would weigh more than the page.
  const clusters = data.tallies.map((c) => c.cluster);
  if (filter.cluster && !clusters.some((c) => c.slug === filter.cluster))
    clusters.unshift({ slug: filter.cluster, name: filter.cluster, region: '' });
  return html`<form method="get" action="/#overdue" class="filters" role="search">
  ${
    data.clusterPager.total > 1
      ? html`<label>${t.cluster}
    <select name="cluster">
      <option value="">${t.all}</option>
      ${clusters.map(
        (c) =>
          html`<option value="${c.slug}"${filter.cluster === c.slug ? html` selected` : ''}>${c.name}</option>`,
      )}
    </select></label>`
      : ''
  }
  <label>${t.executor}
    <input name="executor" value="${filter.executor ?? ''}" list="executors" maxlength="200" placeholder="${t.partOfName}"></label>
  <datalist id="executors">${data.overdueExecutors
    .slice(0, MAX_SUGGESTIONS)
    .map((e) => html`<option value="${e}"></option>`)}</datalist>
  <label>${t.text}
    <input name="q" value="${filter.q ?? ''}" maxlength="200" placeholder="${t.textPlaceholder}"></label>
  <label>${t.asOf}
    <input type="date" name="asOf" value="${v.asOfParam ?? ''}"></label>
  <label><input type="checkbox" name="archived" value="include"${filter.archived ? html` checked` : ''}>
    ${t.lang === 'ru' ? 'с архивными документами' : 'with archived documents'}</label>
  <button type="submit">${t.show}</button>
  <a href="${urlWith('/', { asOf: v.asOfParam })}#overdue" class="reset">${t.reset}</a>
</form>`;
}

function overdueTable(v: OverviewView): Html {
  const { t } = v;
  const { overdue, overdueMatched, overduePager } = v.data;
  const asOf = v.asOfParam;
  const filtered = Boolean(v.filter.cluster || v.filter.executor || v.filter.q);
  if (overdueMatched === 0) return html`<p class="muted">${filtered ? t.noneFiltered : t.none}</p>`;
  return html`<p class="count">${t.found} <strong>${overdueMatched}</strong></p>
${pagerNav(v, overduePager, 'page', 'overdue')}
<div class="scroll"><table class="stack overdue">
<thead><tr>
  <th class="num">${t.daysOverdue}</th><th>${t.cluster}</th><th>${t.document}</th><th>${t.number}</th><th>${t.item}</th>
  <th>${t.executors}</th><th>${t.deadlineRaw}</th><th>${t.due}</th><th>${t.result}</th><th>${t.mark}</th>
</tr></thead>
<tbody>
${overdue.map(
  (r) => html`<tr data-item="${r.id}" data-cluster="${r.cluster.slug}">
  <td class="num" data-label="${t.daysOverdue}"><span class="badge state-overdue">${r.daysOverdue}</span></td>
  <td data-label="${t.cluster}">${r.cluster.name}</td>
  <td class="small" data-label="${t.document}">${r.documentTitle}</td>
  <td data-label="${t.number}">${r.number}</td>
  <td data-label="${t.item}"><a href="${urlWith(`/items/${encodeURIComponent(r.id)}`, { asOf })}">${r.title || t.untitled}</a></td>
  <td data-label="${t.executors}">${r.executors.join(', ')}</td>
  <td data-label="${t.deadlineRaw}">${r.deadlineRaw}</td>
  <td class="date" data-label="${t.due}">${dateRu(r.due)}</td>
  <td data-label="${t.result}">${r.result}</td>
  <td data-label="${t.mark}">${r.markRaw}</td>
</tr>`,
)}
</tbody></table></div>
${pagerNav(v, overduePager, 'page', 'overdue')}`;
}

const periodText = (d: ReportDocument) =>
  d.period ? `${dateRu(d.period.start)} – ${dateRu(d.period.end)}` : '—';

/** Current plans' documents with «Данные на», and the switch to the finished plans. */
function documentsSection(v: OverviewView): Html {
  const { t } = v;
  const docs = v.data.documents;
  const showing = v.data.finished ? 'finished' : 'current';
  const link = (plans: 'current' | 'finished', label: string) =>
    plans === showing
      ? html`<strong>${label}</strong>`
      : html`<a href="${urlWith('/', { asOf: v.asOfParam, plans: plans === 'finished' ? 'finished' : undefined })}#documents">${label}</a>`;
  return html`<section class="card" id="documents">
  <h2>${t.documents}</h2>
  <p class="filters">${t.plans}: ${link('current', t.currentPlans)} · ${link('finished', t.finishedPlans)}</p>
  ${
    docs.length === 0
      ? ''
      : html`<div class="scroll"><table class="stack documents">
<thead><tr><th>${t.cluster}</th><th>${t.document}</th><th>${t.period}</th><th class="num">${t.items}</th><th>${t.dataAsOf}</th></tr></thead>
<tbody>
${docs.map(
  (d) => html`<tr data-document="${d.id}">
  <td data-label="${t.cluster}">${d.cluster.name}</td><td data-label="${t.document}">${d.title}</td>
  <td class="date" data-label="${t.period}">${periodText(d)}</td>
  <td class="num" data-label="${t.items}">${d.items}</td>${freshCell(v, d.lastSyncAt, false)}
</tr>`,
)}
</tbody></table></div>`
  }
  ${v.data.finished ? finishedTable(v, v.data.finished) : ''}
</section>`;
}

function finishedTable(v: OverviewView, plans: NonNullable<Overview['finished']>): Html {
  const { t } = v;
  const c = t.finalColumns;
  if (plans.length === 0) return html`<p class="muted">${t.noFinished}</p>`;
  return html`<h3>${t.finishedHeading}</h3>
<div class="scroll"><table class="stack finished">
<thead><tr><th>${t.cluster}</th><th>${t.document}</th><th>${t.period}</th><th class="num">${t.items}</th>
  <th class="num">${c.onTime}</th><th class="num">${c.late}</th><th class="num">${c.undated}</th>
  <th class="num">${c.notDone}</th><th class="num">${c.cancelled}</th><th>${t.dataAsOf}</th></tr></thead>
<tbody>
${plans.map(
  ({ document: d, tally: f }) => html`<tr data-document="${d.id}">
  <td data-label="${t.cluster}">${d.cluster.name}</td><td data-label="${t.document}">${d.title}</td>
  <td class="date" data-label="${t.period}">${periodText(d)}</td>
  <td class="num" data-label="${t.items}" data-final="items">${f.items}</td>
  <td class="num" data-label="${c.onTime}" data-final="onTime">${f.onTime}</td>
  <td class="num" data-label="${c.late}" data-final="late">${f.late}</td>
  <td class="num" data-label="${c.undated}" data-final="undated">${f.undated}</td>
  <td class="num" data-label="${c.notDone}" data-final="notDone">${f.notDone}</td>
  <td class="num" data-label="${c.cancelled}" data-final="cancelled">${f.cancelled}</td>
  ${freshCell(v, d.lastSyncAt, false)}
</tr>`,
)}
</tbody></table></div>`;
}

/** «Удалены из таблицы»: rows gone from their sheets, each linked to its page and history. */
function removedSection(v: OverviewView): Html {
  const { t } = v;
  const rows = v.data.removed;
  return html`<section class="card" id="removed">
  <h2>${t.removedRows}</h2>
  ${
    rows.length === 0
      ? html`<p class="muted">${t.noRemoved}</p>`
      : html`<div class="scroll"><table class="stack removed">
<thead><tr><th>${t.removedAt}</th><th>${t.cluster}</th><th>${t.document}</th><th>${t.number}</th><th>${t.item}</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr data-item="${r.id}">
  <td class="date" data-label="${t.removedAt}">${r.removedAt ? instantRu(r.removedAt, v.timeZone) : '—'}</td>
  <td data-label="${t.cluster}">${r.clusterName}</td><td class="small" data-label="${t.document}">${r.documentTitle}</td>
  <td data-label="${t.number}">${r.number}</td>
  <td data-label="${t.item}"><a href="${urlWith(`/items/${encodeURIComponent(r.id)}`, { asOf: v.asOfParam })}">${r.title || t.untitled}</a></td>
</tr>`,
)}
</tbody></table></div>
${pagerNav(v, v.data.removedPager, 'rpage', 'removed')}`
  }
</section>`;
}

export function overviewPage(v: OverviewView): Html {
  const { t } = v;
  return page(
    t,
    t.overview,
    html`<section class="head-row">
  <h1>${t.overviewOn(dateRu(v.data.asOf))}</h1>
  <div class="actions">${downloads(v)}</div>
</section>
<p class="actions"><a class="button" href="${urlWith('/items', { asOf: v.asOfParam })}">${t.list.open}</a></p>
${v.reader.principal.kind === 'cluster' ? uploadSection(t) : ''}
<section class="card" id="clusters">
  <h2>${t.clusters}</h2>
  ${clustersTable(v)}
</section>
${documentsSection(v)}
${disciplineSection(t, v.data)}
${trendSection(
  t,
  v.data,
  v.data.tallies.map((c) => c.cluster),
  v.asOfParam,
)}
<section class="card" id="overdue">
  <h2>${t.overdueItems}</h2>
  ${filterForm(v)}
  ${overdueTable(v)}
</section>
${removedSection(v)}`,
    v.reader,
  );
}
