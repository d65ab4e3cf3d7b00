// Workbooks built with exceljs the way people make them, for the file-reader tests.
import ExcelJS from 'exceljs';

export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/**
 * A 2024-2025 work plan: approval block, title merged across the table, a two-row header with
 * start/end date columns, merged section rows, real Date cells and a formula. Items on rows 9, 10, 12.
 */
export async function writeWorkPlan(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('План');
  ws.getCell('E1').value = 'УТВЕРЖДАЮ';
  ws.getCell('E2').value = 'Председатель координационного совета';
  ws.getCell('A4').value =
    'План работы образовательно-производственного кластера машиностроения на 2024-2025 учебный год';
  ws.mergeCells('A4:F4');
  ws.getRow(6).values = [
    '№ п/п',
    'Наименование мероприятия',
    'Ответственный',
    'Сроки реализации',
    null,
    'Отметка о выполнении',
  ];
  ws.getRow(7).values = [null, null, null, 'Дата начала', 'Дата окончания', null];
  for (const range of ['A6:A7', 'B6:B7', 'C6:C7', 'D6:E6', 'F6:F7']) ws.mergeCells(range);
  ws.getCell('A8').value = 'Раздел 1. Организационная работа';
  ws.mergeCells('A8:F8');
  ws.getRow(9).values = [
    '1.1.',
    'Утверждение плана работы',
    'Председатель КС',
    utc(2024, 9, 2),
    null,
    'Выполнено',
  ];
  ws.getCell('E9').value = { formula: 'D9+28', result: utc(2024, 9, 30) };
  ws.getRow(10).values = [
    '1.2.',
    'Заседание координационного совета',
    'Секретарь КС',
    'ноябрь',
    'декабрь',
    null,
  ];
  ws.getCell('A11').value = 'Раздел 2. Подготовка кадров';
  ws.mergeCells('A11:F11');
  ws.getRow(12).values = ['2.1.', 'Стажировки преподавателей', 'Колледжи', null, utc(2025, 3, 31), null];
  for (const col of ['D', 'E']) ws.getColumn(col).numFmt = 'dd.mm.yyyy';
  await wb.xlsx.writeFile(file);
}
