// This process's child processes, read from Linux /proc: to check that none is left behind, or to
// kill one as something other than its budget would.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of this process's children, only those whose command line contains `running` if given. */
export function childPids(running?: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      if (running === undefined || readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(running))
        out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
