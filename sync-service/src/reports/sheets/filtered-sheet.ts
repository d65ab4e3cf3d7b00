// A streamed sheet with a one-row header and an autofilter over everything written, whose range
// is also named `_xlnm._FilterDatabase` (without it LibreOffice drops the filter).
import type ExcelJS from 'exceljs';
import {
  addStyledRow,
  type Column,
  columnLetter,
  sheetOptions,
  writeEmptyNote,
  writeHeader,
} from '../xlsx/style.ts';

export class FilteredSheet {
  readonly sheet: ExcelJS.Worksheet;
  readonly #columns: Column[];
  #rows = 1;

  readonly #empty: boolean;

  /** `empty`: the note written instead of the header when it is known no row will come. */
  constructor(workbook: ExcelJS.Workbook, name: string, columns: Column[], footer: string, empty?: string) {
    this.#columns = columns;
    this.#empty = empty !== undefined;
    this.sheet = workbook.addWorksheet(name, sheetOptions({ headerRow: 1, footer }));
    if (empty !== undefined) {
      this.sheet.columns = [{ width: 100 }];
      writeEmptyNote(this.sheet, empty);
    } else writeHeader(this.sheet, columns, 1);
  }

  /** No filter on a sheet that only says it is empty. */
  get filtered(): boolean {
    return !this.#empty;
  }

  /** Adds a row styled by its column; the caller may restyle cells before committing it. */
  protected addRow(values: (string | number | Date | null)[]): ExcelJS.Row {
    this.#rows++;
    return addStyledRow(this.sheet, values, this.#columns);
  }

  /** The filter's range, `$A$1:$L$n`. */
  get range(): string {
    return `$A$1:$${columnLetter(this.#columns.length)}$${this.#rows}`;
  }

  finish(): void {
    if (!this.#empty) this.sheet.autoFilter = `A1:${columnLetter(this.#columns.length)}${this.#rows}`;
    this.sheet.commit();
  }
}
