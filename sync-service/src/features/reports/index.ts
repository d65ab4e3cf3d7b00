// GET /api/v1/reports/consolidated.xlsx (department or admin) and /cluster.xlsx (a cluster's own
// token, or a reader of its region).
import { Router } from 'express';
import * as z from 'zod';
import { principal } from '../../http/auth.ts';
import type { Feature } from '../../http/feature.ts';
import { validateQuery } from '../../http/validate.ts';
import { sendReport, XLSX_TYPE } from './produce.ts';

const asOf = z.iso
  .date({
    error: (issue) =>
      typeof issue.input === 'string'
        ? `нужна существующая дата ГГГГ-ММ-ДД, например 2021-11-20, а не «${issue.input.slice(0, 40)}»`
        : 'нужна одна дата ГГГГ-ММ-ДД, например 2021-11-20',
  })
  .optional()
  .describe('Дата, на которую считаются состояния (по умолчанию сегодня)');

const finished = z
  .enum(['include'])
  .optional()
  .describe(
    'include — добавить лист «Завершённые планы»: планы, чей период закончился к дате, с итогом (по умолчанию отчёт только о текущих планах)',
  );

export const ConsolidatedQuerySchema = z.object({
  region: z.string().min(1).max(200).optional().describe('Регион (для департамента — его регион)'),
  asOf,
  finished,
});
export const ClusterReportQuerySchema = z.object({
  cluster: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Кластер (slug); токену кластера можно не указывать'),
  asOf,
  finished,
});

export const reportsFeature: Feature = {
  name: 'reports',
  mount: '/api/v1/reports',
  router(services) {
    const router = Router();
    router.get('/consolidated.xlsx', validateQuery(ConsolidatedQuerySchema), async (_req, res) => {
      const q = res.locals.query as z.infer<typeof ConsolidatedQuerySchema>;
      await sendReport(
        services,
        principal(res),
        { kind: 'consolidated', region: q.region, asOf: q.asOf, finished: q.finished === 'include' },
        res,
      );
    });
    router.get('/cluster.xlsx', validateQuery(ClusterReportQuerySchema), async (_req, res) => {
      const q = res.locals.query as z.infer<typeof ClusterReportQuerySchema>;
      await sendReport(
        services,
        principal(res),
        { kind: 'cluster', cluster: q.cluster, asOf: q.asOf, finished: q.finished === 'include' },
        res,
      );
    });
    return router;
  },
  docs: [
    {
      method: 'get',
      path: '/consolidated.xlsx',
      summary:
        'Сводный отчёт XLSX по кластерам региона: сводка, просроченные, все мероприятия, переносы сроков, исполнители',
      tags: ['reports'],
      access: 'read',
      query: ConsolidatedQuerySchema,
      response: { mediaType: XLSX_TYPE, description: 'Книга XLSX' },
      errors: [403, 404],
    },
    {
      method: 'get',
      path: '/cluster.xlsx',
      summary: 'Отчёт XLSX по одному кластеру (те же листы)',
      tags: ['reports'],
      access: 'read',
      query: ClusterReportQuerySchema,
      response: { mediaType: XLSX_TYPE, description: 'Книга XLSX' },
      errors: [403, 404],
    },
  ],
};
