// Timing helpers the read benches share: medians, and runs timed after a full collection.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// A full collection before each timed run, so that neither side pays for the garbage the other
// left behind (the two paths run interleaved; without this the ratio swings with GC timing).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Milliseconds `fn` takes, after a full collection. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** `reps` rounds of every path in turn (so drift on a busy machine hits all alike): medians. */
export async function interleaved(reps: number, paths: (() => Promise<unknown>)[]): Promise<number[]> {
  const times = paths.map((): number[] => []);
  for (let k = 0; k < reps; k++) for (const [i, path] of paths.entries()) times[i].push(await timed(path));
  return times.map(median);
}

/** The p-th percentile (nearest rank) of `xs`. */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
