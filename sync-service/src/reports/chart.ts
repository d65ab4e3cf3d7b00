// «Сводка»'s chart: one 100% bar per cluster, its items split by state in the state colours. The
// picture has no text: it is anchored over the rows that name the clusters, one bar per row, and
// the legend is cells under it, so every word stays in the sheet's own font.
import { STATE_BAR, TALLY_ORDER, type TallyKey } from '@cluster/shared';
import { Canvas } from './xlsx/png.ts';

/** The order segments are drawn in (as the dashboard's bars). */
export const CHART_STATES = TALLY_ORDER;

/** Pixels per bar row and across; the picture is stretched over its cells anyway. */
const ROW_PX = 24;
const WIDTH_PX = 800;

export function stateBarsPng(rows: readonly { items: number; byState: Record<TallyKey, number> }[]): Buffer {
  const canvas = new Canvas(WIDTH_PX, Math.max(1, rows.length) * ROW_PX);
  const gap = 4;
  rows.forEach((row, i) => {
    const y = i * ROW_PX + gap;
    const h = ROW_PX - 2 * gap;
    canvas.fill(0, y, WIDTH_PX, h, '#F1F3F7');
    if (row.items === 0) return;
    let x = 0;
    for (const state of CHART_STATES) {
      const n = row.byState[state];
      if (!n) continue;
      const w = (n / row.items) * WIDTH_PX;
      canvas.fill(x, y, w + 1, h, STATE_BAR[state]);
      x += w;
    }
  });
  return canvas.png();
}
