// How features plug into the app. Every feature (sync, items, reports, dashboard…) is a list of
// routes (http/route.ts) listed in src/features/index.ts: the app mounts its router at `mount`,
// and the OpenAPI document lists its routes.
import { type ErrorRequestHandler, Router } from 'express';
import type { AppServices } from '../services.ts';
import { type Route, register } from './route.ts';

export type { Access, HttpMethod } from './route.ts';

export interface FeatureSpec {
  name: string;
  /** Where the router is mounted: '/api/v1', '/api/v1/reports', '/'. */
  mount: string;
  routes: readonly Route[];
  /** Errors of this feature's routes answered its own way (the dashboard's error pages). */
  errors?: (services: AppServices) => ErrorRequestHandler;
  /**
   * Mounted before the API's Bearer check: its routes under /api/v1 authenticate callers
   * themselves (the calendar feed, read by a secret in its URL).
   */
  beforeAuth?: boolean;
}

export interface Feature extends FeatureSpec {
  router(services: AppServices): Router;
}

export function feature(spec: FeatureSpec): Feature {
  return {
    ...spec,
    router(services) {
      const router = Router();
      for (const r of spec.routes) register(router, r, services);
      if (spec.errors) router.use(spec.errors(services));
      return router;
    },
  };
}
