// The pager of a list cut in SQL: «1–25 из 2000», back and forth. One for every paged list of the
// dashboard (the home page's, the admin page's).

import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';
import type { Pager } from '../service.ts';

/** Nothing when one page holds everything; `href(page)` gets undefined for the first page. */
export function pagerNav(
  t: Messages,
  p: Pager,
  param: string,
  href: (page: string | undefined) => string,
): Html {
  if (p.pages <= 1) return html``;
  const from = (p.page - 1) * p.size + 1;
  const to = Math.min(p.total, p.page * p.size);
  const pageHref = (page: number) => href(page > 1 ? String(page) : undefined);
  return html`<nav class="pager" aria-label="${t.list.pages}" data-pager="${param}">
  <span class="count">${t.list.shown(from, to, p.total)}</span>
  ${p.page > 1 ? html`<a rel="prev" href="${pageHref(p.page - 1)}">${t.list.prev}</a>` : ''}
  <span>${t.list.pageOf(p.page, p.pages)}</span>
  ${p.page < p.pages ? html`<a rel="next" href="${pageHref(p.page + 1)}">${t.list.next}</a>` : ''}
</nav>`;
}
