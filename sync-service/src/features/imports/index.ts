// POST /api/v1/import: a roadmap, plan or protocol file (.xlsx, .csv, .txt, .docx, .odt) through the sync path.
import { SyncSummarySchema } from '@cluster/shared';
import * as z from 'zod';
import { actorOf, clusterFor } from '../../app/access.ts';
import { importFile } from '../../app/import-file.ts';
import { feature } from '../../http/feature.ts';
import { route } from '../../http/route.ts';
import { slug } from '../admin/schemas.ts';

const ImportFieldsSchema = z.object({
  cluster: slug.describe('Кластер (slug)'),
  sheet: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Только этот лист книги .xlsx (без него читаются все видимые листы)'),
  document: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Обновить этот документ (id), если его не узнать по виду, названию и периоду плана'),
});

const importRoute = route(
  {
    method: 'post',
    path: '/import',
    summary: 'Импорт файла (.xlsx, .csv, .txt, .docx, .odt) тем же путём, что и синхронизация',
    tags: ['sync'],
    access: 'cluster',
    body: {
      multipart: ImportFieldsSchema,
      file: { field: 'file', description: 'Файл .xlsx, .csv, .txt, .docx или .odt' },
    },
    responses: { 200: SyncSummarySchema, 404: true, 413: true, 422: true },
  },
  async ({ body, file, principal, services }) => {
    const cluster = await clusterFor(services, principal, body.cluster, 'write');
    return services.inflight.run(() =>
      importFile(services, cluster, file, {
        sheet: body.sheet,
        actor: actorOf(principal),
        document: body.document,
      }),
    );
  },
);

export const importsFeature = feature({ name: 'imports', mount: '/api/v1', routes: [importRoute] });
