// GET /healthz: the process answers and the store answers.
import * as z from 'zod';
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';

const HealthSchema = z.object({
  status: z.enum(['ok', 'error']),
  store: z.string(),
  storeBusy: z.boolean().optional().describe('Хранилище занято синхронизацией и не ответило за 1 с'),
  closing: z.boolean(),
  inflight: z.number().describe('Синхронизаций и импортов в работе'),
});

/** Waits for the ping; true when it is still pending after `ms` (0: no limit). */
async function answersWithin(ping: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms === 0) {
    await ping;
    return false;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), ms);
  });
  try {
    return await Promise.race([ping.then(() => false as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

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
      // The embedded store runs one transaction at a time: while a large sync writes, a ping
      // would wait for it. The process answers at once and says the store is busy.
      const busy = await answersWithin(services.store.ping(), services.inflight.size > 0 ? 1_000 : 0);
      const answer: z.input<typeof HealthSchema> = {
        status: 'ok',
        store: services.store.backend,
        ...(busy ? { storeBusy: true } : {}),
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
