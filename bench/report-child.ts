// Child process of report.bench.ts: writes one consolidated report of N generated items to a
// discarding sink and prints the process's peak RSS (kernel's maxRSS) in MB, so the figure is the
// report's own and not the bench runner's.
import { Writable } from 'node:stream';
import { writeConsolidatedReport } from '@cluster/sync-service/reports/consolidated.ts';
import { BENCH_AS_OF, benchSource } from './report-data.ts';

const n = Number(process.argv[2] ?? 100_000);
let bytes = 0;
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    bytes += chunk.length;
    done();
  },
});
const totals = await writeConsolidatedReport(
  benchSource(n),
  { asOf: BENCH_AS_OF, region: null, soonDays: 14, generatedAt: new Date(), timeZone: 'Europe/Moscow' },
  sink,
);
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ peakMb, bytes, ...totals })}\n`);
