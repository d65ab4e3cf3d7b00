// addon: the built Code.js (esbuild, as `npm run build` makes it) run in node:vm over the fakes,
// on a generated roadmap sheet of 50 and of 5,000 rows. One "use" is what a coordinator does:
// «Подсветить сроки», then «Проверить таблицу» (the menu item and the sidebar's listProblems).
//   addon_calls_50, addon_calls_5000  SpreadsheetApp calls of one use (must be equal: every read
//                                     and write is batched, none per row)
//   addon_ms_5000                     script time of one use on 5,000 rows, median (the fakes'
//                                     own work included, so an upper bound of the script's part)
//   addon_bundle_kb                   size of the built Code.js (target ≤ 250)
import { statSync } from 'node:fs';
import { addRoadmapSheet, type FakeWorld } from './addon-data.ts';

interface Addon {
  buildAddon(): Promise<{ codeBytes: number }>;
  AddonWorld: new (opts: { now: string }) => FakeWorld;
}

/** addon/build.ts and the fakes' world, loaded at run time (see FakeWorld for why). */
async function loadAddon(): Promise<Addon> {
  const url = (path: string) => new URL(`../addon/${path}`, import.meta.url).href;
  const [build, world] = await Promise.all([import(url('build.ts')), import(url('test/fakes/world.ts'))]);
  return { buildAddon: build.buildAddon, AddonWorld: world.AddonWorld };
}

const NOW = '2021-06-01T09:00:00Z';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Use {
  calls: number;
  byMethod: Record<string, number>;
  ms: number;
  items: number;
}

/** One highlight + check on a fresh world with a `rows`-row roadmap. */
function oneUse({ AddonWorld }: Addon, rows: number): Use {
  const w = new AddonWorld({ now: NOW });
  const { items } = addRoadmapSheet(w, rows);
  w.log.reset();
  const started = performance.now();
  w.call('highlightDeadlines');
  w.call('checkTable');
  const listed = w.call<{ items: number; problems: unknown[] }>('listProblems');
  const ms = performance.now() - started;
  // The use must have worked: no alert, every generated item highlighted and checked.
  if (w.ui.alerts.length) throw new Error(`addon bench: the add-in alerted: ${w.ui.alerts[0].message}`);
  if (listed.items !== items)
    throw new Error(`addon bench: ${rows} rows: ${items} items generated, the add-in found ${listed.items}`);
  const toast = w.ui.toasts.at(-1)?.message ?? '';
  if (!toast.startsWith(`Пунктов: ${items}.`)) throw new Error(`addon bench: unexpected toast «${toast}»`);
  return { calls: w.spreadsheetCalls(), byMethod: { ...w.log.byMethod }, ms, items };
}

/** Methods whose counts differ between two uses: where a per-row call would show. */
function diff(a: Record<string, number>, b: Record<string, number>): string {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names]
    .filter((n) => a[n] !== b[n])
    .map((n) => `${n}: ${a[n] ?? 0} vs ${b[n] ?? 0}`)
    .join(', ');
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const addon = await loadAddon();
  await addon.buildAddon();
  const bundleKb = statSync(new URL('../addon/dist/Code.js', import.meta.url)).size / 1024;
  const reps = quick ? 3 : 7;

  const small = oneUse(addon, 50);
  const big = oneUse(addon, 5_000);
  if (small.calls !== big.calls) {
    throw new Error(
      `addon bench: SpreadsheetApp calls grow with the sheet (${small.calls} on 50 rows, ${big.calls} on 5,000): ${diff(small.byMethod, big.byMethod)}`,
    );
  }
  const ms: number[] = [big.ms];
  for (let k = 1; k < reps; k++) ms.push(oneUse(addon, 5_000).ms);
  return {
    addon_calls_50: small.calls,
    addon_calls_5000: big.calls,
    addon_ms_5000: median(ms),
    addon_bundle_kb: bundleKb,
  };
}
