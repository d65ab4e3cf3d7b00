// The express app, built from services; `server.ts` listens. Order: health and the OpenAPI
// document (public), then every /api/v1 request authenticated and its JSON body parsed (with
// the size limit), then the features in src/features/index.ts, then 404 and JSON errors.
import express, { type Express } from 'express';
import { features as allFeatures } from './features/index.ts';
import { authenticate } from './http/auth.ts';
import { bytesOf } from './http/bytes.ts';
import { errorHandler, routeNotFound } from './http/errors.ts';
import type { Feature } from './http/feature.ts';
import { jsonBody } from './http/json-body.ts';
import { requestLog } from './http/logger.ts';
import { safeInput, safeQuery } from './http/text.ts';
import { buildOpenApi } from './openapi.ts';
import type { AppServices } from './services.ts';

export const API_PREFIX = '/api/v1';

export function createApp(services: AppServices, features: readonly Feature[] = allFeatures): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', safeQuery);
  // X-Forwarded-* (protocol, host, client address) only from the proxies TRUST_PROXY names.
  app.set('trust proxy', services.config.trustProxy);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(requestLog(services.logger));
  app.use(safeInput);

  const openapi = buildOpenApi(features);
  app.get(`${API_PREFIX}/openapi.json`, (_req, res) => {
    res.json(openapi);
  });

  for (const feature of features) if (feature.beforeAuth) app.use(feature.mount, feature.router(services));

  app.use(API_PREFIX, authenticate(services));
  app.use(API_PREFIX, jsonBody(bytesOf(services.config.bodyLimit)), safeInput);

  for (const feature of features) if (!feature.beforeAuth) app.use(feature.mount, feature.router(services));

  app.use(routeNotFound);
  app.use(errorHandler(services.logger));
  return app;
}
