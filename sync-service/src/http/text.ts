// The text rule (shared/xml-text.ts) at the HTTP edge, applied once to what a request carries:
// JSON bodies and query strings are cleaned, a path holding such a character is refused (it names
// nothing the store could hold). Form and multipart fields and file names are cleaned where they
// are parsed (http/route.ts).
import { parse } from 'node:querystring';
import { hasUnsafeText, xmlSafeDeep } from '@cluster/shared';
import type { RequestHandler } from 'express';
import { badRequest } from './errors.ts';
import { RawJson } from './json-body.ts';

/** Express' «query parser» setting: the simple parser, then the rule. */
export function safeQuery(text: string): Record<string, unknown> {
  return xmlSafeDeep(parse(text));
}

/** Refuses a path with characters the rule removes; cleans a parsed JSON body. */
export const safeInput: RequestHandler = (req, _res, next) => {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    next(
      badRequest('Адрес запроса закодирован неверно', [
        { path: 'path', message: 'неверная %-последовательность' },
      ]),
    );
    return;
  }
  if (hasUnsafeText(path)) {
    next(
      badRequest('В адресе запроса недопустимый символ (управляющий или не-Юникод)', [
        { path: 'path', message: 'недопустимый символ' },
      ]),
    );
    return;
  }
  // A large body meets the rule where its route parses it (route.ts).
  if (req.body !== undefined && !(req.body instanceof RawJson)) xmlSafeDeep(req.body);
  next();
};
