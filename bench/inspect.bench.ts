// inspect: a realistic roadmap workbook (10,000 rows; quick: 2,000) read bare by exceljs vs the
// full inspect path (read + grid + recognizeTables + state), medians of several runs each.
//   inspect_rows_per_s      item rows per second through the full path
//   inspect_overhead_ratio  full path / bare exceljs readFile (target ≤ 1.3)
//   inspect_grid_ms, inspect_recognize_ms  where the extra time goes (medians)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { recognizeTables } from '@cluster/shared';
import { readDocumentsFromFile } from '@cluster/sync-service/files/read-file.ts';
import { sheetGrid } from '@cluster/sync-service/files/read-xlsx.ts';
import ExcelJS from 'exceljs';
import { EXECUTORS, HEADER, MARKS, MONTHS, RESULTS } from './roadmap-words.ts';

/** A deadline in one of the forms real roadmaps use. */
function deadline(i: number): string | Date {
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

export async function writeRoadmap(file: string, rows: number): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Дорожная карта');
  ws.getCell('D1').value = 'Утверждаю';
  ws.getCell('D2').value = 'Председатель Координационного совета';
  ws.getCell('A4').value = 'Дорожная карта образовательно-отраслевого кластера строительства на 2021 год';
  ws.mergeCells('A4:F4');
  ws.addRow([]);
  ws.getRow(6).values = HEADER;
  ws.getRow(7).values = [1, 2, 3, 4, 5, 6];
  let r = 8;
  let items = 0;
  let task = 0;
  let sub = 0;
  while (r < 8 + rows) {
    if (task === 0 || sub === 40) {
      task++;
      sub = 0;
      ws.getCell(r, 1).value = `Задача ${task}. Повышение качества подготовки кадров по направлению ${task}`;
      ws.mergeCells(r, 1, r, 6);
      r++;
      continue;
    }
    sub++;
    const i = items++;
    ws.getRow(r).values = [
      `${task}.${sub}.`,
      `Мероприятие ${task}.${sub}: проведение ${i % 3 ? 'семинара' : 'конкурса'} для студентов и наставников\nс участием работодателей`,
      EXECUTORS[i % EXECUTORS.length],
      deadline(i),
      RESULTS[i % RESULTS.length],
      MARKS[i % MARKS.length],
    ];
    r++;
  }
  await wb.xlsx.writeFile(file);
  return items;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// A full collection before each timed run, so that neither side pays for the garbage the other
// left behind (the two paths run interleaved; without this the ratio swings with GC timing).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const rows = quick ? 2_000 : 10_000;
  const reps = quick ? 9 : 11;
  const dir = mkdtempSync(join(tmpdir(), 'inspect-bench-'));
  try {
    const file = join(dir, 'roadmap.xlsx');
    const items = await writeRoadmap(file, rows);
    const today = '2021-11-01';
    // Warm up both paths (JIT, module loading) before measuring.
    await new ExcelJS.Workbook().xlsx.readFile(file);
    const check = await readDocumentsFromFile(file, { today });
    const found = check.documents.reduce((n, d) => n + d.items.length, 0);
    if (items === 0 || found !== items)
      throw new Error(`inspect bench: expected ${items} items, recognised ${found}`);

    const bare: number[] = [];
    const full: number[] = [];
    for (let k = 0; k < reps; k++) {
      // Interleaved so that drift on a noisy machine hits both sides alike.
      bare.push(await timed(() => new ExcelJS.Workbook().xlsx.readFile(file)));
      full.push(await timed(() => readDocumentsFromFile(file, { today })));
    }
    // Where the extra time goes: the grid conversion and the recogniser alone.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    let g: ReturnType<typeof sheetGrid> = [];
    const grid: number[] = [];
    const recognize: number[] = [];
    for (let k = 0; k < reps; k++) {
      grid.push(
        await timed(async () => {
          g = sheetGrid(wb.worksheets[0]);
        }),
      );
      recognize.push(await timed(async () => recognizeTables(g, { today })));
    }
    const fullMs = median(full);
    return {
      inspect_rows_per_s: items / (fullMs / 1000),
      inspect_overhead_ratio: fullMs / median(bare),
      inspect_grid_ms: median(grid),
      inspect_recognize_ms: median(recognize),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
