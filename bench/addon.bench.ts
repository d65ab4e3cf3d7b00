// addon: the built Code.js (esbuild, as `npm run build` makes it) run in node:vm over the fakes,
// on a generated roadmap sheet of 50 and of 5,000 rows. One "use" is what a coordinator does:
// «Подсветить сроки», then «Проверить таблицу» (the menu item and the sidebar's listProblems).
//   addon_calls_50, addon_calls_5000  SpreadsheetApp and Sheets API calls of one use (must be
//                                     equal: every read and write is batched, none per row)
//   addon_ms_5000                     the add-in's own script time of one use on 5,000 rows, median:
//                                     the use's wall time minus the time spent inside the fakes'
//                                     methods (CallLog.fakeMs: the Sheets API answers built and
//                                     guarded, writes applied, which Apps Script does outside the
//                                     script); what the fakes do while the add-in reads their answers
//                                     (a guard on a missed field, garbage collection) stays in it
//   addon_fakes_ms_5000               the time inside the fakes' methods in the same uses, median
//   addon_bundle_kb                   size of the built Code.js (target ≤ 250)
//   addon_backend_calls_first         backend round trips (the fakes' cost model, test/fakes/calls.ts:
//                                     reads, writes, UI; builders and handles are local) of the first
//                                     use on 5,000 rows (target ≤ 10)
//   addon_backend_calls_repeat        the same use again on the unchanged sheet (target ≤ 5)
//   addon_backend_calls_edit          onEdit after one edit that changes no item's deadline or mark
//                                     (target ≤ 2)
import { statSync } from 'node:fs';
import { addRoadmapSheet, type FakeSheet, type FakeWorld } from './addon-data.ts';

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
  backend: number;
  byMethod: Record<string, number>;
  /** The add-in's own script time (the use's time minus the fakes'), and the fakes' time. */
  ms: number;
  fakesMs: number;
  items: number;
}

/** One highlight + check on a fresh world with a `rows`-row roadmap. */
function oneUse({ AddonWorld }: Addon, rows: number): Use {
  const w = new AddonWorld({ now: NOW });
  const { items } = addRoadmapSheet(w, rows);
  return use(w, rows, items);
}

/** «Подсветить сроки», then «Проверить таблицу» and its sidebar's listProblems. */
function use(w: FakeWorld, rows: number, items: number): Use {
  w.log.reset();
  const started = performance.now();
  w.call('highlightDeadlines');
  w.call('checkTable');
  const fakesMs = w.log.fakeMs;
  const ms = performance.now() - started - fakesMs;
  // The sidebar comes with its first result (gas.ts showSidebar): initialData({...}) at its end.
  const html = w.ui.sidebars.at(-1)?.html ?? '';
  const sent = /initialData\((.*)\)<\/script>$/.exec(html);
  if (!sent) throw new Error('addon bench: the check sidebar came without its result');
  const listed = JSON.parse(sent[1]) as { items: number; problems: unknown[] };
  // The use must have worked: no alert, every generated item highlighted and checked.
  if (w.ui.alerts.length) throw new Error(`addon bench: the add-in alerted: ${w.ui.alerts[0].message}`);
  if (listed.items !== items)
    throw new Error(`addon bench: ${rows} rows: ${items} items generated, the add-in found ${listed.items}`);
  const toast = w.ui.toasts.at(-1)?.message ?? '';
  if (!toast.startsWith(`Пунктов: ${items}.`)) throw new Error(`addon bench: unexpected toast «${toast}»`);
  return {
    calls: w.spreadsheetCalls(),
    backend: w.log.backend(),
    byMethod: { ...w.log.byMethod },
    ms,
    fakesMs,
    items,
  };
}

/** Backend calls of a first use, the same use again, and one edit that moves no deadline. */
function backendCalls({ AddonWorld }: Addon, rows: number) {
  const w = new AddonWorld({ now: NOW });
  const { sheet, items } = addRoadmapSheet(w, rows);
  const first = use(w, rows, items);
  const repeat = use(w, rows, items);
  // The executor of the last item row retyped: no deadline or mark changes.
  const row = lastItemRow(sheet);
  sheet.edit(row, 3).value = `${String(sheet.edit(row, 3).value)} (уточнено)`;
  w.log.reset();
  w.simpleTrigger('onEdit', { range: [row, 3] });
  if (w.ui.alerts.length) throw new Error(`addon bench: onEdit alerted: ${w.ui.alerts[0].message}`);
  const edit = { backend: w.log.backend(), byMethod: { ...w.log.byMethod } };
  if (process.env.ADDON_BENCH_VERBOSE)
    console.log({ first: first.byMethod, repeat: repeat.byMethod, edit: edit.byMethod });
  return { first: first.backend, repeat: repeat.backend, edit: edit.backend };
}

function lastItemRow(sheet: FakeSheet): number {
  for (let r = sheet.maxRows; r > 0; r--) if (sheet.edit(r, 3).value !== '') return r;
  throw new Error('addon bench: no item rows');
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
  const uses: Use[] = [big];
  for (let k = 1; k < reps; k++) uses.push(oneUse(addon, 5_000));
  const calls = backendCalls(addon, 5_000);
  return {
    addon_backend_calls_first: calls.first,
    addon_backend_calls_repeat: calls.repeat,
    addon_backend_calls_edit: calls.edit,
    addon_calls_50: small.calls,
    addon_calls_5000: big.calls,
    addon_ms_5000: median(uses.map((u) => u.ms)),
    addon_fakes_ms_5000: median(uses.map((u) => u.fakesMs)),
    addon_bundle_kb: bundleKb,
  };
}
