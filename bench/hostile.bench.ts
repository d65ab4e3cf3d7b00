// Hostile files against a real `cluster-sync serve` process (SQLite store):
//   hostile_import_peak_rss_mb     the service's peak resident memory over every hostile file the
//                                  tests build (cell at XFD1048576 and A99999999, zip bombs, entity
//                                  expansion, .csv renamed .xlsx): its process tree's VmHWM at the
//                                  end, or the tree's VmRSS sampled with every /healthz poll if
//                                  larger (the reading child processes are gone by the end);
//                                  target ≤ 1,500
//   healthz_p99_ms_during_import   /healthz polled every 50 ms while those imports run; p99 in ms;
//                                  target ≤ 2,000
// Each file is sent `rounds` times (quick: 1, full: 3), two at a time.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin } from '@cluster/sync-service/test/helpers/cli.ts';
import { hostileFiles } from '@cluster/sync-service/test/helpers/hostile-files.ts';
import { startServe } from '@cluster/sync-service/test/helpers/serve-process.ts';
import type { BenchContext } from './run.ts';

/** RSS in MB (VmHWM: peak, VmRSS: now) of a process and its living descendants (Linux /proc). */
function treeRssMb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  const children = new Map<number, number[]>();
  const hwm = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      hwm.set(Number(entry), Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    kb += hwm.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return kb / 1024;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
}

export async function run({ quick }: BenchContext): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-bench-'));
  const env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: '', BODY_LIMIT: '20mb' };
  const admin = (await runBin(['token', 'create', '--admin'], { env })).stdout.trim();
  const serve = await startServe(env);
  try {
    const auth = { authorization: `Bearer ${admin}` };
    const made = await fetch(`${serve.url}/api/v1/clusters`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'bench', name: 'Стенд', region: 'Томская область', newRegion: true }),
    });
    if (made.status !== 201) throw new Error(`hostile bench: cluster not created (${made.status})`);
    const files = hostileFiles();
    const jobs = Array.from({ length: quick ? 1 : 3 }, () => files).flat();
    let running = true;
    const latencies: number[] = [];
    let sampledMb = 0;
    const poll = (async () => {
      while (running) {
        sampledMb = Math.max(sampledMb, treeRssMb(serve.child.pid!, 'VmRSS'));
        const t0 = performance.now();
        const res = await fetch(`${serve.url}/healthz`);
        await res.text();
        if (res.status !== 200) throw new Error(`hostile bench: /healthz answered ${res.status}`);
        latencies.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const send = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const form = new FormData();
        form.append('cluster', 'bench');
        form.append('file', new Blob([job.bytes]), job.name);
        const res = await fetch(`${serve.url}/api/v1/import`, { method: 'POST', headers: auth, body: form });
        await res.text();
        if (res.status !== job.status) throw new Error(`hostile bench: ${job.label} answered ${res.status}`);
      }
    };
    await Promise.all([send(), send()]);
    running = false;
    await poll;
    return {
      hostile_import_peak_rss_mb: Math.max(treeRssMb(serve.child.pid!), sampledMb),
      healthz_p99_ms_during_import: p99(latencies),
    };
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
