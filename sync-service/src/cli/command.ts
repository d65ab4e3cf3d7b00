// The shape every `cluster-sync` command has. Commands are listed in ./commands/index.ts.
// Conventions: parse with parseFlags() from ./args.ts (strict; Russian errors), throw CliError for
// anything the user can fix (one line, exit 2), write through io (never process.*) so tests can run
// the command in-process, and import heavy modules inside run() so one command's dependencies do
// not slow down or break the others.
import type { Readable, Writable } from 'node:stream';

/** What a command may touch: its streams, environment and working directory (tests pass their own). */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** Directory relative paths on the command line are resolved against. */
  cwd: string;
}

export interface Command {
  /** Words after `cluster-sync`, e.g. 'inspect' or 'cluster add'. */
  name: string;
  /** One line for the command list, Russian first. */
  summary: string;
  /** Full help text shown by `--help`: synopsis line first, then options. */
  usage: string;
  /**
   * Runs with the arguments after the command's name (`--help` is handled before).
   * Resolves to the exit code (void = 0). A long-running command (serve) resolves once it is
   * listening; the process then stays alive as long as its server is open.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a command that returns nothing exits 0
  run(argv: string[], io: CliIO): Promise<number | void>;
}

/** A user-facing failure: printed as «Ошибка: <message>» on one line, exit code 2. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
