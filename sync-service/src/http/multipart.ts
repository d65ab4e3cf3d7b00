// One uploaded file from multipart/form-data (multer in memory). Whatever goes wrong while the
// form is read is the client's: 400 saying what (no boundary, a form cut short, a malformed part
// header — a file name with control bytes is one —, a second file, a field too many), 413 for a
// file over the limit. Nothing here reaches the store.
import type { RequestHandler } from 'express';
import multer from 'multer';
import { badRequest, HttpError } from './errors.ts';

const WHAT: [RegExp, string][] = [
  [/boundary not found/i, 'в заголовке Content-Type нет границы частей (boundary)'],
  [/unexpected end of form|unexpected end/i, 'форма оборвана: нет завершающей границы'],
  [/malformed part header/i, 'неверный заголовок части (например, управляющие символы в имени файла)'],
  [/header.*(too large|size)/i, 'заголовок части слишком длинный'],
  [/unsupported content type/i, 'тело не multipart/form-data'],
];

const LIMITS: Record<string, string> = {
  LIMIT_PART_COUNT: 'слишком много частей',
  LIMIT_FILE_COUNT: 'файл должен быть один',
  LIMIT_FIELD_KEY: 'слишком длинное имя поля',
  LIMIT_FIELD_COUNT: 'слишком много полей',
  LIMIT_UNEXPECTED_FILE: 'файл должен быть один, в поле file',
  MISSING_FIELD_NAME: 'у части нет имени поля',
};

/** A multer or busboy failure as the client's error. */
export function multipartError(error: unknown, field: string): HttpError {
  if (error instanceof HttpError) return error;
  const e = error as { code?: string; field?: string; message?: string };
  if (e?.code === 'LIMIT_FILE_SIZE' || e?.code === 'LIMIT_FIELD_VALUE')
    return new HttpError(413, 'payload_too_large', 'Файл слишком большой');
  const message = e?.message ?? String(error);
  const what =
    (e?.code && LIMITS[e.code]) ?? WHAT.find(([re]) => re.test(message))?.[1] ?? `не разобрана (${message})`;
  return badRequest(`Неверная форма multipart/form-data: ${what}`, [
    { path: e?.field ?? field, message: what },
  ]);
}

/** multer's single(field) in memory, its errors mapped by multipartError. */
export function singleFile(field: string, limits: { fileSize: number; fields: number }): RequestHandler {
  const upload = multer({ storage: multer.memoryStorage(), limits: { ...limits, files: 1 } }).single(field);
  return (req, res, next) =>
    upload(req, res, (error?: unknown) => next(error ? multipartError(error, field) : undefined));
}
