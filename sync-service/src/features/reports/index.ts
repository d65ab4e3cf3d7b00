// GET /api/v1/reports/consolidated.xlsx (department or admin) and /cluster.xlsx (a cluster's own
// token, or a reader of its region).
import * as z from 'zod';
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';
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

export const ConsolidatedQuerySchema = z.object({
  region: z.string().min(1).max(200).optional().describe('Регион (для департамента — его регион)'),
  asOf,
});
export const ClusterReportQuerySchema = z.object({
  cluster: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Кластер (slug); токену кластера можно не указывать'),
  asOf,
});

const XLSX = { mediaType: XLSX_TYPE, description: 'Книга XLSX' };

/** The API's report downloads; the dashboard answers the same routes by its sign-in cookie. */
export const consolidatedReport = route(
  {
    method: 'get',
    path: '/consolidated.xlsx',
    summary:
      'Сводный отчёт XLSX по кластерам региона: сводка, просроченные, все мероприятия, переносы сроков, исполнители',
    tags: ['reports'],
    access: 'read',
    query: ConsolidatedQuerySchema,
    responses: { 200: XLSX, 403: true, 404: true },
  },
  ({ query, principal, services, res }) =>
    sendReport(services, principal, { kind: 'consolidated', region: query.region, asOf: query.asOf }, res),
);

export const clusterReport = route(
  {
    method: 'get',
    path: '/cluster.xlsx',
    summary: 'Отчёт XLSX по одному кластеру (те же листы)',
    tags: ['reports'],
    access: 'read',
    query: ClusterReportQuerySchema,
    responses: { 200: XLSX, 403: true, 404: true },
  },
  ({ query, principal, services, res }) =>
    sendReport(services, principal, { kind: 'cluster', cluster: query.cluster, asOf: query.asOf }, res),
);

export const reportsFeature = feature({
  name: 'reports',
  mount: '/api/v1/reports',
  routes: [consolidatedReport, clusterReport],
});
