// A cluster's items as one stacked bar (inline SVG: no inline styles, so the page's CSP can forbid them).
import { STATE_BAR, TALLY_ORDER, type TallyKey } from '@cluster/shared';
import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';

/** Bar colours: the deeper shades of the state fills (shared with the report's chart). */
export const BAR_FILL = STATE_BAR;

/** The order segments are drawn in. */
const ORDER = TALLY_ORDER;

export function stateBar(t: Messages, byState: Record<TallyKey, number>, items: number): Html {
  if (items === 0) return html`<span class="muted">${t.noItems}</span>`;
  let x = 0;
  const rects: Html[] = [];
  for (const state of ORDER) {
    const n = byState[state];
    if (!n) continue;
    const w = (n / items) * 100;
    rects.push(
      html`<rect x="${x.toFixed(3)}" y="0" width="${w.toFixed(3)}" height="10" fill="${BAR_FILL[state]}"><title>${t.state[state]}: ${n}</title></rect>`,
    );
    x += w;
  }
  const label = ORDER.filter((s) => byState[s])
    .map((s) => `${t.state[s]}: ${byState[s]}`)
    .join(', ');
  return html`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${label}">${rects}</svg>`;
}

export function barLegend(t: Messages): Html {
  return html`<ul class="legend">${ORDER.map(
    (s) =>
      html`<li><svg viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill="${BAR_FILL[s]}"/></svg>${t.state[s]}</li>`,
  )}</ul>`;
}
