// The signed-in home page: clusters with counts and bars, report downloads, the overdue list with
// its filters (a GET form, so it works without scripts).
import type { ItemState } from '@cluster/shared';
import { type Html, html, urlWith } from '../html.ts';
import type { OverdueFilter, Overview } from '../service.ts';
import { barLegend, stateBar } from './bar.ts';
import { dateRu, share } from './format.ts';
import { page, type Reader } from './layout.ts';

const COUNT_COLUMNS: [ItemState, string][] = [
  ['done', 'Выполнено'],
  ['overdue', 'Просрочено'],
  ['due_soon', 'Скоро срок'],
  ['in_progress', 'В работе'],
  ['upcoming', 'Предстоит'],
  ['ongoing', 'Постоянно'],
  ['unknown', 'Срок не распознан'],
];

/** Executors offered in the filter's suggestions, at most. */
const MAX_SUGGESTIONS = 500;

export interface OverviewView {
  reader: Reader;
  data: Overview;
  filter: OverdueFilter;
  /** The date asked for in the address (absent = today). */
  asOfParam: string | undefined;
}

function downloads(v: OverviewView): Html {
  const asOf = v.asOfParam;
  const p = v.reader.principal;
  if (p.kind === 'cluster') {
    return html`<a class="button" href="${urlWith('/reports/cluster.xlsx', { asOf })}" download>Скачать отчёт кластера (XLSX)</a>`;
  }
  return html`<a class="button" href="${urlWith('/reports/consolidated.xlsx', { asOf })}" download>Скачать сводный отчёт (XLSX)</a>`;
}

function clustersTable(v: OverviewView): Html {
  const { tallies, total } = v.data;
  if (tallies.length === 0) return html`<p class="muted">Кластеров пока нет.</p>`;
  const asOf = v.asOfParam;
  // A cluster's overdue count links to its overdue list.
  const counts = (byState: Record<ItemState, number>, slug?: string) =>
    COUNT_COLUMNS.map(([s]) =>
      s === 'overdue' && byState[s]
        ? html`<td class="num hot" data-state="${s}">${
            slug
              ? html`<a href="${urlWith('/', { cluster: slug, asOf })}#overdue">${byState[s]}</a>`
              : byState[s]
          }</td>`
        : html`<td class="num" data-state="${s}">${byState[s]}</td>`,
    );
  return html`<div class="scroll"><table class="clusters">
<thead><tr>
  <th>Кластер</th><th class="num">Всего</th>
  ${COUNT_COLUMNS.map(([, label]) => html`<th class="num">${label}</th>`)}
  <th class="num">Доля выполненных</th><th class="barcol">Состояние</th><th>Отчёт</th>
</tr></thead>
<tbody>
${tallies.map(
  (t) => html`<tr data-cluster="${t.cluster.slug}">
  <td><div class="name">${t.cluster.name}</div><div class="muted small">${t.cluster.region}</div></td>
  <td class="num" data-state="items">${t.items}</td>
  ${counts(t.byState, t.cluster.slug)}
  <td class="num">${share(t.byState.done, t.items)}</td>
  <td class="barcol">${stateBar(t.byState, t.items)}</td>
  <td class="links"><a href="${urlWith('/reports/cluster.xlsx', { cluster: t.cluster.slug, asOf })}" download>XLSX</a></td>
</tr>`,
)}
</tbody>
${
  tallies.length > 1
    ? html`<tfoot><tr data-cluster="">
  <th>Итого</th><td class="num" data-state="items">${total.items}</td>
  ${counts(total.byState)}
  <td class="num">${share(total.byState.done, total.items)}</td>
  <td class="barcol">${stateBar(total.byState, total.items)}</td><td></td>
</tr></tfoot>`
    : ''
}
</table></div>
${barLegend()}`;
}

function filterForm(v: OverviewView): Html {
  const { filter, data } = v;
  const clusters = data.tallies.map((t) => t.cluster);
  return html`<form method="get" action="/#overdue" class="filters" role="search">
  ${
    clusters.length > 1
      ? html`<label>Кластер
    <select name="cluster">
      <option value="">все</option>
      ${clusters.map(
        (c) =>
          html`<option value="${c.slug}"${filter.cluster === c.slug ? html` selected` : ''}>${c.name}</option>`,
      )}
    </select></label>`
      : ''
  }
  <label>Исполнитель
    <input name="executor" value="${filter.executor ?? ''}" list="executors" maxlength="200" placeholder="часть имени"></label>
  <datalist id="executors">${data.overdueExecutors
    .slice(0, MAX_SUGGESTIONS)
    .map((e) => html`<option value="${e}"></option>`)}</datalist>
  <label>Текст
    <input name="q" value="${filter.q ?? ''}" maxlength="200" placeholder="мероприятие, результат, отметка"></label>
  <label>На дату
    <input type="date" name="asOf" value="${v.asOfParam ?? ''}"></label>
  <button type="submit">Показать</button>
  <a href="${urlWith('/', { asOf: v.asOfParam })}#overdue" class="reset">Сбросить</a>
</form>`;
}

function overdueTable(v: OverviewView): Html {
  const { overdue, overdueMatched } = v.data;
  const asOf = v.asOfParam;
  const filtered = Boolean(v.filter.cluster || v.filter.executor || v.filter.q);
  if (overdueMatched === 0) {
    return html`<p class="muted">${filtered ? 'По этому фильтру просроченных нет.' : 'Просроченных мероприятий нет.'}</p>`;
  }
  return html`<p class="count">Найдено: <strong>${overdueMatched}</strong>${
    overdue.length < overdueMatched ? html`, показаны первые ${overdue.length} (самые просроченные)` : ''
  }</p>
<div class="scroll"><table class="overdue">
<thead><tr>
  <th class="num">Дней просрочки</th><th>Кластер</th><th>Документ</th><th>№</th><th>Мероприятие</th>
  <th>Исполнители</th><th>Срок (как записан)</th><th>Срок</th><th>Результат</th><th>Отметка</th>
</tr></thead>
<tbody>
${overdue.map(
  (r) => html`<tr data-item="${r.id}" data-cluster="${r.cluster.slug}">
  <td class="num"><span class="badge state-overdue">${r.daysOverdue}</span></td>
  <td>${r.cluster.name}</td>
  <td class="small">${r.documentTitle}</td>
  <td>${r.number}</td>
  <td><a href="${urlWith(`/items/${encodeURIComponent(r.id)}`, { asOf })}">${r.title || '(без названия)'}</a></td>
  <td>${r.executors.join(', ')}</td>
  <td>${r.deadlineRaw}</td>
  <td class="date">${dateRu(r.due)}</td>
  <td>${r.result}</td>
  <td>${r.markRaw}</td>
</tr>`,
)}
</tbody></table></div>`;
}

export function overviewPage(v: OverviewView): Html {
  return page(
    'Сводка',
    html`<section class="head-row">
  <h1>Сводка на ${dateRu(v.data.asOf)}</h1>
  <div class="actions">${downloads(v)}</div>
</section>
<section class="card">
  <h2>Кластеры</h2>
  ${clustersTable(v)}
</section>
<section class="card" id="overdue">
  <h2>Просроченные мероприятия</h2>
  ${filterForm(v)}
  ${overdueTable(v)}
</section>`,
    v.reader,
  );
}
