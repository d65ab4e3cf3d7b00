// Answers encoded in slices: the same text as JSON.stringify, with turns of the event loop between.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { answerJson, arrayJson, sendJson } from '../../src/http/json-answer.ts';

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

describe('answers as JSON in slices', () => {
  const rows = Array.from({ length: 9_001 }, (_, i) => ({
    id: `d${i}`,
    title: `Документ «${i}» \u2028`,
    items: i,
    at: new Date(Date.UTC(2026, 0, 1 + (i % 300))),
    gone: undefined,
    archived: i % 7 === 0 ? null : undefined,
  }));

  it('give the very text JSON.stringify gives', async () => {
    for (const answer of [
      { documents: rows, total: rows.length, note: undefined, nested: { list: [1, 2] } },
      rows,
      { documents: [] },
      { a: undefined, list: rows.slice(0, 3), b: 1, more: rows },
      { list: rows },
      [],
      'text',
      null,
      { when: new Date(0) },
      new Date(0),
    ])
      expect(text(await answerJson(answer))).toBe(JSON.stringify(answer));
    expect(text(await arrayJson([undefined, () => 1, 2]))).toBe(JSON.stringify([undefined, () => 1, 2]));
  });

  it('let the event loop turn while a long array is encoded', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      await arrayJson(rows);
    } finally {
      clearInterval(timer);
    }
    expect(turns).toBeGreaterThan(1);
  });

  it('send over HTTP the bytes and headers res.json sends', async () => {
    const answer = { documents: rows, total: rows.length };
    const app = express();
    app.set('etag', false);
    app.get('/sliced', (_req, res) => void sendJson(res, 200, answer));
    app.get('/plain', (_req, res) => void res.status(200).json(answer));
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const [sliced, plain] = await Promise.all([fetch(`${url}/sliced`), fetch(`${url}/plain`)]);
      for (const h of ['content-type', 'content-length'])
        expect(sliced.headers.get(h)).toBe(plain.headers.get(h));
      expect(await sliced.text()).toBe(await plain.text());
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
