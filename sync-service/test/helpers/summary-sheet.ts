// «Сводка» read back: its per-cluster table sits under the headline figures and the chart, so tests
// find it by its header rather than by a row number.
import type ExcelJS from 'exceljs';

/** Row number of the per-cluster table's header («Регион», «Кластер», …). */
export function summaryHeaderRow(sheet: ExcelJS.Worksheet): number {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(1).value === 'Регион' && row.getCell(2).value === 'Кластер') return r;
  }
  throw new Error('Сводка: no table header');
}

/** The table's cluster rows and, last, its «Итого» row. */
export function summaryRows(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  for (let r = summaryHeaderRow(sheet) + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(row);
    if (row.getCell(1).value === 'Итого') return rows;
  }
  throw new Error('Сводка: no «Итого» row');
}
