// The dashboard's words: Russian first; English when the browser's Accept-Language prefers a
// language other than Russian. Messages from the service's own errors stay as they are (Russian).
import type { MarkStatus } from '@cluster/shared';
import { STATE_COLUMN_EN, STATE_COLUMN_RU, STATE_LABEL_EN, STATE_LABEL_RU } from '@cluster/shared';

export type Lang = 'ru' | 'en';

/** The language ranked first in Accept-Language (q-values honoured): Russian unless it is another one. */
export function langOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'ru';
  let best: { tag: string; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    if (!tag) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { tag, q };
  }
  if (!best || best.tag === '*' || best.tag === 'ru' || best.tag.startsWith('ru-')) return 'ru';
  return 'en';
}

const RU = {
  lang: 'ru' as Lang,
  brand: 'Дорожные карты кластеров',
  titleSuffix: 'дорожные карты кластеров',
  signOut: 'Выйти',
  admin: 'Администратор: все регионы',
  clusterReader: (name: string) => `Кластер «${name}»`,
  department: 'Департамент',
  errorHeading: { 400: 'Неверный запрос', 403: 'Нет доступа', 404: 'Не найдено', 500: 'Ошибка' },
  home: 'На главную',
  tooLarge: 'Запрос слишком большой',
  badRequest: 'Неверный запрос',
  internal: 'Внутренняя ошибка сервиса. Попробуйте позже.',
  otherSite: 'Форма отправлена с другого сайта',
  signIn: 'Вход',
  signInIntro:
    'Введите токен доступа. Токен кластера показывает его кластер, токен департамента — кластеры региона.',
  token: 'Токен доступа',
  signInButton: 'Войти',
  tokenHint: 'Токен выдаёт администратор:',
  or: 'или',
  enterToken: 'Введите токен доступа',
  badToken: 'Неверный или отозванный токен',
  tooManyTries: 'Слишком много неудачных попыток входа с этого адреса; повторите позже',
  tokenGone: 'Токен больше не действует: войдите снова',
  signInFirst: 'Войдите, чтобы открыть эту страницу',
  overview: 'Сводка',
  overviewOn: (date: string) => `Сводка на ${date}`,
  downloadCluster: 'Скачать отчёт кластера (XLSX)',
  downloadConsolidated: 'Скачать сводный отчёт (XLSX)',
  clusters: 'Кластеры',
  noClusters: 'Кластеров пока нет.',
  cluster: 'Кластер',
  total: 'Всего',
  totals: 'Итого',
  stateColumns: STATE_COLUMN_RU,
  state: STATE_LABEL_RU,
  shareDone: 'Доля выполненных',
  status: 'Состояние',
  report: 'Отчёт',
  noItems: 'нет мероприятий',
  overdueItems: 'Просроченные мероприятия',
  all: 'все',
  executor: 'Исполнитель',
  partOfName: 'часть имени',
  text: 'Текст',
  textPlaceholder: 'мероприятие, результат, отметка',
  asOf: 'На дату',
  show: 'Показать',
  reset: 'Сбросить',
  noneFiltered: 'По этому фильтру просроченных нет.',
  none: 'Просроченных мероприятий нет.',
  found: 'Найдено:',
  firstShown: (n: number) => `, показаны первые ${n} (самые просроченные)`,
  daysOverdue: 'Дней просрочки',
  document: 'Документ',
  number: '№',
  item: 'Мероприятие',
  executors: 'Исполнители',
  deadlineRaw: 'Срок (как записан)',
  due: 'Срок',
  result: 'Результат',
  mark: 'Отметка',
  untitled: '(без названия)',
  back: '← Сводка',
  task: 'Задача',
  markFull: 'Отметка о выполнении',
  stateOn: (date: string) => `Состояние на ${date}`,
  daysOverdueShort: (n: number) => `${n} дн. просрочки`,
  removedNote: (when: string) => `Строки этого мероприятия больше нет в таблице (удалено ${when}).`,
  history: 'История',
  when: 'Когда',
  event: 'Событие',
  before: 'Было',
  after: 'Стало',
  events: {
    created: 'Добавлено',
    removed: 'Удалено из таблицы',
    restored: 'Снова в таблице',
    deadlineMoved: 'Срок перенесён',
    stateChanged: 'Изменилось состояние',
    markChanged: 'Изменилась отметка о выполнении',
    changed: (field: string) => `Изменено: ${field}`,
    field: 'поле',
    reminder: (step: string) =>
      step.startsWith('before:')
        ? `Напоминание за ${step.slice(7)} дн. до срока`
        : step === 'overdue'
          ? 'Напоминание: срок прошёл'
          : step === 'escalation'
            ? 'Сообщено координатору'
            : 'В сводке департаменту',
    delivered: 'доставлено',
    notDelivered: (why: string) => `не доставлено: ${why}`,
    sending: 'отправляется',
  },
  fields: {
    number: 'номер',
    task: 'задача',
    title: 'мероприятие',
    executors: 'исполнители',
    deadline: 'срок',
    result: 'результат',
    mark: 'отметка о выполнении',
    extra: 'дополнительные столбцы',
    problems: 'замечания проверки',
  } as Record<string, string>,
  markStatus: {
    done: 'выполнено',
    partial: 'выполнено частично',
    not_done: 'не выполнено',
    in_progress: 'в работе',
    postponed: 'перенесено',
    cancelled: 'отменено',
    none: 'нет отметки',
  } as Record<MarkStatus, string>,
};

export type Messages = typeof RU;

const EN: Messages = {
  lang: 'en',
  brand: 'Cluster roadmaps',
  titleSuffix: 'cluster roadmaps',
  signOut: 'Sign out',
  admin: 'Administrator: all regions',
  clusterReader: (name: string) => `Cluster “${name}”`,
  department: 'Department',
  errorHeading: { 400: 'Bad request', 403: 'Access denied', 404: 'Not found', 500: 'Error' },
  home: 'Home',
  tooLarge: 'The request is too large',
  badRequest: 'Bad request',
  internal: 'Internal error. Please try again later.',
  otherSite: 'The form was sent from another site',
  signIn: 'Sign in',
  signInIntro:
    'Enter an access token. A cluster token shows its cluster; a department token, the clusters of its region.',
  token: 'Access token',
  signInButton: 'Sign in',
  tokenHint: 'Tokens are issued by the administrator:',
  or: 'or',
  enterToken: 'Enter an access token',
  badToken: 'Wrong or revoked token',
  tooManyTries: 'Too many failed sign-in attempts from this address; try again later',
  tokenGone: 'The token no longer works: sign in again',
  signInFirst: 'Sign in to open this page',
  overview: 'Overview',
  overviewOn: (date: string) => `Overview as of ${date}`,
  downloadCluster: 'Download the cluster report (XLSX)',
  downloadConsolidated: 'Download the consolidated report (XLSX)',
  clusters: 'Clusters',
  noClusters: 'No clusters yet.',
  cluster: 'Cluster',
  total: 'Items',
  totals: 'Total',
  stateColumns: STATE_COLUMN_EN,
  state: STATE_LABEL_EN,
  shareDone: 'Share done',
  status: 'Status',
  report: 'Report',
  noItems: 'no items',
  overdueItems: 'Overdue items',
  all: 'all',
  executor: 'Executor',
  partOfName: 'part of a name',
  text: 'Text',
  textPlaceholder: 'item, result, mark',
  asOf: 'As of',
  show: 'Show',
  reset: 'Reset',
  noneFiltered: 'No overdue items match this filter.',
  none: 'No overdue items.',
  found: 'Found:',
  firstShown: (n: number) => `, showing the first ${n} (most overdue)`,
  daysOverdue: 'Days overdue',
  document: 'Document',
  number: 'No.',
  item: 'Item',
  executors: 'Executors',
  deadlineRaw: 'Deadline (as written)',
  due: 'Due',
  result: 'Result',
  mark: 'Mark',
  untitled: '(untitled)',
  back: '← Overview',
  task: 'Task',
  markFull: 'Completion mark',
  stateOn: (date: string) => `Status as of ${date}`,
  daysOverdueShort: (n: number) => `${n} days overdue`,
  removedNote: (when: string) => `This item's row is no longer in its sheet (removed ${when}).`,
  history: 'History',
  when: 'When',
  event: 'Event',
  before: 'Before',
  after: 'After',
  events: {
    created: 'Added',
    removed: 'Removed from the sheet',
    restored: 'Back in the sheet',
    deadlineMoved: 'Deadline moved',
    stateChanged: 'Status changed',
    markChanged: 'Completion mark changed',
    changed: (field: string) => `Changed: ${field}`,
    field: 'field',
    reminder: (step: string) =>
      step.startsWith('before:')
        ? `Reminder ${step.slice(7)} days before the deadline`
        : step === 'overdue'
          ? 'Reminder: deadline passed'
          : step === 'escalation'
            ? 'Reported to the coordinator'
            : 'In the department digest',
    delivered: 'delivered',
    notDelivered: (why: string) => `not delivered: ${why}`,
    sending: 'sending',
  },
  fields: {
    number: 'number',
    task: 'task',
    title: 'item',
    executors: 'executors',
    deadline: 'deadline',
    result: 'result',
    mark: 'completion mark',
    extra: 'extra columns',
    problems: 'check findings',
  },
  markStatus: {
    done: 'done',
    partial: 'partly done',
    not_done: 'not done',
    in_progress: 'in progress',
    postponed: 'postponed',
    cancelled: 'cancelled',
    none: 'no mark',
  },
};

export const MESSAGES: Readonly<Record<Lang, Messages>> = { ru: RU, en: EN };
