// The benches' roadmap workbook: a title and approval block, a header, a row of column numbers,
// «Задача N» rows merged across the table and items whose deadlines take the forms real roadmaps
// use. Written by exceljs' streaming writer, so 100,000 rows cost the bench little memory.
import ExcelJS from 'exceljs';
import { EXECUTORS, HEADER, MARKS, MONTHS, RESULTS } from './roadmap-words.ts';

/** A deadline in one of the forms real roadmaps use. */
export function deadline(i: number): string | Date {
  const m = MONTHS[i % 12];
  const forms: (() => string | Date)[] = [
    () => `${m} 2021 г.`,
    () => `${MONTHS[i % 6]}-${MONTHS[6 + (i % 6)]} 2021`,
    () => `до ${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.2021 г.`,
    () => `${['I', 'II', 'III', 'IV'][i % 4]} квартал 2021г`,
    () => `${['I', 'II'][i % 2]} полугодие 2021`,
    () => 'ежемесячно',
    () => 'в течение года',
    () => 'постоянно',
    () => `${MONTHS[i % 5]}, ${MONTHS[7 + (i % 5)]} 2021 г.`,
    () => new Date(Date.UTC(2021, i % 12, 1 + (i % 28))),
    () => '2021 год',
    () => `к ${1 + (i % 28)} сентября 2021 г.`,
  ];
  return forms[i % forms.length]();
}

export const ROADMAP_TITLE = 'Дорожная карта образовательно-отраслевого кластера строительства на 2021 год';

/** One row of the roadmap body: a task row or an item; `rows` of them after the header. */
export function* roadmapRows(rows: number): Generator<{ task: boolean; cells: (string | number | Date)[] }> {
  let items = 0;
  let task = 0;
  let sub = 0;
  for (let r = 0; r < rows; r++) {
    if (task === 0 || sub === 40) {
      task++;
      sub = 0;
      yield {
        task: true,
        cells: [`Задача ${task}. Повышение качества подготовки кадров по направлению ${task}`],
      };
      continue;
    }
    sub++;
    const i = items++;
    yield {
      task: false,
      cells: [
        `${task}.${sub}.`,
        `Мероприятие ${task}.${sub}: проведение ${i % 3 ? 'семинара' : 'конкурса'} для студентов и наставников\nс участием работодателей`,
        EXECUTORS[i % EXECUTORS.length],
        deadline(i),
        RESULTS[i % RESULTS.length],
        MARKS[i % MARKS.length],
      ],
    };
  }
}

/** Writes the roadmap workbook; returns the number of item rows. */
export async function writeRoadmap(file: string, rows: number): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Дорожная карта');
  ws.getRow(1).getCell(4).value = 'Утверждаю';
  ws.getRow(2).getCell(4).value = 'Председатель Координационного совета';
  ws.getRow(4).getCell(1).value = ROADMAP_TITLE;
  ws.mergeCells('A4:F4');
  ws.getRow(6).values = HEADER;
  ws.getRow(7).values = [1, 2, 3, 4, 5, 6];
  let r = 8;
  let items = 0;
  for (const row of roadmapRows(rows)) {
    ws.getRow(r).values = row.cells;
    if (row.task) ws.mergeCells(r, 1, r, 6);
    else items++;
    ws.getRow(r).commit();
    r++;
  }
  ws.commit();
  await wb.commit();
  return items;
}
