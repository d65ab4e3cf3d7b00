// The listener's limits from config (server.ts): a client trickling its headers is cut off with
// 408 after HEADERS_TIMEOUT_MS, and no more than MAX_CONNECTIONS sockets are held at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { makeServices } from '../../src/services.ts';
import { openStore } from '../../src/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'cs-timeouts-'));
let running: RunningServer;

beforeAll(async () => {
  const config = loadConfig({
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'silent',
    HEADERS_TIMEOUT_MS: '1000',
    REQUEST_TIMEOUT_MS: '2000',
    MAX_CONNECTIONS: '3',
  });
  const store = await openStore({ dataDir: config.dataDir });
  running = await startServer(makeServices(config, store), { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = (): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(running.port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });

/** Everything the server sends until it closes the socket, and when that happened. */
const untilClosed = (s: Socket): Promise<{ text: string; ms: number }> =>
  new Promise((resolve) => {
    const t0 = performance.now();
    let text = '';
    s.on('data', (c) => {
      text += c.toString();
    });
    s.on('error', () => undefined);
    s.on('close', () => resolve({ text, ms: performance.now() - t0 }));
  });

describe('listener limits', () => {
  it('cuts off a client whose headers never end with 408', async () => {
    const s = await open();
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const closed = await untilClosed(s);
    expect(closed.text).toMatch(/^HTTP\/1\.1 408/);
    expect(closed.ms).toBeLessThan(5_000);
  });

  it('holds at most MAX_CONNECTIONS sockets', async () => {
    const held = await Promise.all([open(), open(), open()]);
    const extra = await open();
    const closed = await untilClosed(extra);
    expect(closed.text).toBe('');
    for (const s of held) s.destroy();
    // Once the server has seen them close, it takes connections again.
    await new Promise((r) => setTimeout(r, 300));
    const res = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(res.status).toBe(200);
  });

  it('config checks the values', () => {
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '5' })).toThrow(/HEADERS_TIMEOUT_MS/);
    expect(loadConfig({}).maxConnections).toBe(1000);
  });
});
