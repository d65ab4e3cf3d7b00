// Child process of reader.bench.ts: reads one file the way `inspect` does (in a read worker) and
// prints the process's peak RSS (kernel's maxRSS, worker included) in MB and the items found, so
// the figure is the read's own and not the bench runner's.
import { readDocumentsInWorker } from '@cluster/sync-service/files/read-worker.ts';

const file = process.argv[2];
const today = process.argv[3] ?? '2021-11-01';
const result = await readDocumentsInWorker(file, { today });
const items = result.documents.reduce((n, d) => n + d.items.length, 0);
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ peakMb, items })}\n`);
