// JSON request bodies under /api/v1: the bytes are collected and decoded once. (express.json
// decodes every chunk into a string as it arrives; for a sheet of 10,000 rows that alone cost about
// as much as the rest of an identical resync.) Same rules as before: only `application/json` is
// read (other types leave req.body undefined for the route to refuse), utf-8 only, a body over
// the limit is 413 — by its Content-Length before anything is read — and text that is not JSON 400.
// A body of `largeFromBytes` or more is left unparsed (RawJson): its route reads it, off the
// request thread where it can (route.ts, largeBody).
import type { RequestHandler } from 'express';
import { badRequest, HttpError } from './errors.ts';

const tooLarge = () =>
  new HttpError(413, 'payload_too_large', 'Запрос слишком большой: превышен допустимый размер тела');

/** From this size a JSON body is parsed by its route (see RawJson). */
export const LARGE_JSON_BYTES = 1024 * 1024;

/** A JSON body's bytes, not parsed yet. */
export class RawJson {
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }
}

export const notJson = (message: string) =>
  badRequest(`Тело запроса — не JSON: ${message}`, [{ path: '', message: 'не удалось разобрать JSON' }]);

/** Parses JSON text (a leading BOM allowed) or throws the 400. */
export function parseJson(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw notJson((e as Error).message);
  }
}

export function jsonBody(limitBytes: number, largeFromBytes = LARGE_JSON_BYTES): RequestHandler {
  return (req, _res, next) => {
    const length = req.headers['content-length'];
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody || !req.is('application/json')) {
      next();
      return;
    }
    const charset = /;\s*charset\s*=\s*"?([\w-]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if ((charset && !/^utf-?8$/i.test(charset)) || encoding !== 'identity') {
      next(new HttpError(415, 'unsupported_media_type', 'Неподдерживаемая кодировка тела запроса'));
      return;
    }
    if (length !== undefined && Number(length) > limitBytes) {
      next(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (error) {
        // Whatever is still coming is read and dropped, so the answer reaches the client.
        req.resume();
        next(error);
        return;
      }
      const bytes = Buffer.concat(chunks, size);
      if (size >= largeFromBytes) {
        req.body = new RawJson(bytes);
        next();
        return;
      }
      try {
        req.body = parseJson(bytes);
      } catch (e) {
        next(e);
        return;
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) finish(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(badRequest(`Тело запроса не получено: ${error.message}`));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}
