// The КИД section: the formula, КИД per cluster (plain and weighted, in colour bands), the five
// worst executors and, when tables name them, organisations. Tables stack into cards on a phone.
import { type DisciplineCounts, disciplineBase, kid, kidBand, kidWeighted } from '@cluster/shared';
import type { DisciplineRow, OrganisationRow } from '../../../reports/discipline.ts';
import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';
import type { Overview } from '../service.ts';

function kidCell(t: Messages, label: string, value: number | null, kind: string): Html {
  if (value === null) return html`<td class="num" data-label="${label}" data-kid="${kind}">—</td>`;
  const band = kidBand(value);
  return html`<td class="num kid kid-${band}" data-label="${label}" data-kid="${kind}" title="${t.kid.band[band]}">${value.toFixed(1)}</td>`;
}

function countCells(t: Messages, c: DisciplineCounts): Html {
  const k = t.kid;
  return html`<td class="num" data-label="${k.base}">${disciplineBase(c)}</td>
<td class="num" data-label="${k.onTime}">${c.onTime}</td>
<td class="num" data-label="${k.late}">${c.late}</td>
<td class="num" data-label="${k.overdue}">${c.overdue}</td>
<td class="num" data-label="${k.daysLate}">${c.daysLate}</td>
${kidCell(t, k.plain, kid(c), 'plain')}${kidCell(t, k.weighted, kidWeighted(c), 'weighted')}`;
}

function head(t: Messages, first: string[]): Html {
  const k = t.kid;
  return html`<thead><tr>${first.map((h) => html`<th>${h}</th>`)}
<th class="num">${k.base}</th><th class="num">${k.onTime}</th><th class="num">${k.late}</th>
<th class="num">${k.overdue}</th><th class="num">${k.daysLate}</th><th class="num">${k.plain}</th><th class="num">${k.weighted}</th>
</tr></thead>`;
}

const byKid = (a: { counts: DisciplineCounts }, b: { counts: DisciplineCounts }) =>
  (kid(a.counts) ?? 101) - (kid(b.counts) ?? 101);

function clusterRows(t: Messages, rows: DisciplineRow[], total: DisciplineCounts): Html {
  return html`<table class="stack kid-clusters">${head(t, [t.cluster])}<tbody>
${[...rows]
  .sort(byKid)
  .map(
    (r) =>
      html`<tr data-kid-cluster="${r.cluster.slug}"><td data-label="${t.cluster}">${r.cluster.name}</td>${countCells(t, r.counts)}</tr>`,
  )}</tbody>
${rows.length > 1 ? html`<tfoot><tr data-kid-cluster=""><th>${t.totals}</th>${countCells(t, total)}</tr></tfoot>` : ''}
</table>`;
}

function worstRows(t: Messages, rows: DisciplineRow[]): Html {
  if (rows.length === 0) return html``;
  return html`<h3>${t.kid.worst}</h3>
<table class="stack kid-worst">${head(t, [t.executor, t.cluster])}<tbody>
${rows.map(
  (r) =>
    html`<tr data-kid-executor="${r.executor ?? ''}"><td data-label="${t.executor}">${r.executor}</td><td data-label="${t.cluster}">${r.cluster.name}</td>${countCells(t, r.counts)}</tr>`,
)}</tbody></table>`;
}

/** Organisations shown at most (the lowest КИД first): a national scope names thousands. */
const MAX_ORGANISATIONS = 50;

function organisationRows(t: Messages, rows: OrganisationRow[]): Html {
  const due = rows.filter((o) => disciplineBase(o.counts) > 0).sort(byKid);
  if (due.length === 0) return html``;
  return html`<h3>${t.kid.organisations}</h3>
${due.length > MAX_ORGANISATIONS ? html`<p class="small muted">${t.list.shown(1, MAX_ORGANISATIONS, due.length)}</p>` : ''}
<table class="stack kid-organisations">${head(t, [t.kid.organisation])}<tbody>
${due
  .slice(0, MAX_ORGANISATIONS)
  .map(
    (o) =>
      html`<tr data-kid-organisation="${o.organisation}"><td data-label="${t.kid.organisation}">${o.organisation}</td>${countCells(t, o.counts)}</tr>`,
  )}</tbody></table>`;
}

export function disciplineSection(t: Messages, data: Overview): Html {
  const d = data.discipline;
  return html`<section class="card" id="kid">
  <h2>${t.kid.heading}</h2>
  <p class="small muted rule">${t.kid.rule}</p>
  ${
    disciplineBase(d.total) === 0
      ? html`<p class="muted">${t.kid.noneDue}</p>`
      : html`${clusterRows(t, d.clusters, d.total)}${worstRows(t, d.worst)}${organisationRows(t, d.organisations)}`
  }
</section>`;
}
