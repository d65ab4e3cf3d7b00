// A list sheet that prints legibly: its rows grouped under a bold heading per document (and a
// sub-heading per section), so titles are not repeated on every row; one header row repeated on
// each printed page; an autofilter (named `_xlnm._FilterDatabase`, without which LibreOffice drops
// it); one line instead of a table when no row comes. A list longer than a sheet holds continues on
// «Name (2)», «Name (3)» …, each with its header and the current document's heading again.
import type ExcelJS from 'exceljs';
import { type CellValue, RowXml } from './row-xml.ts';
import {
  addEmptySheet,
  type Column,
  columnLetter,
  GROUP,
  SECTION,
  sheetOptions,
  text,
  textHeight,
  wrappedHeight,
  writeHeader,
} from './style.ts';
import type { ReportWorkbookWriter } from './writer.ts';

/** Rows in an Excel sheet, the header included. */
export const EXCEL_MAX_ROWS = 1_048_576;

export interface ListSetup {
  name: string;
  columns: Column[];
  footer: string;
  /** The line an empty list shows instead of its table. */
  empty: string;
  /** Rows per sheet (tests lower it); at least 5. */
  rowLimit?: number;
}

/** The name of a list's `part`-th sheet (1-based): the first keeps the list's name. */
export const partName = (name: string, part: number): string => (part === 1 ? name : `${name} (${part})`);

const CONTINUED = ' (продолжение)';

export class ListSheet {
  readonly #workbook: ReportWorkbookWriter;
  readonly #setup: ListSetup;
  readonly #limit: number;
  readonly #width: number;
  readonly #last: string;
  #sheet: ExcelJS.Worksheet | null = null;
  #xml: RowXml | null = null;
  /** Style ids of the columns, and a copy for a row with one cell restyled. */
  #styles: number[] = [];
  #restyled: number[] = [];
  #merges: string[] = [];
  #part = 0;
  #rows = 0;
  #group: string | null = null;
  #section: string | null = null;
  #count = 0;

  constructor(workbook: ReportWorkbookWriter, setup: ListSetup) {
    this.#workbook = workbook;
    this.#setup = setup;
    this.#limit = Math.max(5, setup.rowLimit ?? EXCEL_MAX_ROWS);
    this.#width = setup.columns.reduce((sum, c) => sum + c.width, 0);
    this.#last = columnLetter(setup.columns.length);
  }

  /** The sheet being written (for flow control); null before the first row. */
  get sheet(): ExcelJS.Worksheet | null {
    return this.#sheet;
  }

  /** Rows listed (headings not counted). */
  get count(): number {
    return this.#count;
  }

  /**
   * Starts a document's group (a heading row) when `group` differs from the current one, and a
   * section's (a sub-heading) when `section` does; an empty section writes none.
   */
  group(group: string, section = ''): void {
    if (group !== this.#group || !this.#sheet) {
      // A heading, its section and one row fit on this sheet, or all go to the next (which then
      // repeats no heading: the group is new).
      this.#group = null;
      this.#section = null;
      this.#room(3);
      this.#group = group;
      this.#heading(group, GROUP);
    }
    if (section !== (this.#section ?? '')) {
      this.#section = null;
      this.#room(2);
      this.#section = section;
      if (section) this.#heading(section, SECTION);
    }
  }

  /** Adds a row styled by its columns; `restyle` overrides one cell's style (0-based column). */
  add(values: readonly CellValue[], restyle?: readonly [number, Partial<ExcelJS.Style>]): void {
    this.#room(1);
    const xml = this.#xml!;
    let styles = this.#styles;
    if (restyle) {
      styles = this.#restyled;
      styles[restyle[0]] = xml.styleId(restyle[1]);
    }
    xml.row(++this.#rows, values, styles, wrappedHeight(values, this.#setup.columns));
    if (restyle) styles[restyle[0]] = this.#styles[restyle[0]];
    this.#count++;
  }

  /** Ends the list: the last sheet's filter, or the empty note when nothing was listed. */
  finish(): void {
    if (!this.#sheet) {
      addEmptySheet(this.#workbook, this.#setup.name, this.#setup.footer, this.#setup.empty);
      return;
    }
    this.#close();
  }

  /** Moves to the next sheet unless `rows` more fit on this one. */
  #room(rows: number): void {
    if (this.#sheet && this.#rows + rows <= this.#limit) return;
    if (this.#sheet) this.#close();
    this.#open();
  }

  #open(): void {
    this.#part++;
    const name = partName(this.#setup.name, this.#part);
    this.#sheet = this.#workbook.addWorksheet(
      name,
      sheetOptions({ headerRow: 1, footer: this.#setup.footer }),
    );
    this.#merges = (this.#sheet as unknown as { _merges: string[] })._merges;
    writeHeader(this.#sheet, this.#setup.columns, 1);
    this.#rows = 1;
    const xml = new RowXml(this.#sheet, this.#setup.columns.length);
    this.#xml = xml;
    this.#styles = this.#setup.columns.map((c) => xml.styleId(c.style));
    this.#restyled = [...this.#styles];
    // A continued document keeps its heading (and section) at the top of the next sheet.
    if (this.#group !== null) {
      this.#heading(text(this.#group + CONTINUED), GROUP);
      if (this.#section) this.#heading(this.#section, SECTION);
    }
  }

  #close(): void {
    const sheet = this.#sheet!;
    this.#xml!.flush(this.#rows);
    this.#xml = null;
    const range = `A1:${this.#last}${this.#rows}`;
    sheet.autoFilter = range;
    this.#workbook.addLocalName({
      name: '_xlnm._FilterDatabase',
      sheet: sheet.name,
      range: `$A$1:$${this.#last}$${this.#rows}`,
    });
    sheet.commit();
    this.#sheet = null;
  }

  /** A heading row: one cell merged over the table's width, tall enough for its wrapped text. */
  #heading(title: string, style: Partial<ExcelJS.Style>): void {
    const xml = this.#xml!;
    const r = ++this.#rows;
    // Every cell of the merge styled alike: borders and fill show whole, the font is named on each.
    const id = xml.styleId(style);
    xml.row(
      r,
      [title],
      this.#styles.map(() => id),
      textHeight(title, this.#width, true),
    );
    // exceljs' mergeCells checks every earlier merge (quadratic over a long list); these never overlap.
    this.#merges.push(`A${r}:${this.#last}${r}`);
  }
}
