// «Динамика»: per cluster the counts now and their change since the trend's start, with a small
// chart of done and overdue by day (inline SVG; no scripts, no inline styles).
import { dayNumber } from '@cluster/shared';
import type { ReportCluster } from '../../../reports/model.ts';
import { type ClusterTrend, changeOf, TREND_DAYS, type TrendFigures } from '../../../reports/trends.ts';
import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';
import type { Overview } from '../service.ts';
import { dateRu } from './format.ts';

const W = 120;
const H = 28;

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** Done (green) and overdue (red) as two lines over the days from `since` to `asOf`. */
export function trendChart(
  t: Messages,
  name: string,
  trend: ClusterTrend,
  since: string,
  asOf: string,
): Html {
  const from = dayNumber(since);
  const span = Math.max(1, dayNumber(asOf) - from);
  const max = Math.max(1, ...trend.points.map((p) => Math.max(p.figures.done, p.figures.overdue)));
  const line = (pick: (f: TrendFigures) => number) => {
    // The baseline tally stands from `since` on; each later one from its own day; the last to asOf.
    const pts: string[] = [];
    let last: number | null = null;
    for (const p of trend.points) {
      const x = (Math.max(0, dayNumber(p.day) - from) / span) * W;
      const y = H - 1 - (pick(p.figures) / max) * (H - 2);
      if (last !== null) pts.push(`${x.toFixed(1)},${last.toFixed(1)}`);
      pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
      last = y;
    }
    if (last !== null) pts.push(`${W},${last.toFixed(1)}`);
    return pts.join(' ');
  };
  return html`<svg class="spark" viewBox="0 0 ${W} ${H}" role="img" aria-label="${t.trend.chartLabel(name)}"><title>${t.trend.chartLabel(name)}</title>
<polyline points="${line((f) => f.done)}" fill="none" stroke="#6AA84F" stroke-width="1.5"/>
<polyline points="${line((f) => f.overdue)}" fill="none" stroke="#CC0000" stroke-width="1.5"/></svg>`;
}

function figure(label: string, now: number | undefined, change: number | undefined, cls = ''): Html {
  return html`<td class="num${cls}" data-label="${label}">${now ?? '—'}${
    change === undefined ? '' : html` <span class="delta" data-delta="${change}">(${signed(change)})</span>`
  }</td>`;
}

export function trendSection(
  t: Messages,
  data: Overview,
  clusters: ReportCluster[],
  asOfParam?: string,
): Html {
  const { since, previousReport, byCluster, total } = data.trend;
  const why = previousReport ? t.trend.sincePrevious : t.trend.sinceDays(TREND_DAYS);
  const totalChange = changeOf(total);
  return html`<section class="card" id="trend">
  <h2>${t.trend.heading(dateRu(since))} <span class="muted small">(${why})</span></h2>
  <form method="get" action="/#trend" class="filters">
    <label>${t.trend.since} <input type="date" name="since" value="${since}"></label>
    ${asOfParam ? html`<input type="hidden" name="asOf" value="${asOfParam}">` : ''}
    <button type="submit">${t.trend.show}</button>
  </form>
  <table class="stack trend">
  <thead><tr><th>${t.cluster}</th><th class="num">${t.trend.items}</th><th class="num">${t.trend.done}</th>
  <th class="num">${t.trend.overdue}</th><th>${t.trend.chart}</th></tr></thead>
  <tbody>
  ${clusters.map((c) => {
    const tr = byCluster.get(c.slug);
    const ch = tr ? changeOf(tr) : null;
    return html`<tr data-trend-cluster="${c.slug}"><td data-label="${t.cluster}">${c.name}</td>
    ${figure(t.trend.items, tr?.now?.items, ch?.items)}
    ${figure(t.trend.done, tr?.now?.done, ch?.done)}
    ${figure(t.trend.overdue, tr?.now?.overdue, ch?.overdue, ch && ch.overdue > 0 ? ' hot' : '')}
    <td data-label="${t.trend.chart}">${tr ? trendChart(t, c.name, tr, since, data.asOf) : html`<span class="muted small">${t.trend.noData}</span>`}</td></tr>`;
  })}
  </tbody>
  ${
    clusters.length > 1 && totalChange
      ? html`<tfoot><tr data-trend-cluster=""><th>${t.totals}</th>
    ${figure(t.trend.items, total.now.items, totalChange.items)}
    ${figure(t.trend.done, total.now.done, totalChange.done)}
    ${figure(t.trend.overdue, total.now.overdue, totalChange.overdue)}<td></td></tr></tfoot>`
      : ''
  }
  </table>
  <p class="small muted">${t.trend.note}</p>
</section>`;
}
