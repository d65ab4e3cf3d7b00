// report: the consolidated XLSX report of generated items (500 per cluster, one plan each) against
// bare exceljs writing the same cells in the same run (interleaved runs, medians).
//   report_ratio / _1m        full report (classify, counts, styles, document headings, overdue and
//                             moves sorted through their spills, flow control) / bare exceljs
//                             WorkbookWriter (no styles, no shared strings) writing the same cell
//                             values: every heading and row of the list sheets, the count sheets'
//                             rows (target ≤ 1.2)
//   report_peak_rss_mb / _1m  peak RSS of the report as the product makes it: the service's own report
//                             process (reports/report-process.ts, with the flags and budget of the
//                             default settings) reading the national data set's SQLite store
//                             (national-data.ts) and writing the XLSX to a temporary file; the kernel's
//                             maxRSS of that child (target ≤ 300); `_pg`: the same over the
//                             PostgreSQL store (report_peak_rss_mb_pg, _1m_pg). Quick: the whole quick data set
//                             (100 clusters × 200 = 20,000 items); full: the largest region of the full
//                             data set (~100,000 items) and the whole of it (1,000,000 items, _1m)
//   report_ms / _1m           median time of the full report; report_bare_ms / _1m of the bare write
//   report_input_ms / _1m     generating the items and judging them (classify) alone: both sides pay it
// Sizes: --quick 20,000 items; full run 100,000 (report_*) and 1,000,000 over 2,000 clusters
// (report_*_1m). Input of the ratio: an in-memory generator with the ReportSource shape
// (bench/report-data.ts), not a store, so the ratio is the report writer's own. Both sides generate the items on the fly
// (1M rows of cells do not fit beside the report); the bare side keeps its overdue rows in memory
// to write them after «Все мероприятия», as the report does through its spill.
import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { reportExtras } from '@cluster/sync-service/app/report-plan.ts';
import { loadConfig } from '@cluster/sync-service/config.ts';
import { classify } from '@cluster/sync-service/reports/classify.ts';
import { writeConsolidatedReport } from '@cluster/sync-service/reports/consolidated.ts';
import type { ReportCluster } from '@cluster/sync-service/reports/model.ts';
import { reportTempFile, writeReportInChild } from '@cluster/sync-service/reports/report-process.ts';
import { allItemsValues, groupTitle } from '@cluster/sync-service/reports/sheets/all-items.ts';
import { moveRow, movesValues } from '@cluster/sync-service/reports/sheets/moves.ts';
import { overdueRow, overdueValues } from '@cluster/sync-service/reports/sheets/overdue.ts';
import { openStore } from '@cluster/sync-service/store/store.ts';
import ExcelJS from 'exceljs';
import { type NationalData, nationalData, sizeSuffix } from './national-data.ts';
import {
  BENCH_AS_OF,
  benchClusters,
  benchItems,
  benchMoves,
  benchSource,
  clusterCountFor,
} from './report-data.ts';
import { interleaved, timed } from './timing.ts';

type Cells = (string | number | Date | null)[];

const sink = () =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });

const options = () => ({
  asOf: BENCH_AS_OF,
  region: null,
  soonDays: 14,
  generatedAt: new Date(),
  timeZone: 'Europe/Moscow',
});

/** The report's list sheets and count sheets, cell for cell, written by exceljs alone. */
async function bareWrite(n: number, clusters: ReportCluster[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink(),
    useStyles: false,
    useSharedStrings: false,
  });
  // A turn of the event loop every 500 rows lets the zip take what was written (without it every
  // sheet would wait in memory until the end): exceljs' streaming writer as meant to be used.
  let rows = 0;
  const turn = () => (++rows % 500 === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : null);
  const sheet = (name: string) => {
    const s = workbook.addWorksheet(name);
    let group = '';
    let section = '';
    return {
      row: (values: Cells) => {
        s.addRow(values).commit();
        return turn();
      },
      /** Headings as the report writes them: a document's, then its section's when it changes. */
      async heading(g: string, sec = '') {
        if (g !== group) {
          await this.row([g]);
          group = g;
          section = '';
        }
        if (sec !== section) {
          if (sec) await this.row([sec]);
          section = sec;
        }
      },
      done: () => s.commit(),
    };
  };
  const moves = sheet('Переносы сроков');
  for (const m of benchMoves(Math.floor(n / 20), clusters, n)) {
    const cells = moveRow(m, '2021-10-01', 1);
    await moves.heading(groupTitle(cells[0], cells[1]));
    await moves.row(movesValues(cells));
  }
  moves.done();
  const all = sheet('Все мероприятия');
  const overdue: { group: string; days: number; cells: Cells }[] = [];
  for (const item of benchItems(n, clusters)) {
    const facts = classify(item, BENCH_AS_OF, 14);
    const group = groupTitle(item.cluster.name, item.document.title);
    await all.heading(group, item.task);
    await all.row(allItemsValues(item, facts));
    if (facts.state === 'overdue')
      overdue.push({ group, days: facts.daysOverdue, cells: overdueValues(overdueRow(item, facts)) });
  }
  all.done();
  const late = sheet('Просроченные');
  // Grouped by document already (items come so); most days first within each: a stable sort.
  let from = 0;
  for (let i = 1; i <= overdue.length; i++) {
    if (i < overdue.length && overdue[i].group === overdue[from].group) continue;
    const block = overdue.slice(from, i).sort((a, b) => b.days - a.days);
    await late.heading(block[0].group);
    for (const o of block) await late.row(o.cells);
    from = i;
  }
  overdue.length = 0;
  late.done();
  const summary = sheet('Сводка');
  for (const c of clusters)
    await summary.row([c.region, c.name, 500, 175, 200, 10, 5, 60, 25, 25, 0, 0, 0.35]);
  summary.done();
  const executors = sheet('Исполнители');
  for (let i = 0; i < 8; i++) await executors.row([`Исполнитель ${i}`, 1000, 300, 50, 10, 0, 400]);
  executors.done();
  const discipline = sheet('Исполнительская дисциплина');
  for (const c of clusters) await discipline.row(['Кластер', c.name, '', 500, 300, 50, 100, 4000, 0.6, 0.4]);
  discipline.done();
  await workbook.commit();
}

/** Generating and judging the items alone (what both sides pay before writing a cell). */
async function input(n: number, clusters: ReportCluster[]): Promise<void> {
  let overdue = 0;
  for (const item of benchItems(n, clusters)) {
    if (classify(item, BENCH_AS_OF, 14).state === 'overdue') overdue++;
  }
  if (overdue < 0) throw new Error('unreachable');
}

/**
 * Peak RSS (MB) of the product's report process writing `region`'s consolidated report (null: every
 * region) of the national data set: the settings `serve` would read over that store (defaults
 * otherwise), the options the HTTP route gives an admin.
 */
export async function productPeakRss(data: NationalData, region: string | null): Promise<number> {
  const config = loadConfig({ ...data.env, LOG_LEVEL: 'silent' });
  const store = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
  const asOf = data.today;
  const scope = region ? { region } : {};
  const planning = await openStore(store);
  const extras = await reportExtras(planning, null, { scope, region }, asOf).finally(() => planning.close());
  const target = reportTempFile(config.report);
  const started = performance.now();
  try {
    const made = await writeReportInChild(
      {
        store,
        scope: { ...scope, plansOn: asOf },
        options: {
          ...extras,
          asOf,
          region,
          clusterName: null,
          soonDays: config.soonDays,
          generatedAt: new Date(),
          timeZone: config.timeZone,
          finished: false,
          staleDays: config.staleDays,
        },
        target,
      },
      config.report,
    );
    console.error(
      `report process (${data.backend}): ${made.totals.items} items (${region ?? 'all regions'}), ` +
        `${made.peakRssMb} MB, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return made.peakRssMb;
  } finally {
    await rm(target, { force: true });
  }
}

/** The region of the data set with the most clusters. */
function largestRegion(data: NationalData): string {
  const count = new Map<string, number>();
  for (const c of data.clusters) count.set(c.region, (count.get(c.region) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1])[0][0];
}

/** The figures at `n` items (exported for a one-off run at another size). */
export async function measure(n: number, reps: number, suffix: string): Promise<Record<string, number>> {
  const clusters = benchClusters(clusterCountFor(n));
  const product = () => writeConsolidatedReport(benchSource(n, clusters), options(), sink());
  const bare = () => bareWrite(n, clusters);
  // Warm-up of both, so that neither pays for compiling its code in a timed run.
  await timed(bare);
  await timed(product);
  const full: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < reps; r++) {
    // Which goes first alternates, so that neither always inherits the other's garbage.
    if (r % 2 === 0) {
      base.push(await timed(bare));
      full.push(await timed(product));
    } else {
      full.push(await timed(product));
      base.push(await timed(bare));
    }
  }
  const [inputMs] = await interleaved(1, [() => input(n, clusters)]);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Each report run is paired with the bare run next to it; the median of the pair ratios is
  // steadier on a shared machine than a ratio of medians.
  return {
    [`report_ratio${suffix}`]: median(full.map((f, i) => f / base[i])),
    [`report_ms${suffix}`]: median(full),
    [`report_bare_ms${suffix}`]: median(base),
    [`report_input_ms${suffix}`]: inputMs,
  };
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const data = await nationalData('sqlite', { quick });
  // The same reports over the PostgreSQL data set (`_pg`): shared with national.bench.ts in one
  // run, so they cost their own time only (a `--only=report` run builds it first).
  const pg = await nationalData('postgres', { quick });
  if (quick)
    return {
      ...(await measure(20_000, 3, '')),
      report_peak_rss_mb: await productPeakRss(data, null),
      report_peak_rss_mb_pg: await productPeakRss(pg, null),
    };
  return {
    ...(await measure(100_000, 5, '')),
    report_peak_rss_mb: await productPeakRss(data, largestRegion(data)),
    report_peak_rss_mb_pg: await productPeakRss(pg, largestRegion(pg)),
    ...(await measure(1_000_000, 3, '_1m')),
    [`report_peak_rss_mb${sizeSuffix(data, false)}`]: await productPeakRss(data, null),
    [`report_peak_rss_mb${sizeSuffix(pg, false)}_pg`]: await productPeakRss(pg, null),
  };
}
