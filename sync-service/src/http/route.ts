// One declaration per route: `route(spec, handler)` gives the handler its validated, typed input
// (params, query, body, the caller), and the same spec is what /api/v1/openapi.json lists. A
// feature (http/feature.ts) is a list of routes; nothing else registers handlers or documents them.
import { xmlSafeDeep, xmlSafeText } from '@cluster/shared';
import type { Request, RequestHandler, Response, Router } from 'express';
import express from 'express';
import type * as z from 'zod';
import type { Principal } from '../app/access.ts';
import type { AppServices } from '../services.ts';
import { principal, requireAdmin } from './auth.ts';
import { bytesOf } from './bytes.ts';
import { badRequest } from './errors.ts';
import { sendJson } from './json-answer.ts';
import { parseJson, RawJson } from './json-body.ts';
import { singleFile } from './multipart.ts';
import { parseOr400 } from './validate.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route. 'public': anyone; 'cluster' and 'read': any Bearer token (the handler
 * checks which clusters it reaches); 'admin': an admin's Bearer token; 'session': the dashboard's
 * sign-in cookie (the feature's own `use` middleware puts the caller in res.locals.principal).
 */
export type Access = 'public' | 'cluster' | 'read' | 'admin' | 'session';

type Schema = z.core.$ZodType;

/** A binary or HTML answer, by its media type. */
export interface Media {
  mediaType: string;
  description: string;
}

/**
 * Answers by status: a JSON schema or a media type for a success (or a documented non-error answer
 * such as 503 of the health check); for an error status its description, or `true` for the usual
 * one. 401/403 follow from `access` and 400 from params/query/body, so they need not be listed.
 */
export type Responses = { readonly [status: number]: Schema | Media | string | true };

/** A request body: JSON by a schema, a multipart form with one file, or an HTML form. */
export type BodySpec =
  | Schema
  | { multipart: Schema; file: { field: string; description: string } }
  | { form: Schema };

/** Middleware a route runs before its own checks (a sign-in gate); it may need the services. */
export type Middleware = (services: AppServices) => RequestHandler;

export interface RouteSpec<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends BodySpec | undefined = BodySpec | undefined,
  A extends Access = Access,
  R extends Responses = Responses,
> {
  method: HttpMethod;
  /** Below the feature's mount, OpenAPI style: `/items/{id}/history`. */
  path: string;
  summary: string;
  tags?: readonly string[];
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  responses: R;
  use?: readonly Middleware[];
  /**
   * How a JSON body of LARGE_JSON_BYTES or more is read (parsed, cleaned by the text rule and
   * validated as `body` says), e.g. off the request thread. Without it such a body is read here.
   */
  largeBody?: (bytes: Buffer, services: AppServices) => Promise<BodyOut<B>>;
}

/** A file sent in a multipart body; its name decoded as UTF-8. */
export interface Upload {
  name: string;
  buffer: Uint8Array;
}

type Out<S> = S extends Schema ? z.core.output<S> : undefined;
type BodyOut<B> = B extends { multipart: infer F } ? Out<F> : B extends { form: infer F } ? Out<F> : Out<B>;

export interface RouteInput<P, Q, B, A extends Access> {
  params: Out<P>;
  query: Out<Q>;
  body: BodyOut<B>;
  /** The multipart body's file (required: a request without it is a 400). */
  file: B extends { multipart: Schema } ? Upload : undefined;
  principal: A extends 'public' ? undefined : Principal;
  services: AppServices;
  req: Request;
  res: Response;
}

type SuccessOf<R> = R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : undefined;
/** A handler returns the success answer's JSON (sent with its status), or answers itself. */
export type Answer<R> = SuccessOf<R> extends infer S ? (S extends Schema ? z.core.input<S> : never) : never;

export type Handler<P, Q, B, A extends Access, R> = (
  input: RouteInput<P, Q, B, A>,
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that answers by itself returns nothing
) => Promise<Answer<R> | void> | Answer<R> | void;

/** What register() hands a handler before the spec's types are known. */
interface RawInput {
  params: unknown;
  query: unknown;
  body: unknown;
  file: Upload | undefined;
  principal: Principal | undefined;
  services: AppServices;
  req: Request;
  res: Response;
}

/** A route as the feature list keeps it: its spec and its handler. */
export interface Route {
  readonly spec: RouteSpec;
  readonly handler: (input: RawInput) => unknown;
}

export function route<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends BodySpec | undefined = undefined,
  const A extends Access = Access,
  const R extends Responses = Responses,
>(spec: RouteSpec<P, Q, B, A, R>, handler: Handler<P, Q, B, A, R>): Route {
  // The typed handler is stored with the spec its types came from; register() feeds it exactly
  // the values that spec validates.
  return { spec, handler: handler as unknown as Route['handler'] };
}

/** The same route (schemas and handler) answered elsewhere: another path, summary or sign-in. */
export function reuse(
  base: Route,
  at: Pick<RouteSpec, 'path' | 'summary'> &
    Partial<Pick<RouteSpec, 'tags' | 'use'>> & { access: Exclude<Access, 'public'> },
): Route {
  if (base.spec.access === 'public')
    throw new Error(`reuse: ${base.spec.path} is public; its handler has no caller`);
  return { spec: { ...base.spec, ...at }, handler: base.handler };
}

/** `/items/{id}` → `/items/:id`. */
export const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** The status a returned answer is sent with: the route's first 2xx. */
export function successStatus(spec: RouteSpec): number {
  const ok = Object.keys(spec.responses)
    .map(Number)
    .filter((s) => s >= 200 && s < 300)
    .sort();
  return ok[0] ?? 200;
}

function bodyParser(spec: RouteSpec, services: AppServices): RequestHandler[] {
  const body = spec.body;
  if (!body || !('multipart' in body || 'form' in body)) return [];
  if ('form' in body) return [express.urlencoded({ extended: false, limit: '8kb' })];
  return [singleFile(body.file.field, { fileSize: bytesOf(services.config.bodyLimit), fields: 10 })];
}

async function readBody(
  spec: RouteSpec,
  req: Request,
  services: AppServices,
): Promise<{ body: unknown; file: Upload | undefined }> {
  const body = spec.body;
  if (!body) return { body: undefined, file: undefined };
  if (req.body instanceof RawJson) {
    if (spec.largeBody) return { body: await spec.largeBody(req.body.bytes, services), file: undefined };
    req.body = xmlSafeDeep(parseJson(req.body.bytes));
  }
  // Form and multipart fields meet the text rule here (JSON bodies at the edge, http/text.ts).
  if ('form' in body)
    return { body: parseOr400(body.form, xmlSafeDeep({ ...req.body }), 'запрос'), file: undefined };
  if ('multipart' in body) {
    const fields = parseOr400(body.multipart, xmlSafeDeep({ ...req.body }), 'запрос');
    const field = body.file.field;
    if (!req.file) {
      throw badRequest(`Нет файла: добавьте его в поле ${field} (multipart/form-data)`, [
        { path: field, message: 'файл не передан' },
      ]);
    }
    // multer decodes the file name as latin1; browsers and curl send UTF-8.
    const name = xmlSafeText(Buffer.from(req.file.originalname, 'latin1').toString('utf8'));
    return { body: fields, file: { name, buffer: new Uint8Array(req.file.buffer) } };
  }
  if (req.body === undefined) {
    throw badRequest('Нужно тело запроса в JSON (Content-Type: application/json)', [
      { path: '', message: 'тело запроса отсутствует' },
    ]);
  }
  return { body: parseOr400(body, req.body, 'запрос'), file: undefined };
}

/** Adds the route to an express router: its middleware, access check, validation, handler. */
export function register(router: Router, r: Route, services: AppServices): void {
  const { spec } = r;
  const status = successStatus(spec);
  const chain: RequestHandler[] = [
    ...(spec.use ?? []).map((m) => m(services)),
    ...(spec.access === 'admin' ? [requireAdmin] : []),
    ...bodyParser(spec, services),
  ];
  router[spec.method](expressPath(spec.path), ...chain, async (req: Request, res: Response) => {
    const caller = spec.access === 'public' ? undefined : principal(res);
    const params = spec.params ? parseOr400(spec.params, { ...req.params }, 'адрес', 'params') : undefined;
    const query = spec.query
      ? parseOr400(spec.query, { ...req.query }, 'параметр запроса', 'query')
      : undefined;
    const { body, file } = await readBody(spec, req, services);
    const answer = await r.handler({
      params,
      query,
      body,
      file,
      principal: caller,
      services,
      req,
      res,
    });
    // As res.json would send it, but a large answer is encoded in slices (json-answer.ts).
    if (answer !== undefined && !res.headersSent) await sendJson(res, status, answer);
  });
}
