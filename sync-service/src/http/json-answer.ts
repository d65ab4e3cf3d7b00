// Answers as JSON without holding the event loop: an array of more than SLICE elements is encoded
// a slice at a time — to text, then to UTF-8 — with a turn of the loop between (the documents list
// at national scale is megabytes; one JSON.stringify and one Buffer.from of it kept /healthz and
// every other request waiting).
import { once } from 'node:events';
import type { Response } from 'express';
import { turn } from '../turn.ts';

/** Elements encoded between two turns (500 documents: a few ms). */
const SLICE = 500;

/** JSON.stringify(items) as UTF-8 chunks, in slices. */
export async function arrayJson(items: readonly unknown[]): Promise<Buffer[]> {
  if (items.length <= SLICE) return [Buffer.from(JSON.stringify(items), 'utf8')];
  const chunks: Buffer[] = [];
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) await turn();
    const text = JSON.stringify(items.slice(i, i + SLICE)).slice(1, -1);
    chunks.push(Buffer.from(`${i === 0 ? '[' : ','}${text}${i + SLICE >= items.length ? ']' : ''}`, 'utf8'));
  }
  return chunks;
}

const plain = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
};

/** JSON.stringify(answer) as UTF-8 chunks, its arrays (the answer itself or its fields) in slices. */
export async function answerJson(answer: unknown): Promise<Buffer[]> {
  if (Array.isArray(answer)) return arrayJson(answer);
  if (answer === null || typeof answer !== 'object' || !plain(answer))
    return [Buffer.from(JSON.stringify(answer) ?? '', 'utf8')];
  const chunks: Buffer[] = [];
  let text = '{';
  for (const [key, value] of Object.entries(answer)) {
    const head = `${text.length > 1 || chunks.length > 0 ? ',' : ''}${JSON.stringify(key)}:`;
    if (Array.isArray(value)) {
      chunks.push(Buffer.from(text + head, 'utf8'), ...(await arrayJson(value)));
      text = '';
      continue;
    }
    const json = JSON.stringify(value);
    // What JSON.stringify leaves out (undefined, functions) is left out here too.
    if (json !== undefined) text += head + json;
  }
  chunks.push(Buffer.from(`${text}}`, 'utf8'));
  return chunks;
}

/** Sends `answer` as res.json would (same bytes and headers), encoded by answerJson. */
export async function sendJson(res: Response, status: number, answer: unknown): Promise<void> {
  await sendEncoded(res, status, await answerJson(answer));
}

/** Sends JSON already encoded as UTF-8 chunks (answerJson's, the sync answer's) with res.json's headers. */
export async function sendEncoded(res: Response, status: number, chunks: readonly Buffer[]): Promise<void> {
  if (res.headersSent) return;
  res.status(status);
  if (!res.get('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader(
    'content-length',
    chunks.reduce((n, c) => n + c.length, 0),
  );
  // Chunk by chunk as the socket takes them: writing megabytes at once is a long turn too.
  for (const chunk of chunks.slice(0, -1)) if (!res.write(chunk) && !res.destroyed) await drained(res);
  res.end(chunks.at(-1));
}

/** The socket took what was written, or the client left. */
async function drained(res: Response): Promise<void> {
  const done = new AbortController();
  const { signal } = done;
  try {
    await Promise.race([once(res, 'drain', { signal }), once(res, 'close', { signal })]);
  } finally {
    done.abort();
  }
}
