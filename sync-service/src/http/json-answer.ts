// Answers as JSON without holding the event loop: an array of more than PIECE elements is encoded
// a piece at a time — to text, then to UTF-8 — with a turn of the loop whenever the pieces since
// the last turn took SLICE_MS (the documents list at national scale is megabytes; one
// JSON.stringify and one Buffer.from of it kept /healthz and every other request waiting; 500
// documents a turn were still among the longest turns under load). A time rather than a count of
// elements: the elements of different answers differ tenfold in size.
import { once } from 'node:events';
import type { Response } from 'express';
import { pace } from '../turn.ts';

/** Elements encoded with one JSON.stringify (100 documents: ~50 KB). */
const PIECE = 100;

/** Milliseconds of encoding between two turns. */
const SLICE_MS = 3;

/** JSON.stringify(items) as UTF-8 chunks (one per turn), in pieces. */
export async function arrayJson(items: readonly unknown[]): Promise<Buffer[]> {
  if (items.length <= PIECE) return [Buffer.from(JSON.stringify(items), 'utf8')];
  const chunks: Buffer[] = [];
  let slice: Buffer[] = [];
  const stretch = pace(SLICE_MS);
  for (let i = 0; i < items.length; i += PIECE) {
    if (stretch.due()) {
      chunks.push(Buffer.concat(slice));
      slice = [];
      await stretch.turn();
    }
    // The piece's own brackets serve the whole array: its '[' opens the first piece and is a ','
    // after it, its ']' closes the last — no copy of the text to cut and join them.
    const bytes = Buffer.from(JSON.stringify(items.slice(i, i + PIECE)), 'utf8');
    if (i > 0) bytes[0] = 0x2c;
    slice.push(i + PIECE >= items.length ? bytes : bytes.subarray(0, -1));
  }
  chunks.push(Buffer.concat(slice));
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

/**
 * Sends UTF-8 chunks (answerJson's, the sync answer's, a large dashboard page's) with res.json's
 * headers, or res.send's when the Content-Type is set already.
 */
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
