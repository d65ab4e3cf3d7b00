// Russian wording of every problem a user sees. One place, so the add-in, the CLI and the reports agree.

import { formatRu } from './dates.ts';
import type { Period, ProblemCode } from './model.ts';

/** Where a problem sits: the row and the column's header as the user wrote it. */
export interface ProblemPlace {
  row: number;
  header: string;
}

/** Column names used when the document has no such column (protocols, tables without it). */
export const DEFAULT_HEADERS = {
  number: '№ п/п',
  title: 'Наименование мероприятия',
  executors: 'Исполнитель',
  deadline: 'Срок',
  result: 'Результат',
  mark: 'Отметка о выполнении',
} as const;

const at = (p: ProblemPlace): string => `Строка ${p.row}, «${p.header}»`;
const q = (text: string): string => `«${text.length > 80 ? `${text.slice(0, 77)}…` : text}»`;

export const problemMessages = {
  missing_title: (p: ProblemPlace): string => `${at(p)}: не указано наименование`,
  missing_executor: (p: ProblemPlace): string => `${at(p)}: не указан исполнитель`,
  missing_deadline: (p: ProblemPlace): string => `${at(p)}: не указан срок`,
  unreadable_deadline: (p: ProblemPlace, raw: string): string =>
    `${at(p)}: не удалось прочитать срок ${q(raw)}`,
  deadline_outside_period: (p: ProblemPlace, raw: string, period: Period): string =>
    `${at(p)}: ${q(raw)} вне периода плана ${formatRu(period.start)}–${formatRu(period.end)}`,
  missing_result: (p: ProblemPlace): string => `${at(p)}: не указан результат`,
  duplicate_number: (p: ProblemPlace, number: string, firstRow: number): string =>
    `${at(p)}: номер ${q(number)} уже есть в строке ${firstRow}`,
  number_out_of_order: (p: ProblemPlace, number: string, previous: string): string =>
    `${at(p)}: номер ${q(number)} идёт после ${q(previous)}`,
  unreadable_mark: (p: ProblemPlace, raw: string): string =>
    `${at(p)}: не удалось прочитать отметку ${q(raw)}`,
} satisfies Record<ProblemCode, (...args: never[]) => string>;

/** Reasons given for rows that could not be placed. */
export const unplacedReasons = {
  noNumberNoTitle: 'нет номера и наименования мероприятия: строку не удалось отнести к пункту',
  lonelyText: 'текст вне таблицы: не заголовок раздела и не пункт',
  emptySection: 'заголовок раздела без мероприятий под ним',
  noHeader: 'не найдена строка заголовка таблицы',
  protocolPreamble: 'текст перед первым решением',
  protocolLoose: 'строка не относится ни к одному решению',
} as const;
