// What an administrator gives to register clusters, departments, sheets and tokens: checked the same
// way for the HTTP API's bodies and the CLI's flags.
import { SLUG_PATTERN, SLUG_RULE_RU } from '@cluster/shared';
import * as z from 'zod';

export const slug = z.string().regex(SLUG_PATTERN, SLUG_RULE_RU);

const text = (max: number) => z.string().trim().min(1, 'не может быть пустым').max(max);

export const CreateClusterSchema = z.object({
  slug,
  name: text(300),
  region: text(200),
  industry: text(300).optional(),
  newRegion: z
    .boolean()
    .optional()
    .describe('true — зарегистрировать новый регион (иначе регион должен уже быть)'),
});

export const CreateDepartmentSchema = z.object({
  slug,
  name: text(300),
  region: text(200),
  newRegion: z
    .boolean()
    .optional()
    .describe('true — зарегистрировать новый регион (иначе регион должен уже быть)'),
});

/** A setting's text; null or an empty string clears it. */
const setting = (max: number) => z.string().trim().max(max).nullable().optional();

export const DepartmentSettingsSchema = z
  .object({
    addressee: setting(1000).describe('Кому адресован отчёт (блок «Кому» на листе «Сводка»)'),
    signerTitle: setting(300).describe('Должность подписывающего'),
    signerName: setting(200).describe('Фамилия и инициалы подписывающего'),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'укажите хотя бы одно: addressee, signerTitle, signerName',
  });

export const CreateSourceSchema = z.object({
  cluster: slug,
  spreadsheetId: z.string().regex(/^[A-Za-z0-9_-]{10,200}$/, 'идентификатор таблицы Google из её адреса'),
  sheetId: z.number().int().min(0),
});

export const CreateTokenSchema = z
  .object({
    cluster: slug.optional(),
    department: slug.optional(),
    admin: z.literal(true).optional(),
    expires: z
      .string()
      .regex(/^(\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4})$/, 'дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ')
      .optional()
      .describe('Последний день действия токена (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД); без него токен бессрочный'),
  })
  .refine((b) => [b.cluster, b.department, b.admin].filter((x) => x !== undefined).length === 1, {
    message: 'укажите ровно одно: cluster, department или admin',
  });
