// readWorkbookGrids on workbooks written by exceljs: merges, a two-row header, real dates,
// formulas, rich text, hyperlinks, error cells, and what is trimmed.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkbookGrids } from '../../src/files/read-xlsx.ts';

const dir = mkdtempSync(join(tmpdir(), 'files-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('План 2021');
  ws.getCell('A1').value = 'План работы кластера на 2021 год';
  ws.mergeCells('A1:F1');
  // Two-row header: «Срок» spans two columns above «начало» / «окончание».
  ws.getRow(3).values = ['№', 'Мероприятие', 'Ответственный', 'Срок', null, 'Отметка'];
  ws.mergeCells('A3:A4');
  ws.mergeCells('B3:B4');
  ws.mergeCells('C3:C4');
  ws.mergeCells('D3:E3');
  ws.mergeCells('F3:F4');
  ws.getCell('D4').value = 'начало';
  ws.getCell('E4').value = 'окончание';
  ws.getCell('A5').value = 'Раздел 1. Организация';
  ws.mergeCells('A5:F5');
  ws.getRow(6).values = [
    '1.1.',
    'Заседание совета',
    'Председатель',
    new Date(Date.UTC(2021, 2, 1)),
    null,
    'Выполнено',
  ];
  ws.getCell('E6').value = { formula: 'D6+30', result: new Date(Date.UTC(2021, 2, 31)) };
  ws.getCell('E6').numFmt = 'dd.mm.yyyy';
  ws.getRow(7).values = ['1.2.', null, null, 'апрель 2021', null, null];
  ws.getCell('B7').value = {
    richText: [{ text: 'Обучение ' }, { font: { bold: true }, text: 'наставников' }],
  };
  ws.getCell('C7').value = { text: 'Колледж', hyperlink: 'https://example.org/' };
  ws.getCell('F7').value = { error: '#N/A' };
  ws.getCell('G7').value = { formula: '2*21', result: 42 };
  ws.getCell('H7').value = '   ';
  ws.getCell('C12').value = ''; // blank rows and a blank cell further down are trimmed
  const other = wb.addWorksheet('Пустой');
  other.getCell('B2').value = null;
  const file = join(dir, 'plan.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('readWorkbookGrids', () => {
  it('gives plain cells, merge masters only, row N as grid[N-1], trimmed', async () => {
    const file = await writeWorkbook();
    const sheets = await readWorkbookGrids(file);
    expect(sheets.map((s) => s.sheetName)).toEqual(['План 2021', 'Пустой']);
    const { grid } = sheets[0];
    expect(grid).toHaveLength(7);
    expect(grid.every((row) => row.length === 7)).toBe(true);
    expect(grid[0]).toEqual(['План работы кластера на 2021 год', null, null, null, null, null, null]);
    expect(grid[1]).toEqual([null, null, null, null, null, null, null]);
    expect(grid[2]).toEqual(['№', 'Мероприятие', 'Ответственный', 'Срок', null, 'Отметка', null]);
    expect(grid[3]).toEqual([null, null, null, 'начало', 'окончание', null, null]);
    expect(grid[4]).toEqual(['Раздел 1. Организация', null, null, null, null, null, null]);
    expect(grid[5]).toEqual([
      '1.1.',
      'Заседание совета',
      'Председатель',
      new Date('2021-03-01T00:00:00Z'),
      new Date('2021-03-31T00:00:00Z'),
      'Выполнено',
      null,
    ]);
    expect(grid[6]).toEqual(['1.2.', 'Обучение наставников', 'Колледж', 'апрель 2021', null, null, 42]);
    expect(sheets[1].grid).toEqual([]);
  });

  it('reads the same workbook from its bytes', async () => {
    const file = await writeWorkbook();
    const bytes = new Uint8Array(await readFile(file));
    const fromBytes = await readWorkbookGrids(bytes);
    expect(fromBytes).toEqual(await readWorkbookGrids(file));
  });

  it('keeps numbers as numbers and booleans as booleans', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Числа');
    ws.getRow(2).values = [2.1, 0, true, false, -3.5];
    const buffer = await wb.xlsx.writeBuffer();
    const [sheet] = await readWorkbookGrids(new Uint8Array(buffer as ArrayBuffer));
    expect(sheet.grid).toEqual([
      [null, null, null, null, null],
      [2.1, 0, true, false, -3.5],
    ]);
  });
});
