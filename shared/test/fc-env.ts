// Property-test knobs from the environment, so a run can be widened or replayed without editing
// the tests: FC_SEED=42 fixes fast-check's seed (a failure prints the seed and path to replay),
// FC_RUNS=10 multiplies every property's number of runs.
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') fc.configureGlobal({ seed: Number(seed) });

const scale = Number(process.env.FC_RUNS ?? '1');

/** Number of runs for a property: `base` times FC_RUNS (at least 1). */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
