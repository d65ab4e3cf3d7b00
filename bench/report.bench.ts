// report: the consolidated XLSX report of 100,000 generated items (quick: 10,000), against a bare
// exceljs streaming write of the same cells in the same run (alternating runs, median of ratios).
//   report_ratio        full report (classify, counts, styles, sorted overdue spill, flow control)
//                       / bare exceljs WorkbookWriter writing the same cell values (target ≤ 1.5)
//   report_peak_rss_mb  peak RSS of a child process writing the report (target ≤ 300)
//   report_ms           median time of the full report
// Input: an in-memory iterator with the ReportSource shape (bench/report-data.ts), not a store,
// so the figures are the report's own; the baseline's cells are computed before its timing.
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { classify } from '@cluster/sync-service/reports/classify.ts';
import { writeConsolidatedReport } from '@cluster/sync-service/reports/consolidated.ts';
import type { ReportItem, ReportSource } from '@cluster/sync-service/reports/model.ts';
import { allItemsValues } from '@cluster/sync-service/reports/sheets/all-items.ts';
import { movesValues } from '@cluster/sync-service/reports/sheets/moves.ts';
import { overdueRow } from '@cluster/sync-service/reports/sheets/overdue.ts';
import ExcelJS from 'exceljs';
import { BENCH_AS_OF, benchClusters, benchItems, benchMoves } from './report-data.ts';

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

/** The cells the report writes, sheet by sheet (counts sheets: one row per cluster / executor). */
function sameCells(items: readonly ReportItem[], moveCount: number): Cells[][] {
  const all: Cells[] = [];
  const overdue: { days: number; cells: Cells }[] = [];
  for (const item of items) {
    const facts = classify(item, BENCH_AS_OF, 14);
    all.push(allItemsValues(item, facts));
    if (facts.state === 'overdue') {
      const row: Cells = overdueRow(item, facts);
      row[6] = new Date(`${row[6]}T00:00:00Z`);
      overdue.push({ days: facts.daysOverdue, cells: row });
    }
  }
  overdue.sort((a, b) => b.days - a.days);
  const moves = [...benchMoves(moveCount)].map((m) => movesValues(m, '2021-10-01', 1));
  const summary = benchClusters().map(
    (c): Cells => [c.region, c.name, 500, 175, 200, 10, 5, 60, 25, 25, 0.35],
  );
  const executors = Array.from(
    { length: 8 },
    (_, i): Cells => [`Исполнитель ${i}`, 1000, 300, 50, 10, 0, 400],
  );
  return [all, moves, overdue.map((o) => o.cells), summary, executors];
}

async function bareWrite(sheets: Cells[][]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink(),
    useStyles: false,
    useSharedStrings: false,
  });
  sheets.forEach((rows, i) => {
    const sheet = workbook.addWorksheet(`Лист ${i + 1}`);
    for (const values of rows) sheet.addRow(values).commit();
    sheet.commit();
  });
  await workbook.commit();
}

function arraySource(items: readonly ReportItem[], moveCount: number): ReportSource {
  const clusters = benchClusters();
  return {
    clusters: async () => clusters,
    async *items() {
      yield* items;
    },
    async *moves() {
      yield* benchMoves(moveCount, clusters);
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const n = quick ? 10_000 : 100_000;
  const moveCount = Math.floor(n / 20);
  const items = [...benchItems(n, benchClusters())];
  const cells = sameCells(items, moveCount);
  const reps = quick ? 3 : 5;
  const bare: number[] = [];
  const full: number[] = [];
  // Warm-up of both, so that neither pays for compiling its code in a timed run.
  await bareWrite(cells);
  await writeConsolidatedReport(arraySource(items, moveCount), options(), sink());
  const timeBare = async () => {
    const t = performance.now();
    await bareWrite(cells);
    bare.push(performance.now() - t);
  };
  const timeFull = async () => {
    const t = performance.now();
    await writeConsolidatedReport(arraySource(items, moveCount), options(), sink());
    full.push(performance.now() - t);
  };
  for (let r = 0; r < reps; r++) {
    // Which goes first alternates, so that neither always inherits the other's garbage.
    if (r % 2 === 0) {
      await timeBare();
      await timeFull();
    } else {
      await timeFull();
      await timeBare();
    }
  }
  const child = fileURLToPath(new URL('./report-child.ts', import.meta.url));
  const out = execFileSync(process.execPath, [child, String(n)], { encoding: 'utf8' });
  const { peakMb } = JSON.parse(out.trim().split('\n').at(-1)!) as { peakMb: number };
  // Each report run is paired with the bare run next to it; the median of the pair ratios is
  // steadier on a shared machine than a ratio of medians.
  return {
    report_ratio: median(full.map((f, i) => f / bare[i])),
    report_peak_rss_mb: peakMb,
    report_ms: median(full),
  };
}
