// An .xlsx as people make them — title merged across the table, an approval block, a two-row
// header with start/end dates, merged section rows, real Date cells and a formula — read back
// through readDocumentsFromFile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocumentsFromFile } from '../../src/files/read-file.ts';
import { utc, writeWorkPlan } from '../helpers/workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'files-recognize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let file: string;
beforeAll(async () => {
  file = join(dir, 'plan-2024.xlsx');
  await writeWorkPlan(file);
});

describe('an exceljs workbook with merges, a two-row header, dates and a formula', () => {
  it('is read into one work plan with sections and date ranges', async () => {
    const { documents, sheetNames, sheets } = await readDocumentsFromFile(file, { today: '2024-12-10' });
    expect(sheetNames).toEqual(['План']);
    // The grids come along so that an import need not read the file again; row 9 is grid[8].
    expect(sheets.map((s) => s.sheetName)).toEqual(['План']);
    expect(sheets[0].grid[8].slice(0, 4)).toEqual([
      '1.1.',
      'Утверждение плана работы',
      'Председатель КС',
      utc(2024, 9, 2),
    ]);
    expect(documents).toHaveLength(1);
    const [doc] = documents;
    expect(doc.sheet).toBe('План');
    expect(doc.kind).toBe('work_plan');
    expect(doc.period).toEqual({ start: '2024-09-01', end: '2025-08-31' });
    expect(doc.items.map((i) => [i.row, i.number, i.task])).toEqual([
      [9, '1.1', 'Раздел 1. Организационная работа'],
      [10, '1.2', 'Раздел 1. Организационная работа'],
      [12, '2.1', 'Раздел 2. Подготовка кадров'],
    ]);
    const [a, b, c] = doc.items;
    expect(a.deadline).toMatchObject({ kind: 'range', start: '2024-09-02', due: '2024-09-30' });
    expect(a.mark.status).toBe('done');
    expect(a.state).toBe('done');
    expect(b.deadline).toMatchObject({ kind: 'range', start: '2024-11-01', due: '2024-12-31' });
    expect(b.state).toBe('in_progress');
    expect(c.deadline).toMatchObject({ kind: 'date', due: '2025-03-31' });
    expect(c.executors).toEqual(['Колледжи']);
    expect(c.state).toBe('upcoming');
  });
});
