// «Вставить шаблон»: a new sheet with a title, a header the domain core recognises, column widths,
// the mark dropdown, wrapping and a frozen header. The sheet is tagged so the protocol import finds
// its decisions register again.

import { HEADER_FILL } from '@cluster/shared';
import { MARK_CHOICES } from './check.ts';
import { listValidation } from './gas.ts';

export type TemplateKind = 'roadmap' | 'work_plan' | 'decisions';
export const TEMPLATE_KEY = 'cluster.template';

interface Template {
  sheetName: string;
  title: (year: number) => string;
  headers: string[];
  widths: number[];
}

export const TEMPLATES: Record<TemplateKind, Template> = {
  roadmap: {
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
    widths: [60, 380, 200, 140, 220, 180],
  },
  work_plan: {
    sheetName: 'План работы',
    title: (y) => `План работы кластера на ${y}-${y + 1} учебный год`,
    headers: ['№ п/п', 'Мероприятие', 'Ответственный', 'Срок', 'Форма отчётности', 'Отметка о выполнении'],
    widths: [60, 380, 200, 140, 200, 180],
  },
  decisions: {
    sheetName: 'Реестр решений',
    title: () => 'Реестр решений координационного совета кластера',
    headers: ['№ п/п', 'Решение', 'Ответственный', 'Срок исполнения', 'Протокол', 'Отметка о выполнении'],
    widths: [60, 420, 200, 140, 160, 180],
  },
};

export const HEADER_ROW = 3;
const BODY_ROWS = 200;

/** Creates the template sheet and makes it active; returns it. */
export function insertTemplate(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  kind: TemplateKind,
  year: number,
): GoogleAppsScript.Spreadsheet.Sheet {
  const t = TEMPLATES[kind];
  const sheet = ss.insertSheet(freeName(ss, t.sheetName));
  const n = t.headers.length;
  sheet.getRange(1, 1).setValue(t.title(year)).setFontWeight('bold').setFontSize(12);
  const header = sheet.getRange(HEADER_ROW, 1, 1, n);
  header
    .setValues([t.headers])
    .setFontWeight('bold')
    .setBackground(HEADER_FILL)
    .setWrap(true)
    .setVerticalAlignment('middle');
  for (let c = 0; c < n; c++) sheet.setColumnWidth(c + 1, t.widths[c]);
  sheet
    .getRange(HEADER_ROW + 1, 1, BODY_ROWS, n)
    .setWrap(true)
    .setVerticalAlignment('top');
  const mark = sheet.getRange(HEADER_ROW + 1, n, BODY_ROWS, 1);
  mark.setDataValidation(listValidation(MARK_CHOICES));
  sheet.setFrozenRows(HEADER_ROW);
  sheet.addDeveloperMetadata(TEMPLATE_KEY, kind);
  sheet.activate();
  return sheet;
}

/** The sheet made from a template of this kind, if there is one. */
export function findTemplateSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  kind: TemplateKind,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  const found = ss.createDeveloperMetadataFinder().withKey(TEMPLATE_KEY).withValue(kind).find();
  for (const md of found) {
    const sheet = md.getLocation().getSheet();
    if (sheet) return sheet;
  }
  return null;
}

function freeName(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, base: string): string {
  const taken = new Set(ss.getSheets().map((s) => s.getName()));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} (${i})`)) return `${base} (${i})`;
}
