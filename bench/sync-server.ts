// The sync bench's service: the real app on loopback (port 0) over a real store, SQLite in a temp
// folder or a fresh PostgreSQL database that is dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@cluster/sync-service/app.ts';
import { loadConfig } from '@cluster/sync-service/config.ts';
import { type AppServices, makeServices } from '@cluster/sync-service/services.ts';
import { openStore } from '@cluster/sync-service/store/store.ts';
import pg from 'pg';

export type BackendName = 'sqlite' | 'postgres';
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchServer {
  url: string;
  services: AppServices;
  /** A second app over the same store, with a store object (and so a memory) of its own. */
  other: { url: string };
  token(slug: string): Promise<string>;
  close(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function startBenchServer(backend: BackendName): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sync-bench-'));
  let databaseUrl = '';
  let dbName = '';
  if (backend === 'postgres') {
    dbName = `cs_bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${dbName}"`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    DATA_DIR: join(dir, 'data'),
    DATABASE_URL: databaseUrl,
    BODY_LIMIT: '200mb',
    // The bench measures throughput: no per-token budget.
    TOKEN_RATE_PER_MINUTE: '0',
  });
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const services = makeServices(config, store);
  const server: Server = await new Promise((resolve) => {
    const s = createApp(services).listen(0, '127.0.0.1', () => resolve(s));
  });
  const otherStore = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const otherServer: Server = await new Promise((resolve) => {
    const s = createApp(makeServices(config, otherStore)).listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    other: { url: `http://127.0.0.1:${(otherServer.address() as AddressInfo).port}` },
    services,
    token: async (slug) => (await store.tokens.create({ kind: 'cluster', subject: slug })).token,
    async close() {
      for (const s of [server, otherServer]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await otherStore.close();
      await store.close();
      if (dbName) await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function syncBody(cluster: string, rows: unknown[], spreadsheetId: string) {
  return { cluster, source: { spreadsheetId, sheetId: 0, sheetName: 'План', title: 'План работы' }, rows };
}
