// inspect: a realistic roadmap workbook (10,000 rows; quick: 2,000) read bare by exceljs vs the
// full inspect path (read + grid + recognizeTables + state), medians of several runs each.
//   inspect_rows_per_s      item rows per second through the full path
//   inspect_overhead_ratio  full path / bare exceljs readFile (target ≤ 1.3)
//   inspect_grid_ms, inspect_recognize_ms  where the extra time goes (medians)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Grid, recognizeTables } from '@cluster/shared';
import { readDocumentsFromFile } from '@cluster/sync-service/files/read-file.ts';
import { readWorkbook } from '@cluster/sync-service/files/read-xlsx.ts';
import ExcelJS from 'exceljs';
import { writeRoadmap } from './roadmap-xlsx.ts';
import { median, timed } from './timing.ts';

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
    // Where the time goes: the streamed read into a grid and the recogniser alone.
    let g: Grid = [];
    const grid: number[] = [];
    const recognize: number[] = [];
    for (let k = 0; k < reps; k++) {
      grid.push(
        await timed(async () => {
          g = (await readWorkbook(file)).grids[0].grid;
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
