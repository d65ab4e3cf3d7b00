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

/** `reps` interleaved runs of the baseline and the product (so drift hits both alike): medians. */
export async function interleaved(
  reps: number,
  bare: () => Promise<unknown>,
  full: () => Promise<unknown>,
): Promise<{ bareMs: number; fullMs: number }> {
  const b: number[] = [];
  const f: number[] = [];
  for (let k = 0; k < reps; k++) {
    b.push(await timed(bare));
    f.push(await timed(full));
  }
  return { bareMs: median(b), fullMs: median(f) };
}
