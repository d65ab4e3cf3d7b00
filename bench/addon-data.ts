// A generated roadmap sheet of any size, put straight into the add-in's fake spreadsheet: the
// approval block, a merged title, the header and its numbering row, task rows merged across the
// table, and item rows whose deadlines take the forms real roadmaps use (some as real date cells,
// as Sheets holds a typed-in date) and a completion mark.

import { EXECUTORS, HEADER, MARKS, MONTHS, RESULTS } from './roadmap-words.ts';

/** What the bench uses of addon/test/fakes (AddonWorld, SheetModel). The fakes belong to the addon
 * workspace's TypeScript project, which this one cannot include, so they are loaded at run time
 * (bench/addon.bench.ts) and typed here; a drift fails the bench at its first call. */
export interface FakeSheet {
  id: number;
  maxRows: number;
  maxColumns: number;
  merges: { row: number; column: number; rows: number; columns: number }[];
  edit(row: number, column: number): { value: unknown };
}

export interface FakeWorld {
  model: { addSheet(name: string): FakeSheet; activeSheetId: number };
  log: { reset(): void; byMethod: Record<string, number>; backend(): number; fakeMs: number };
  simpleTrigger(name: string, event?: { range?: [number, number, number?, number?]; value?: unknown }): void;
  ui: { alerts: { message: string }[]; toasts: { message: string }[]; sidebars: { html: string }[] };
  call<T = unknown>(name: string, ...args: unknown[]): T;
  dateCell(iso: string): Date;
  spreadsheetCalls(): number;
}

/** Deadline of the i-th item: a string form, or an ISO day to be stored as a date cell. */
function deadline(i: number): string | { iso: string } {
  const m = MONTHS[i % 12];
  const dd = String(1 + (i % 28)).padStart(2, '0');
  const mm = String(1 + (i % 12)).padStart(2, '0');
  const forms: (() => string | { iso: string })[] = [
    () => `${m} 2021 г.`,
    () => `до ${dd}.${mm}.2021 г.`,
    () => `${['I', 'II', 'III', 'IV'][i % 4]} квартал 2021г`,
    () => ({ iso: `2021-${mm}-${dd}` }),
    () => 'в течение года',
    () => `${MONTHS[i % 6]}-${MONTHS[6 + (i % 6)]} 2021`,
    () => 'ежемесячно',
    () => `к ${1 + (i % 28)} сентября 2021 г.`,
  ];
  return forms[i % forms.length]();
}

/** Adds the sheet «Дорожная карта» with `rows` table rows below the header; returns its item count. */
export function addRoadmapSheet(w: FakeWorld, rows: number): { sheet: FakeSheet; items: number } {
  const sheet = w.model.addSheet('Дорожная карта');
  sheet.maxRows = rows + 60;
  sheet.maxColumns = 6;
  const put = (r: number, c: number, v: unknown) => {
    sheet.edit(r, c).value = v;
  };
  put(1, 4, 'Утверждаю');
  put(2, 4, 'Председатель Координационного совета');
  put(4, 1, 'Дорожная карта образовательно-отраслевого кластера строительства на 2021 год');
  sheet.merges.push({ row: 4, column: 1, rows: 1, columns: 6 });
  HEADER.forEach((h, c) => {
    put(6, c + 1, h);
    put(7, c + 1, String(c + 1));
  });
  let items = 0;
  let task = 0;
  let sub = 0;
  for (let r = 8; r < 8 + rows; r++) {
    if (task === 0 || sub === 40) {
      task++;
      sub = 0;
      put(r, 1, `Задача ${task}. Повышение качества подготовки кадров по направлению ${task}`);
      sheet.merges.push({ row: r, column: 1, rows: 1, columns: 6 });
      continue;
    }
    sub++;
    const i = items++;
    const due = deadline(i);
    put(r, 1, `${task}.${sub}.`);
    put(r, 2, `Мероприятие ${task}.${sub}: ${i % 3 ? 'семинар' : 'конкурс'} для студентов и наставников`);
    put(r, 3, EXECUTORS[i % EXECUTORS.length]);
    put(r, 4, typeof due === 'string' ? due : w.dateCell(due.iso));
    const result = RESULTS[i % RESULTS.length];
    if (result) put(r, 5, result);
    const mark = MARKS[i % MARKS.length];
    if (mark) put(r, 6, mark);
  }
  w.model.activeSheetId = sheet.id;
  return { sheet, items };
}
