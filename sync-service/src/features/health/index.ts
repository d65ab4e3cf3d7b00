// GET /healthz: the process answers and the store answers.
import { Router } from 'express';
import * as z from 'zod';
import type { Feature } from '../../http/feature.ts';

export const healthFeature: Feature = {
  name: 'health',
  mount: '/',
  router(services) {
    const router = Router();
    router.get('/healthz', async (_req, res) => {
      try {
        await services.store.regions.list();
        res.json({
          status: 'ok',
          store: services.store.backend,
          closing: services.inflight.closing,
          inflight: services.inflight.size,
        });
      } catch (error) {
        services.logger.error({ err: error }, 'health check: store does not answer');
        res.status(503).json({ status: 'error', store: services.store.backend, closing: true, inflight: 0 });
      }
    });
    return router;
  },
  docs: [
    {
      method: 'get',
      path: '/healthz',
      summary: 'Проверка работоспособности (процесс и хранилище)',
      tags: ['service'],
      access: 'public',
      response: z.object({
        status: z.enum(['ok', 'error']),
        store: z.string(),
        closing: z.boolean(),
        inflight: z.number().describe('Синхронизаций и импортов в работе'),
      }),
    },
  ],
};
