// The administrator's page: documents (archive, bring back), clusters, sources and departments
// (remove). Plain forms that post to /admin/…; the rules are app/lifecycle.ts's.
import { minuteInTimeZone } from '@cluster/shared';
import type { Cluster, Department, DocumentRecord, Source } from '../../../store/types.ts';
import { type Html, html, urlWith } from '../html.ts';
import type { Messages } from '../i18n.ts';
import type { Pager } from '../service.ts';
import { page, type Reader } from './layout.ts';
import { pagerNav } from './pager.ts';

const WORDS = {
  ru: {
    title: 'Администрирование',
    documents: 'Документы',
    archived: 'в архиве',
    current: 'текущий',
    archive: 'В архив',
    unarchive: 'Вернуть',
    clusters: 'Кластеры',
    sources: 'Источники',
    departments: 'Департаменты',
    remove: 'Удалить',
    withDocuments: 'вместе с документами',
    head: ['Кластер', 'Вид', 'Название', 'Период', 'Мероприятий', 'Синхронизация', 'Состояние', 'Действие'],
    clusterHead: ['Кластер', 'Название', 'Регион', 'Действие'],
    sourceHead: ['Кластер', 'Источник', 'Действие'],
    departmentHead: ['Департамент', 'Название', 'Регион', 'Действие'],
    none: 'нет',
  },
  en: {
    title: 'Administration',
    documents: 'Documents',
    archived: 'archived',
    current: 'current',
    archive: 'Archive',
    unarchive: 'Bring back',
    clusters: 'Clusters',
    sources: 'Sources',
    departments: 'Departments',
    remove: 'Remove',
    withDocuments: 'with its documents',
    head: ['Cluster', 'Kind', 'Title', 'Period', 'Items', 'Last sync', 'State', 'Action'],
    clusterHead: ['Cluster', 'Name', 'Region', 'Action'],
    sourceHead: ['Cluster', 'Source', 'Action'],
    departmentHead: ['Department', 'Name', 'Region', 'Action'],
    none: 'none',
  },
};

/** One page of a list and where it is in the whole. */
export interface AdminList<T> {
  rows: T[];
  /** None for a list short enough to show whole (the departments: one or a few per region). */
  pager?: Pager;
}

export interface AdminData {
  documents: AdminList<DocumentRecord>;
  clusters: AdminList<Cluster>;
  sources: AdminList<Source>;
  departments: Department[];
  timeZone: string;
  /** The pages asked for (each list's links keep the others'). */
  query: { dpage?: number | undefined; cpage?: number | undefined; spage?: number | undefined };
}

/** Cells with their column's name, so the row stacks into a labelled card on a phone. */
const cells = (labels: readonly string[], values: (Html | string | number)[]) =>
  values.map((v, i) => html`<td data-label="${labels[i] ?? ''}">${v}</td>`);

export function adminPage(t: Messages, reader: Reader, data: AdminData): Html {
  const w = WORDS[t.lang === 'ru' ? 'ru' : 'en'];
  const withDocs = html`<label><input type="checkbox" name="withDocuments" value="true"> ${w.withDocuments}</label> `;
  const pages = Object.fromEntries(Object.entries(data.query).map(([k, v]) => [k, v?.toString()]));
  // Each form carries the pages shown, so after its action the admin is back where they were.
  const back = Object.entries(pages).map(([k, v]) =>
    v ? html`<input type="hidden" name="${k}" value="${v}">` : '',
  );
  const button = (action: string, label: string, extra: Html | string = '') =>
    html`<form method="post" action="${action}" class="inline">${back}${extra}<button type="submit">${label}</button></form>`;
  /** A paged list: its heading, pager, a table that stacks on a phone, the pager again. */
  const list = <T>(
    id: string,
    title: string,
    param: string | null,
    { rows, pager }: AdminList<T>,
    head: readonly string[],
    row: (x: T) => (Html | string | number)[],
  ) => {
    const nav =
      pager && param
        ? pagerNav(t, pager, param, (p) => `${urlWith('/admin', { ...pages, [param]: p })}#${id}`)
        : '';
    return html`<h2 id="${id}">${title}</h2>
${
  rows.length
    ? html`${nav}<div class="scroll"><table class="stack ${id}"><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((x) => html`<tr>${cells(head, row(x))}</tr>`)}</tbody></table></div>${nav}`
    : html`<p>${w.none}</p>`
}`;
  };
  return page(
    t,
    w.title,
    html`<section class="card"><h1>${w.title}</h1>
${list('documents', w.documents, 'dpage', data.documents, w.head, (d) => [
  d.clusterSlug,
  d.kind,
  d.title,
  d.period ? `${d.period.start}..${d.period.end}` : '',
  d.itemCount,
  d.lastSyncAt ? minuteInTimeZone(new Date(d.lastSyncAt), data.timeZone) : '',
  d.archivedAt ? w.archived : w.current,
  d.archivedAt
    ? button(`/admin/documents/${encodeURIComponent(d.id)}/unarchive`, w.unarchive)
    : button(`/admin/documents/${encodeURIComponent(d.id)}/archive`, w.archive),
])}
${list('clusters', w.clusters, 'cpage', data.clusters, w.clusterHead, (c) => [
  c.slug,
  c.name,
  c.region,
  button(`/admin/clusters/${c.slug}/remove`, w.remove, withDocs),
])}
${list('sources', w.sources, 'spage', data.sources, w.sourceHead, (s) => [
  s.clusterSlug,
  s.kind === 'sheet' ? `${s.spreadsheetId}#${s.sheetId} ${s.sheetName ?? ''}` : (s.fileName ?? ''),
  button(`/admin/sources/${encodeURIComponent(s.id)}/remove`, w.remove, withDocs),
])}
${list('departments', w.departments, null, { rows: data.departments }, w.departmentHead, (d) => [
  d.slug,
  d.name,
  d.region,
  button(`/admin/departments/${d.slug}/remove`, w.remove),
])}
</section>`,
    reader,
  );
}
