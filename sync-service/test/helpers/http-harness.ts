// A real service on loopback (app.listen on port 0) over a real store: SQLite in a temp folder
// or a fresh PostgreSQL database. Gives tokens and a small fetch helper.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Feature } from '../../src/http/feature.ts';
import { type AppServices, makeServices } from '../../src/services.ts';
import { openStore } from '../../src/store/store.ts';
import { processStore } from './store-backends.ts';

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: BackendName[] = ['sqlite', 'postgres'];

export interface Harness {
  backend: BackendName;
  url: string;
  services: AppServices;
  config: Config;
  admin: string;
  /** A new token for a cluster or department (created through the store). */
  token(kind: 'cluster' | 'department', slug: string): Promise<string>;
  request(
    method: string,
    path: string,
    opts?: {
      token?: string | null;
      json?: unknown;
      body?: string | Uint8Array | FormData;
      headers?: Record<string, string>;
    },
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers field by field
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startHarness(
  backend: BackendName,
  env: Record<string, string> = {},
  features?: readonly Feature[],
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-sync-http-'));
  const db = await processStore(backend, join(dir, 'data'));
  const config = loadConfig({
    ...db.env,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const services = makeServices(config, store);
  const app = createApp(services, features);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = (await store.tokens.create({ kind: 'admin', subject: null })).token;

  const request: Harness['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? admin : opts.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  };

  return {
    backend,
    url,
    services,
    config,
    admin,
    token: async (kind, slug) => (await store.tokens.create({ kind, subject: slug })).token,
    request,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Another app (as another service process would be) over the harness's store, with its own memory. */
export async function startSecondApp(h: Harness): Promise<{ url: string; close(): Promise<void> }> {
  const store = await openStore({ dataDir: h.config.dataDir, databaseUrl: h.config.databaseUrl });
  const app = createApp(makeServices(h.config, store));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** A sheet in the add-in's shape: rows[N-1] is row N. */
export function roadmapRows(
  items: { number: string; title: string; executor: string; deadline: string | number; mark?: string }[],
  { title = 'Дорожная карта кластера на 2025 год' } = {},
): { id: string | null; cells: (string | number | boolean | null)[] }[] {
  return [
    { id: null, cells: [title, null, null, null, null, null] },
    { id: null, cells: [null, null, null, null, null, null] },
    {
      id: null,
      cells: [
        '№ п/п',
        'Наименование мероприятия',
        'Ответственный исполнитель',
        'Срок исполнения',
        'Результат',
        'Отметка о выполнении',
      ],
    },
    ...items.map((it) => ({
      id: null,
      cells: [it.number, it.title, it.executor, it.deadline, 'Отчёт', it.mark ?? ''],
    })),
  ];
}

export function syncBody(
  cluster: string,
  rows: ReturnType<typeof roadmapRows>,
  source: Partial<{ spreadsheetId: string; sheetId: number; sheetName: string; title: string }> = {},
) {
  return {
    cluster,
    source: {
      spreadsheetId: 'sheet-1234567890',
      sheetId: 0,
      sheetName: 'План',
      title: 'План работы',
      ...source,
    },
    revision: 'r1',
    rows,
  };
}
