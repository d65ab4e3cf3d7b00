// The words generated benchmark roadmaps are made of, taken from the real samples' wording.
import { TEMPLATE_HEADERS } from '@cluster/shared';
export const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];
export const EXECUTORS = [
  'Руководители ПОО',
  'Председатель КС',
  'Координационный совет',
  'ОГБПОУ «Томский индустриальный техникум», ООО «Гарантийный фонд»',
  'Департамент образования',
  'Рабочая группа',
];
export const RESULTS = [
  'Протокол',
  'Приказ',
  'План-график',
  'Отчёт о проведении мероприятия',
  'Соглашение о сотрудничестве',
  '',
];
export const MARKS = [
  '',
  '',
  'Выполнено',
  'выполнено 27.09.2021',
  'Не выполнено',
  'В работе',
  'перенесено на 15.05.2021',
  'Частично',
];
export const HEADER = [...TEMPLATE_HEADERS.roadmap.headers];
