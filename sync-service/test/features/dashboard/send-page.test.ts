// A large page (the admin overview at national scale) goes out after a turn of the event loop, in
// pieces, with the bytes and headers res.send gives it.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it, vi } from 'vitest';
import { raw } from '../../../src/features/dashboard/html.ts';
import { sendPage } from '../../../src/features/dashboard/pages.ts';

describe('a page', () => {
  it('of ~200 KB is sent after a turn of the loop, as res.send sends it', async () => {
    const row = '<tr><td>Кластер «Ω» & co</td><td>42</td></tr>\n';
    const page = raw(`<!doctype html><table>${row.repeat(4_000)}</table>`);
    const app = express();
    app.set('etag', false);
    let turns = 0;
    app.get('/sent', async (_req, res) => {
      const immediates = vi.spyOn(globalThis, 'setImmediate');
      try {
        await sendPage(res, 200, page);
      } finally {
        turns = immediates.mock.calls.length;
        immediates.mockRestore();
      }
    });
    app.get('/plain', (_req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.send(page.value);
    });
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const sent = await fetch(`${url}/sent`);
      const plain = await fetch(`${url}/plain`);
      expect(sent.status).toBe(200);
      for (const h of ['content-type', 'content-length'])
        expect(sent.headers.get(h)).toBe(plain.headers.get(h));
      expect(sent.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(await sent.text()).toBe(await plain.text());
      expect(turns).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
