#!/usr/bin/env node
// Entry point of the `cluster-sync` CLI. Node 24 runs the TypeScript sources directly; an older
// Node hands the command over to Node 24 (see node24.js).
import { reexecUnderNode24 } from './node24.js';

reexecUnderNode24();

// node:sqlite may still announce itself as experimental on some Node versions; that line would
// break the "one clear line on stderr" promise, so only that warning is dropped.
const emit = process.emit;
process.emit = function (name, warning, ...rest) {
  if (
    name === 'warning' &&
    warning &&
    warning.name === 'ExperimentalWarning' &&
    /SQLite|Type Stripping/i.test(String(warning.message))
  ) {
    return false;
  }
  return emit.call(this, name, warning, ...rest);
};

let cli;
try {
  cli = await import('../src/cli/main.ts');
} catch (error) {
  // A module that fails to load is a bug, not user input: still one line (stack on request).
  process.stderr.write(
    `Ошибка: не удаётся запустить cluster-sync: ${String(error?.message ?? error).split('\n')[0]}\n`,
  );
  if (process.env.CLUSTER_SYNC_DEBUG) process.stderr.write(`${error?.stack ?? ''}\n`);
  process.exit(2);
}
process.exitCode = await cli.runCli(process.argv.slice(2));
