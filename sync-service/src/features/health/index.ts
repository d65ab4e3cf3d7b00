// GET /healthz: the process answers and the store answers.
import * as z from 'zod';
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';

const HealthSchema = z.object({
  status: z.enum(['ok', 'error']),
  store: z.string(),
  closing: z.boolean(),
  inflight: z.number().describe('Синхронизаций и импортов в работе'),
});

const health = route(
  {
    method: 'get',
    path: '/healthz',
    summary: 'Проверка работоспособности (процесс и хранилище)',
    tags: ['service'],
    access: 'public',
    responses: { 200: HealthSchema, 503: HealthSchema },
  },
  async ({ services, res }) => {
    try {
      await services.store.regions.list();
      const answer: z.input<typeof HealthSchema> = {
        status: 'ok',
        store: services.store.backend,
        closing: services.inflight.closing,
        inflight: services.inflight.size,
      };
      return answer;
    } catch (error) {
      services.logger.error({ err: error }, 'health check: store does not answer');
      res.status(503).json({ status: 'error', store: services.store.backend, closing: true, inflight: 0 });
    }
  },
);

export const healthFeature = feature({ name: 'health', mount: '/', routes: [health] });
