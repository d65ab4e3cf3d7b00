// Runs every bench/*.bench.ts and writes their figures into bench/results.json.
// Each bench module exports `run({ quick })` returning named numbers (ratios are measured
// against a baseline taken in the same run). `npm run bench -- --quick` uses smaller data;
// `--only=NAME[,NAME…]` runs the files whose names start with one of them and keeps the other figures
// already in results.json (benches run in one process share the national data set).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchContext {
  quick: boolean;
}
export type BenchModule = { run: (ctx: BenchContext) => Promise<Record<string, number>> };

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const resultsFile = join(here, 'results.json');
const results: Record<string, number> =
  only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || only.some((prefix) => f.startsWith(prefix)))
  .sort();
for (const file of files) {
  const started = performance.now();
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  const figures = await mod.run({ quick });
  for (const [name, value] of Object.entries(figures)) {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new Error(`${file}: ${name} is not a number`);
    results[name] = Math.round(value * 1000) / 1000;
  }
  console.error(
    `${file}: ${JSON.stringify(figures)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
