// Rows of a list sheet written as sheet XML directly into exceljs' streaming sheet: exceljs builds a
// Row and a Cell object per cell, validates each address and renders through its generic XML
// writer, which cost the report more than the rest of its work together. The workbook, styles,
// zip and the sheet's other parts stay exceljs'. Texts are inline strings (`<is><t>`), which keep
// their line breaks in LibreOffice too (it prints a line break in a formula-string cell as nothing).
import ExcelJS from 'exceljs';
import { columnLetter } from './style.ts';
import { xmlCellText } from './writer.ts';

interface SheetInternals {
  stream: { write(data: Buffer): void };
  _rowZero: number;
  _workbook: { styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number } };
}

/** Characters of row XML gathered before a write into the sheet's stream. */
const FLUSH_AT = 16 * 1024;
/** Days from Excel's epoch (1899-12-30) to the Unix epoch. */
const EXCEL_EPOCH_DAYS = 25569;
const DAY_MS = 86_400_000;
/** Text whose spaces at either end would be dropped without xml:space="preserve". */
const EDGE_SPACE = /^\s|\s$/;

export type CellValue = string | number | Date | null | undefined;

export class RowXml {
  readonly #sheet: SheetInternals;
  readonly #letters: string[];
  #pending = '';
  #bytes = Buffer.allocUnsafe(4 * FLUSH_AT);

  /** `sheet`: a streaming sheet whose earlier rows are committed; `columns`: how many cells a row has. */
  constructor(sheet: ExcelJS.Worksheet, columns: number) {
    this.#sheet = sheet as unknown as SheetInternals;
    this.#letters = Array.from({ length: columns }, (_, i) => columnLetter(i + 1));
  }

  /** The workbook's id of a style (exceljs remembers it by the style object). */
  styleId(style: Partial<ExcelJS.Style>): number {
    return this.#sheet._workbook.styles.addStyleModel(style, ExcelJS.ValueType.String);
  }

  /** Row `r`: each cell in its style (an empty one too, for its borders). */
  row(r: number, values: readonly CellValue[], styles: readonly number[], height?: number): void {
    let xml = height ? `<row r="${r}" ht="${height}" customHeight="1">` : `<row r="${r}">`;
    const letters = this.#letters;
    for (let i = 0; i < letters.length; i++) {
      const v = values[i];
      const at = `<c r="${letters[i]}${r}" s="${styles[i]}"`;
      if (typeof v === 'string' && v !== '')
        xml += `${at} t="inlineStr"><is>${EDGE_SPACE.test(v) ? '<t xml:space="preserve">' : '<t>'}${xmlCellText(v)}</t></is></c>`;
      else if (typeof v === 'number') xml += `${at}><v>${v}</v></c>`;
      else if (v instanceof Date) xml += `${at}><v>${EXCEL_EPOCH_DAYS + v.getTime() / DAY_MS}</v></c>`;
      else xml += `${at}/>`;
    }
    this.#pending += `${xml}</row>`;
    if (this.#pending.length >= FLUSH_AT) this.flush();
  }

  /**
   * Hands the gathered rows to the sheet's stream; the sheet's next row then follows `last`. They
   * go as UTF-8 in one reused buffer, which the stream copies at once: no new buffer per write
   * (those live outside the heap until a collection and made most of the report's peak memory).
   */
  flush(last?: number): void {
    if (this.#pending) {
      const bytes = Buffer.byteLength(this.#pending);
      if (bytes > this.#bytes.length) this.#bytes = Buffer.allocUnsafe(bytes * 2);
      this.#bytes.write(this.#pending, 0, 'utf8');
      this.#sheet.stream.write(this.#bytes.subarray(0, bytes));
    }
    this.#pending = '';
    if (last !== undefined) this.#sheet._rowZero = last + 1;
  }
}
