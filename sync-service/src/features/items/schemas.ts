// Query and answer shapes of the read API.
import { ITEM_STATES, ItemSchema } from '@cluster/shared';
import * as z from 'zod';
import { HISTORY_EVENT_TYPES } from '../../store/types.ts';

const states = z
  .string()
  .describe(`Состояние или несколько через запятую: ${ITEM_STATES.join(', ')}`)
  .transform((text) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(ITEM_STATES)).min(1, 'укажите хотя бы одно состояние'));

const isoDate = z.iso.date('нужна дата ГГГГ-ММ-ДД');

export const ItemsQuerySchema = z.object({
  cluster: z.string().min(1).max(100).optional().describe('Кластер (slug)'),
  state: states.optional(),
  executor: z.string().min(1).max(200).optional().describe('Часть имени исполнителя'),
  dueBefore: isoDate.optional().describe('Срок не позже (ГГГГ-ММ-ДД)'),
  dueAfter: isoDate.optional().describe('Срок не раньше (ГГГГ-ММ-ДД)'),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Слова в номере, названии, задаче, исполнителях, результате или отметке: в любой форме или начало слова',
    ),
  limit: z.coerce.number().int().min(1).max(10_000).optional().describe('Не больше стольких элементов'),
  removed: z
    .enum(['include', 'exclude', 'only'])
    .optional()
    .describe('include — вместе с удалёнными из таблицы; only — только удалённые из таблицы'),
  archived: z
    .enum(['include', 'exclude'])
    .optional()
    .describe('include — вместе с мероприятиями архивных документов'),
});
export type ItemsQuery = z.infer<typeof ItemsQuerySchema>;

export const StoredItemSchema = z.object({
  ...ItemSchema.shape,
  id: z.string(),
  clusterId: z.string(),
  clusterSlug: z.string(),
  sourceId: z.string(),
  documentId: z.string(),
  period: z.object({ start: z.string(), end: z.string() }).nullable(),
  effectiveDue: z.string().nullable(),
  removed: z.boolean(),
  removedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cells: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

export const ItemsAnswerSchema = z.object({ items: z.array(StoredItemSchema) });

export const ItemIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

const SyncOriginSchema = z
  .object({
    source: z.object({
      kind: z.enum(['sheet', 'file']),
      name: z.string().describe('Имя файла или «таблица / лист»'),
    }),
    actor: z.string().describe('Кто: token:<id>, cli, pull, demo'),
    tokenId: z.string().nullable().describe('Токен, отправивший синхронизацию'),
    tokenKind: z.enum(['cluster', 'department', 'admin']).nullable(),
  })
  .describe('Откуда пришла синхронизация');

export const HistoryEventSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  at: z.string(),
  syncId: z.string().nullable(),
  type: z.enum(HISTORY_EVENT_TYPES),
  field: z.string().nullable(),
  old: z.unknown(),
  new: z.unknown(),
  via: SyncOriginSchema.nullable(),
});
export const HistoryEntrySchema = z.object({
  syncId: z.string().nullable(),
  at: z.string(),
  kind: z.enum(['created', 'changed', 'removed', 'restored', 'reminder']),
  via: SyncOriginSchema.nullable(),
  changes: z.array(
    z.object({
      field: z.string().describe('Поле (title, deadline, mark…), due — перенос срока, state — состояние'),
      old: z.unknown(),
      new: z.unknown(),
    }),
  ),
});
export const HistoryAnswerSchema = z.object({
  events: z.array(HistoryEventSchema),
  entries: z.array(HistoryEntrySchema).describe('По одной записи на синхронизацию, старые первыми'),
});
