// The administrator's page: documents (archive, bring back), clusters, sources and departments
// (remove). Plain forms that post to /admin/…; the rules are app/lifecycle.ts's.
import { minuteInTimeZone } from '@cluster/shared';
import type { Cluster, Department, DocumentRecord, Source } from '../../../store/types.ts';
import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';
import { page, type Reader } from './layout.ts';

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
    head: ['Кластер', 'Вид', 'Название', 'Период', 'Мероприятий', 'Синхронизация', 'Состояние', ''],
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
    head: ['Cluster', 'Kind', 'Title', 'Period', 'Items', 'Last sync', 'State', ''],
    none: 'none',
  },
};

export interface AdminData {
  documents: DocumentRecord[];
  clusters: Cluster[];
  sources: Source[];
  departments: Department[];
  timeZone: string;
}

const button = (action: string, label: string, extra: Html | string = '') =>
  html`<form method="post" action="${action}" class="inline">${extra}<button type="submit">${label}</button></form>`;

export function adminPage(t: Messages, reader: Reader, data: AdminData): Html {
  const w = WORDS[t.lang === 'ru' ? 'ru' : 'en'];
  const withDocs = html`<label><input type="checkbox" name="withDocuments" value="true"> ${w.withDocuments}</label> `;
  const docRows = data.documents.map(
    (d) => html`<tr>
  <td>${d.clusterSlug}</td><td>${d.kind}</td><td>${d.title}</td>
  <td>${d.period ? `${d.period.start}..${d.period.end}` : ''}</td><td>${d.itemCount}</td>
  <td>${d.lastSyncAt ? minuteInTimeZone(new Date(d.lastSyncAt), data.timeZone) : ''}</td>
  <td>${d.archivedAt ? w.archived : w.current}</td>
  <td>${
    d.archivedAt
      ? button(`/admin/documents/${encodeURIComponent(d.id)}/unarchive`, w.unarchive)
      : button(`/admin/documents/${encodeURIComponent(d.id)}/archive`, w.archive)
  }</td></tr>`,
  );
  const list = <T>(items: T[], cells: (x: T) => Html) =>
    items.length
      ? html`<div class="scroll"><table>${items.map(cells)}</table></div>`
      : html`<p>${w.none}</p>`;
  return page(
    t,
    w.title,
    html`<section class="card"><h1>${w.title}</h1>
<h2>${w.documents}</h2>
${
  data.documents.length
    ? html`<div class="scroll"><table class="documents"><tr>${w.head.map((h) => html`<th>${h}</th>`)}</tr>${docRows}</table></div>`
    : html`<p>${w.none}</p>`
}
<h2>${w.clusters}</h2>
${list(
  data.clusters,
  (c) =>
    html`<tr><td>${c.slug}</td><td>${c.name}</td><td>${c.region}</td><td>${button(`/admin/clusters/${c.slug}/remove`, w.remove, withDocs)}</td></tr>`,
)}
<h2>${w.sources}</h2>
${list(
  data.sources,
  (s) =>
    html`<tr><td>${s.clusterSlug}</td><td>${s.kind === 'sheet' ? `${s.spreadsheetId}#${s.sheetId} ${s.sheetName ?? ''}` : s.fileName}</td><td>${button(`/admin/sources/${encodeURIComponent(s.id)}/remove`, w.remove, withDocs)}</td></tr>`,
)}
<h2>${w.departments}</h2>
${list(
  data.departments,
  (d) =>
    html`<tr><td>${d.slug}</td><td>${d.name}</td><td>${d.region}</td><td>${button(`/admin/departments/${d.slug}/remove`, w.remove)}</td></tr>`,
)}
</section>`,
    reader,
  );
}
