// A list sheet read back («Все мероприятия», «Просроченные», «Переносы сроков»): rows sit under a
// merged heading per document («cluster — document title») and a sub-heading per section; this
// gives each listed row with the document and section it is under.
import ExcelJS from 'exceljs';
import { GROUP_SEPARATOR } from '../../src/reports/sheets/all-items.ts';

export interface ListedRow {
  cluster: string;
  document: string;
  section: string;
  row: ExcelJS.Row;
}

/** A heading row: one text merged over the table (its second cell shows the first). */
export function isHeading(row: ExcelJS.Row): boolean {
  return row.getCell(2).type === ExcelJS.ValueType.Merge;
}

/** Every listed row under its headings, below the header row (row 1). */
export function listedRows(sheet: ExcelJS.Worksheet): ListedRow[] {
  const out: ListedRow[] = [];
  let cluster = '';
  let document = '';
  let section = '';
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    if (isHeading(row)) {
      const text = String(row.getCell(1).value);
      if (row.getCell(1).font?.italic) section = text;
      else {
        const heading = text.replace(/ \(продолжение\)$/, '');
        const at = heading.indexOf(GROUP_SEPARATOR);
        [cluster, document] = [heading.slice(0, at), heading.slice(at + GROUP_SEPARATOR.length)];
        section = '';
      }
      continue;
    }
    out.push({ cluster, document, section, row });
  }
  return out;
}
