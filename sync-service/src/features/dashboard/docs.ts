// The dashboard's routes as the OpenAPI document lists them (the app answers them; they are HTML
// pages signed in by cookie, not the Bearer API).
import type { RouteDoc } from '../../http/feature.ts';
import { ItemIdParamsSchema } from '../items/schemas.ts';
import { ClusterReportQuerySchema, ConsolidatedQuerySchema } from '../reports/index.ts';
import { XLSX_TYPE } from '../reports/produce.ts';
import { HomeQuerySchema } from './schemas.ts';
import { CSS_PATH, ICON_PATH } from './views/layout.ts';

export const DASHBOARD_DOCS: RouteDoc[] = [
  {
    method: 'get',
    path: '/',
    summary:
      'Дашборд (HTML): вход по токену или сводка по кластерам и просроченные с фильтрами (вход — cookie)',
    tags: ['dashboard'],
    access: 'public',
    query: HomeQuerySchema,
    response: { mediaType: 'text/html', description: 'Страница' },
  },
  {
    method: 'get',
    path: CSS_PATH,
    summary: 'Таблица стилей дашборда',
    tags: ['dashboard'],
    access: 'public',
    response: { mediaType: 'text/css', description: 'CSS' },
  },
  {
    method: 'get',
    path: ICON_PATH,
    summary: 'Значок дашборда',
    tags: ['dashboard'],
    access: 'public',
    response: { mediaType: 'image/svg+xml', description: 'SVG' },
  },
  {
    method: 'post',
    path: '/login',
    summary: 'Вход в дашборд: форма с полем token; ставит cookie HttpOnly, SameSite=Strict',
    tags: ['dashboard'],
    access: 'public',
    response: {
      mediaType: 'text/html',
      description: 'Переход на / (303) или страница входа с ошибкой (401)',
    },
  },
  {
    method: 'post',
    path: '/logout',
    summary: 'Выход из дашборда: стирает cookie',
    tags: ['dashboard'],
    access: 'public',
    response: { mediaType: 'text/html', description: 'Переход на / (303)' },
  },
  {
    method: 'get',
    path: '/items/{id}',
    summary: 'Дашборд (HTML): мероприятие и его история (по cookie входа)',
    tags: ['dashboard'],
    access: 'public',
    params: ItemIdParamsSchema,
    response: { mediaType: 'text/html', description: 'Страница' },
  },
  {
    method: 'get',
    path: '/reports/consolidated.xlsx',
    summary: 'Сводный отчёт XLSX для кнопки дашборда (по cookie входа; те же права, что у API)',
    tags: ['dashboard'],
    access: 'public',
    query: ConsolidatedQuerySchema,
    response: { mediaType: XLSX_TYPE, description: 'Книга XLSX' },
  },
  {
    method: 'get',
    path: '/reports/cluster.xlsx',
    summary: 'Отчёт XLSX по кластеру для кнопки дашборда (по cookie входа)',
    tags: ['dashboard'],
    access: 'public',
    query: ClusterReportQuerySchema,
    response: { mediaType: XLSX_TYPE, description: 'Книга XLSX' },
  },
];
