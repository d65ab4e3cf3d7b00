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

const XLSX = { mediaType: XLSX_TYPE, description: 'Книга XLSX' };
const NOT_MADE =
  'Отчёт не подготовлен: процесс отчёта превысил отведённые время или память либо прервался (сервис продолжает работу)';

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
    responses: { 200: XLSX, 403: true, 404: true, 503: NOT_MADE },
  },
  ({ query, principal, services, res }) =>
    sendReport(
      services,
      principal,
      {
        kind: 'consolidated',
        region: query.region,
        asOf: query.asOf,
        finished: query.finished === 'include',
      },
      res,
    ),
);

export const clusterReport = route(
  {
    method: 'get',
    path: '/cluster.xlsx',
    summary: 'Отчёт XLSX по одному кластеру (те же листы)',
    tags: ['reports'],
    access: 'read',
    query: ClusterReportQuerySchema,
    responses: { 200: XLSX, 403: true, 404: true, 503: NOT_MADE },
  },
  ({ query, principal, services, res }) =>
    sendReport(
      services,
      principal,
      { kind: 'cluster', cluster: query.cluster, asOf: query.asOf, finished: query.finished === 'include' },
      res,
    ),
);

export const reportsFeature = feature({
  name: 'reports',
  mount: '/api/v1/reports',
  routes: [consolidatedReport, clusterReport],
});
