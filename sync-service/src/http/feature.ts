// How feature routers plug into the app. Every feature (sync, items, reports, dashboard…) is a
// `Feature` listed in src/features/index.ts: the app mounts its router at `mount`, and the OpenAPI
// document lists its `docs`.
import type { Router } from 'express';
import type * as z from 'zod';
import type { AppServices } from '../services.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route, as the OpenAPI document says it. */
export type Access = 'public' | 'cluster' | 'read' | 'admin';

export interface RouteDoc {
  method: HttpMethod;
  /** Path below the feature's mount, OpenAPI style: `/items/{id}/history`. */
  path: string;
  summary: string;
  tags?: string[];
  access: Access;
  query?: z.core.$ZodType;
  params?: z.core.$ZodType;
  /** JSON body schema, or 'multipart' with its fields. */
  body?: z.core.$ZodType | { multipart: Record<string, { type: 'string' | 'file'; description: string }> };
  /** 2xx answer: a JSON schema, or a media type for a binary answer. */
  response: z.core.$ZodType | { mediaType: string; description: string };
  /** 4xx statuses besides the ones `access` implies. */
  errors?: number[];
}

export interface Feature {
  name: string;
  /** Where the router is mounted: '/api/v1', '/api/v1/reports', '/'. */
  mount: string;
  router(services: AppServices): Router;
  docs?: RouteDoc[];
  /** Mounted before the API's Bearer check: the router authenticates its callers itself. */
  beforeAuth?: boolean;
}
