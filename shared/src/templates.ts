// The header rows of the templates the add-in inserts: what the core must recognise as a header.
import type { DocumentKind } from './model.ts';

export type TemplateKind = 'roadmap' | 'work_plan' | 'decisions';

export interface TemplateHeader {
  /** The document kind a sheet made from it is read as. */
  kind: DocumentKind;
  sheetName: string;
  title: (year: number) => string;
  headers: readonly string[];
}

/** 1-based row of the header in a template sheet (the title above it, a blank row between). */
export const TEMPLATE_HEADER_ROW = 3;

export const TEMPLATE_HEADERS: Readonly<Record<TemplateKind, TemplateHeader>> = {
  roadmap: {
    kind: 'roadmap',
    sheetName: 'Дорожная карта',
    title: (y) => `Дорожная карта образовательно-производственного кластера на ${y} год`,
    headers: [
      '№ п/п',
      'Наименование мероприятия',
      'Исполнители',
      'Срок исполнения',
      'Результат',
      'Отметка о выполнении',
    ],
  },
  work_plan: {
    kind: 'work_plan',
    sheetName: 'План работы',
    title: (y) => `План работы кластера на ${y}-${y + 1} учебный год`,
    headers: ['№ п/п', 'Мероприятие', 'Ответственный', 'Срок', 'Форма отчётности', 'Отметка о выполнении'],
  },
  decisions: {
    kind: 'decisions_register',
    sheetName: 'Реестр решений',
    title: () => 'Реестр решений координационного совета кластера',
    headers: ['№ п/п', 'Решение', 'Ответственный', 'Срок исполнения', 'Протокол', 'Отметка о выполнении'],
  },
};
