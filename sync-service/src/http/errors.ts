// One error shape for every failure the API answers:
// { "error": { "code", "message", "issues"?: [{ "path", "message" }] } }.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, type AppErrorCode } from '../app/errors.ts';
import { StoreError } from '../store/errors.ts';

export interface ErrorIssue {
  /** Where in the request: `rows[3].cells[1]`, `query.state`, `file`. */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: ErrorIssue[] };
}

/** A failure with its HTTP status, a stable machine code and a Russian message. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ErrorIssue[] | undefined;
  constructor(status: number, code: string, message: string, issues?: ErrorIssue[]) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export const badRequest = (message: string, issues?: ErrorIssue[]) =>
  new HttpError(400, 'invalid_request', message, issues);
export const unauthorized = (message = 'Нужен токен доступа: заголовок Authorization: Bearer …') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);

/** For paths no router answered. */
export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `Нет такого адреса: ${req.method} ${req.path}`));
};

/** Errors that body-parser and our own code raise (multipart ones: http/multipart.ts), turned into the JSON shape. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const e = toHttpError(error);
    if (e.status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    else logger.debug({ code: e.code, method: req.method, path: req.path }, e.message);
    if (res.headersSent) {
      res.end();
      return;
    }
    const body: ErrorBody = { error: { code: e.code, message: e.message } };
    if (e.issues?.length) body.error.issues = e.issues;
    if (e.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(e.status).json(body);
  };
}

/** Each application error code as an HTTP status and the answer's default machine code. */
const APP_STATUS: Record<AppErrorCode, [number, string]> = {
  invalid: [400, 'invalid_request'],
  unreadable: [422, 'unprocessable'],
  not_found: [404, 'not_found'],
  forbidden: [403, 'forbidden'],
  conflict: [409, 'conflict'],
  too_large: [413, 'payload_too_large'],
  unsupported: [415, 'unsupported_media_type'],
  unavailable: [503, 'unavailable'],
};

function issuesOf(error: AppError): ErrorIssue[] | undefined {
  return error.details?.map((d) => ({
    path: d.path ?? [d.sheet, d.row, d.column].filter((x) => x !== undefined).join(':'),
    message: d.message,
  }));
}

export function fromAppError(error: AppError): HttpError {
  const [status, code] = APP_STATUS[error.code];
  return new HttpError(status, error.reason ?? code, error.message, issuesOf(error));
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof AppError) return fromAppError(error);
  if (error instanceof StoreError) {
    if (error.code === 'not_found') return notFound(error.message);
    if (error.code === 'conflict') return conflict(error.message);
    return badRequest(error.message);
  }
  const err = error as { type?: string; status?: number; message?: string };
  // body-parser (express.json)
  if (err?.type === 'entity.too.large') {
    return new HttpError(413, 'payload_too_large', 'Запрос слишком большой: превышен допустимый размер тела');
  }
  if (err?.type === 'entity.parse.failed') {
    return badRequest(`Тело запроса — не JSON: ${err.message ?? ''}`.trim(), [
      { path: '', message: 'не удалось разобрать JSON' },
    ]);
  }
  if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported') {
    return new HttpError(415, 'unsupported_media_type', 'Неподдерживаемая кодировка тела запроса');
  }
  if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
    return new HttpError(err.status, 'invalid_request', err.message ?? 'Неверный запрос');
  }
  return new HttpError(500, 'internal', 'Внутренняя ошибка сервиса; изменения не сохранены');
}
