// What the dashboard's pages accept: the home page's filters (GET, so they work without scripts)
// and the sign-in form.
import * as z from 'zod';
import { CLUSTER_SORTS } from './service.ts';

const blankAsUndefined = (v: unknown) => (typeof v === 'string' ? v.trim() || undefined : v);
const text = (max: number) => z.preprocess(blankAsUndefined, z.string().max(max).optional());
const pageNumber = z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(100_000).optional());

export const HomeQuerySchema = z.object({
  cluster: text(100).describe('Кластер (slug) для списка просроченных'),
  executor: text(200).describe('Часть имени исполнителя'),
  q: text(200).describe('Текст в мероприятии, результате, отметке…'),
  archived: z
    .literal('include')
    .optional()
    .catch(undefined)
    .describe('include — вместе с мероприятиями архивных документов'),
  asOf: z
    .preprocess(blankAsUndefined, z.iso.date('нужна дата ГГГГ-ММ-ДД').optional())
    .describe('Дата, на которую считаются состояния (по умолчанию сегодня)'),
  plans: z
    .preprocess(blankAsUndefined, z.enum(['current', 'finished']).optional())
    .describe('finished — показать и завершённые планы с итогом (по умолчанию только текущие)'),
  since: z
    .preprocess(blankAsUndefined, z.iso.date('нужна дата ГГГГ-ММ-ДД').optional())
    .describe('Начало динамики (по умолчанию день предыдущего отчёта или 30 дней назад)'),
  page: pageNumber.describe('Страница списка просроченных'),
  cpage: pageNumber.describe('Страница таблицы кластеров (с их КИД, динамикой и документами)'),
  csort: z
    .preprocess(blankAsUndefined, z.enum(CLUSTER_SORTS).optional())
    .describe('Порядок таблицы кластеров: name, overdue, kid, items'),
  rpage: pageNumber.describe('Страница удалённых из таблицы'),
});

/** A malformed field counts as absent: the form then asks for the token again (401), never a 400. */
export const LoginBodySchema = z.object({
  token: z.string().optional().catch(undefined).describe('Токен доступа'),
  next: z.string().optional().catch(undefined).describe('Куда вернуться после входа (путь этого сайта)'),
});

const STATES = ['done', 'overdue', 'due_soon', 'in_progress', 'upcoming', 'ongoing', 'unknown'] as const;
const date = z.preprocess(blankAsUndefined, z.iso.date('нужна дата ГГГГ-ММ-ДД').optional());

/** The items list (GET /items): a state or all, the filters, the order and the page. */
export const ItemsPageQuerySchema = z.object({
  state: z.preprocess(blankAsUndefined, z.enum(STATES).optional()).describe('Состояние (без него — все)'),
  q: text(200).describe('Текст в номере, мероприятии, задаче, исполнителях, результате, отметке'),
  cluster: text(100).describe('Кластер (slug)'),
  region: text(200).describe('Регион: мероприятия кластеров региона'),
  clusterName: text(100).describe('Часть названия кластера (когда кластеров слишком много для списка)'),
  executor: text(200).describe('Часть имени исполнителя'),
  document: text(100).describe('Документ (id)'),
  dueAfter: date.describe('Срок не раньше'),
  dueBefore: date.describe('Срок не позже'),
  sort: z.preprocess(blankAsUndefined, z.enum(['document', 'due', '-due']).optional()).describe('Порядок'),
  page: pageNumber.describe('Страница списка (по 25)'),
  asOf: date.describe('Дата, на которую считаются состояния (по умолчанию сегодня)'),
});
export type ItemsPageQuery = z.infer<typeof ItemsPageQuerySchema>;

export const UploadFieldsSchema = z.object({});
