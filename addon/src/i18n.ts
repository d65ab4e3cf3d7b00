// Russian first; English for any other locale. Only what the menu needs at AuthMode.NONE lives here.
export type Lang = 'ru' | 'en';

/** Locale → language. Session.getActiveUserLocale may be unavailable (it returns '' then). */
export function langOf(locale: string | null | undefined): Lang {
  const l = (locale || 'ru').toLowerCase();
  return l === '' || l.startsWith('ru') ? 'ru' : 'en';
}

export const MENU = {
  ru: {
    highlight: 'Подсветить сроки',
    clear: 'Снять подсветку',
    check: 'Проверить таблицу',
    sync: 'Синхронизировать',
    archive: 'Закрыть план (в архив)',
    templates: 'Вставить шаблон',
    roadmap: 'Дорожная карта',
    workPlan: 'План работы',
    decisions: 'Реестр решений протоколов',
    protocol: 'Решения из протокола',
    settings: 'Настройки кластера',
  },
  en: {
    highlight: 'Highlight deadlines',
    clear: 'Clear highlighting',
    check: 'Check the table',
    sync: 'Sync now',
    archive: 'Close the plan (archive)',
    templates: 'Insert template',
    roadmap: 'Roadmap',
    workPlan: 'Work plan',
    decisions: 'Protocol decisions register',
    protocol: 'Decisions from a protocol',
    settings: 'Cluster settings',
  },
} as const satisfies Record<Lang, Record<string, string>>;
