// Bodies of the admin API; the CLI commands check their flags with the same schemas.
import * as z from 'zod';
import { slug as slugSchema } from '../../app/admin-inputs.ts';

export {
  CreateClusterSchema,
  CreateDepartmentSchema,
  CreateSourceSchema,
  CreateTokenSchema,
  DepartmentSettingsSchema,
  slug,
} from '../../app/admin-inputs.ts';

export const PullRequestSchema = z.object({ source: z.string().min(1).optional() });

export const ClusterSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  region: z.string(),
  industry: z.string().nullable(),
  createdAt: z.string(),
});
export const DepartmentSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  region: z.string(),
  createdAt: z.string(),
  settings: z.object({
    addressee: z.string().nullable(),
    signerTitle: z.string().nullable(),
    signerName: z.string().nullable(),
  }),
});
export const DepartmentSlugParamsSchema = z.object({ slug: slugSchema });
export const SourceSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterSlug: z.string(),
  kind: z.enum(['sheet', 'file']),
  spreadsheetId: z.string().nullable(),
  sheetId: z.number().nullable(),
  sheetName: z.string().nullable(),
  fileName: z.string().nullable(),
  title: z.string().nullable(),
  createdAt: z.string(),
  lastSyncAt: z.string().nullable(),
});
export const TokenAnswerSchema = z.object({
  id: z.string(),
  kind: z.enum(['admin', 'cluster', 'department']),
  token: z.string().describe('Показывается один раз'),
  expiresAt: z.string().nullable().describe('С этого момента токен не действует; null — бессрочный'),
});
export const TokenSchema = z.object({
  id: z.string(),
  kind: z.enum(['admin', 'cluster', 'department']),
  scope: z.string().describe('Кластер или департамент (slug); * — токен администратора'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('Последний запрос с этим токеном (с точностью до минуты)'),
  expiresAt: z.string().nullable(),
});
export const TokenIdSchema = z.object({ id: z.string().min(1).max(100) });
