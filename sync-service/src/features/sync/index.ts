// POST /api/v1/sync: one sheet's snapshot from the add-in (or the service's own pull).
import { SyncPayloadSchema, SyncSummarySchema } from '@cluster/shared';
import { Router } from 'express';
import { actorOf, clusterFor } from '../../app/access.ts';
import { syncSheet } from '../../app/sync-sheet.ts';
import { principal } from '../../http/auth.ts';
import type { Feature } from '../../http/feature.ts';
import { validateBody } from '../../http/validate.ts';
import { sendSummary } from './answer.ts';

export const syncFeature: Feature = {
  name: 'sync',
  mount: '/api/v1',
  router(services) {
    const router = Router();
    router.post('/sync', validateBody(SyncPayloadSchema), async (_req, res) => {
      const payload = res.locals.body as import('@cluster/shared').SyncPayload;
      const p = principal(res);
      const cluster = await clusterFor(services, p, payload.cluster, 'write');
      const summary = await services.inflight.run(() => syncSheet(services, cluster, payload, actorOf(p)));
      sendSummary(res, summary);
    });
    return router;
  },
  docs: [
    {
      method: 'post',
      path: '/sync',
      summary: 'Снимок одного листа: строки таблицы сверху вниз (rows[N-1] — строка N листа)',
      tags: ['sync'],
      access: 'cluster',
      body: SyncPayloadSchema,
      response: SyncSummarySchema,
      errors: [404, 413, 415, 422],
    },
  ],
};
