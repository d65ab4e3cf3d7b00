// Helpers for the dashboard tests: known data with HTML in every user-written field, sign-in over
// HTTP, and reading the rendered tables back by their data attributes.
import { readText } from '@cluster/shared';
import { applySnapshot } from '../../src/app/sync-snapshot.ts';
import type { Store } from '../../src/store/store.ts';
import { AS_OF } from './report-data.ts';

/** A cluster whose name, document and every item field try HTML (and attribute) injection. */
export const HTML_CLUSTER = {
  slug: 'html-evil',
  name: `<i>Кластер</i> "quoted" 'single' & <script>alert('cluster')</script>`,
  region: 'Калужская область',
};

/** One payload per field, each distinct so a test can tell which field leaked. */
export const HTML_FIELDS = {
  document: `<script>alert('document')</script>`,
  task: `<img src=x onerror=alert('task')>`,
  title: `<script>alert('title')</script><b>title</b>`,
  executor: `"><img src=x onerror=alert('executor')>`,
  result: `<iframe src="javascript:alert('result')"></iframe>`,
  mark: `<svg onload=alert('mark')>`,
};

export function htmlPlan(): string {
  const f = HTML_FIELDS;
  return [
    `План работы ${f.document} на 2021 год`,
    '',
    '№\tМероприятие\tИсполнитель\tСрок\tРезультат\tОтметка о выполнении',
    `${f.task}`,
    `1.\t${f.title}\t${f.executor}\tмарт 2021\t${f.result}\t${f.mark}`,
    '',
  ].join('\n');
}

export async function syncPlan(store: Store, slug: string, fileName: string, text: string): Promise<void> {
  await applySnapshot(store, {
    cluster: slug,
    source: { kind: 'file', fileName },
    title: fileName,
    documents: readText(text, { today: AS_OF }),
    actor: 'test',
    today: AS_OF,
  });
}

/** Signs in through the form; returns the answer and the `name=value` to send back as Cookie. */
export async function signIn(url: string, token: string, extra: Record<string, string> = {}) {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra },
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, setCookie, cookie: setCookie.split(';')[0], text: await res.text() };
}

export async function page(url: string, path: string, cookie?: string) {
  const res = await fetch(`${url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { res, status: res.status, html: await res.text() };
}

/** Counts per cluster from the clusters table: slug → { items, done, overdue, … }. */
export function clusterCounts(html: string): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const start = html.indexOf('<table class="stack clusters">');
  if (start < 0) throw new Error('no clusters table on the page');
  const table = html.slice(start, html.indexOf('</table>', start));
  for (const row of table.matchAll(/<tr data-cluster="([^"]*)">([\s\S]*?)<\/tr>/g)) {
    const counts: Record<string, number> = {};
    for (const cell of row[2].matchAll(/data-state="(\w+)">(?:<a [^>]*>)?(\d+)/g))
      counts[cell[1]] = Number(cell[2]);
    out.set(row[1] || 'total', counts);
  }
  return out;
}

/** Ids of the overdue list's rows, in order, with their cluster slugs. */
export function overdueRows(html: string): { id: string; cluster: string }[] {
  return [...html.matchAll(/<tr data-item="([^"]+)" data-cluster="([^"]+)">/g)].map((m) => ({
    id: m[1],
    cluster: m[2],
  }));
}
