// POST /api/v1/import: a roadmap, plan or protocol file (.xlsx, .csv, .txt, .docx, .odt) through the sync path.
import { SyncSummarySchema } from '@cluster/shared';
import { Router } from 'express';
import multer from 'multer';
import * as z from 'zod';
import { actorOf, clusterFor } from '../../app/access.ts';
import { importFile } from '../../app/import-file.ts';
import { principal } from '../../http/auth.ts';
import { bytesOf } from '../../http/bytes.ts';
import { badRequest } from '../../http/errors.ts';
import type { Feature } from '../../http/feature.ts';
import { parseOr400 } from '../../http/validate.ts';
import { slug } from '../admin/schemas.ts';

const ImportFieldsSchema = z.object({
  cluster: slug,
  sheet: z.string().min(1).max(200).optional(),
  document: z.string().min(1).max(100).optional(),
});

// Multipart limits follow BODY_LIMIT ("20mb" → bytes); re-exported for older callers.
export { bytesOf };

export const importsFeature: Feature = {
  name: 'imports',
  mount: '/api/v1',
  router(services) {
    const router = Router();
    const upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: bytesOf(services.config.bodyLimit), files: 1, fields: 10 },
    });
    router.post('/import', upload.single('file'), async (req, res) => {
      const fields = parseOr400(ImportFieldsSchema, { ...req.body }, 'запрос');
      if (!req.file) {
        throw badRequest('Нет файла: добавьте его в поле file (multipart/form-data)', [
          { path: 'file', message: 'файл не передан' },
        ]);
      }
      const p = principal(res);
      const cluster = await clusterFor(services, p, fields.cluster, 'write');
      // multer decodes the file name as latin1; browsers and curl send UTF-8.
      const name = Buffer.from(req.file.originalname, 'latin1').toString('utf8');
      const summary = await services.inflight.run(() =>
        importFile(
          services,
          cluster,
          { name, buffer: new Uint8Array(req.file!.buffer) },
          {
            sheet: fields.sheet,
            actor: actorOf(p),
            document: fields.document,
          },
        ),
      );
      res.json(summary);
    });
    return router;
  },
  docs: [
    {
      method: 'post',
      path: '/import',
      summary: 'Импорт файла (.xlsx, .csv, .txt, .docx, .odt) тем же путём, что и синхронизация',
      tags: ['sync'],
      access: 'cluster',
      body: {
        multipart: {
          file: { type: 'file', description: 'Файл .xlsx, .csv, .txt, .docx или .odt' },
          cluster: { type: 'string', description: 'Кластер (slug)' },
          sheet: { type: 'string', description: 'Только этот лист книги .xlsx (необязательно)' },
          document: {
            type: 'string',
            description:
              'Обновить этот документ (id), если его не узнать по виду, названию и периоду (необязательно)',
          },
        },
      },
      response: SyncSummarySchema,
      errors: [400, 404, 413, 422],
    },
  ],
};
