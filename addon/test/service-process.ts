// The real sync service for the add-in's end-to-end tests: `cluster-sync serve` as a child process
// on loopback with its own SQLite store in a temporary DATA_DIR; clusters and tokens made with the
// real CLI before it starts. The add-in reaches it through the UrlFetchApp fake (real HTTP).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../sync-service/bin/cluster-sync.js', import.meta.url));

export interface ServiceProcess {
  url: string;
  dataDir: string;
  /** GET on the service's read API with a token; the parsed JSON body. */
  get<T = unknown>(path: string, token: string): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/** Runs the CLI against `dataDir`; stdout of a successful run, else throws with its stderr. */
export function cli(dataDir: string, args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`cluster-sync ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'addon-e2e-'));
}

/** Starts `cluster-sync serve` on a free loopback port; resolves when it says it listens. */
export async function startService(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}\n${err}`)), 30_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /слушает (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`serve exited: ${err}`));
    });
  });
  return {
    url,
    dataDir,
    async get<T>(path: string, token: string) {
      const r = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      return { status: r.status, body: (await r.json()) as T };
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A loopback port nothing listens on (taken and released at once). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}
