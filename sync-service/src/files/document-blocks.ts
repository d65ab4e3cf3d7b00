// What a word-processor document is made of, as the readers of .docx and .odt give it: the body's
// paragraphs and tables in order. A table is a grid whose cells covered by a merge (horizontal or
// vertical) are null, as the sheet reader gives merged cells. Limits are checked as rows arrive.
import { overLimit, type ReadLimits } from './limits.ts';

export type TextCell = string | null;

export type Block =
  | { kind: 'paragraph'; text: string }
  | {
      kind: 'table';
      rows: TextCell[][];
      /** 1-based index of the table among the body's tables. */
      index: number;
    };

/**
 * Collects blocks while a SAX reader walks the body. Tables inside a table cell are flattened
 * into the cell's text (one line per inner paragraph), as a reader of the printed page sees them.
 */
export class BlockBuilder {
  readonly blocks: Block[] = [];
  private readonly file: string;
  private readonly limits: ReadLimits;
  private tables = 0;
  private depth = 0;
  private rows: TextCell[][] = [];
  private row: TextCell[] = [];
  private blankRows = 0;
  private column = 0;
  private cellLines: string[] | null = null;
  private cellSpan = 1;
  private cellCovered = false;
  private cells = 0;

  constructor(file: string, limits: ReadLimits) {
    this.file = file;
    this.limits = limits;
  }

  /** A finished paragraph (with its list label already in front). */
  paragraph(text: string): void {
    if (this.depth > 0 && this.cellLines) this.cellLines.push(text);
    else if (this.depth === 0) this.blocks.push({ kind: 'paragraph', text });
  }

  startTable(): void {
    this.depth++;
    if (this.depth === 1) {
      this.rows = [];
      this.blankRows = 0;
    }
  }

  endTable(): void {
    this.depth--;
    if (this.depth === 0) {
      this.tables++;
      this.blocks.push({ kind: 'table', rows: this.rows, index: this.tables });
      this.rows = [];
    }
  }

  get inTable(): boolean {
    return this.depth > 0;
  }

  /** Starts a row of the outer table; `skip` empty grid columns first (Word's gridBefore). */
  startRow(skip = 0): void {
    if (this.depth !== 1) return;
    this.row = [];
    this.column = 0;
    for (let i = 0; i < skip; i++) this.push(null);
  }

  /** Ends a row; `repeat` identical rows (ODT's number-rows-repeated) are counted, blank ones lazily. */
  endRow(repeat = 1): void {
    if (this.depth !== 1) return;
    const row = this.row;
    if (row.every((c) => c === null)) {
      this.blankRows += repeat;
      return;
    }
    const count = this.rows.length + this.blankRows + repeat;
    if (count > this.limits.rows) throw overLimit(this.file, 'rows', count, this.where(), this.limits);
    for (; this.blankRows > 0; this.blankRows--) this.rows.push([]);
    for (let i = 0; i < repeat; i++) this.rows.push(i === 0 ? row : [...row]);
  }

  /** Starts a cell spanning `span` grid columns; a covered cell (merge continuation) reads as null. */
  startCell(span = 1, covered = false): void {
    if (this.depth !== 1) {
      return;
    }
    this.cellLines = [];
    this.cellSpan = Math.max(1, span);
    this.cellCovered = covered;
  }

  /** Ends the cell; `repeat` copies of it (ODT's number-columns-repeated). */
  endCell(repeat = 1): void {
    if (this.depth !== 1 || !this.cellLines) return;
    const text = this.cellLines.join('\n').trim();
    const value = this.cellCovered || text === '' ? null : text;
    this.cellLines = null;
    if (value === null) {
      // Blank cells only move the column on; a huge repeat of blanks costs nothing.
      this.column += this.cellSpan * repeat;
      return;
    }
    if (value.length > this.limits.cellChars)
      throw overLimit(this.file, 'cellChars', value.length, this.where(), this.limits);
    for (let i = 0; i < repeat; i++) {
      this.push(value);
      for (let s = 1; s < this.cellSpan; s++) this.push(null);
    }
  }

  private push(value: TextCell): void {
    this.column++;
    if (value === null) return;
    if (this.column > this.limits.columns)
      throw overLimit(this.file, 'columns', this.column, this.where(), this.limits);
    if (++this.cells > this.limits.cells)
      throw overLimit(this.file, 'cells', this.cells, this.where(), this.limits);
    while (this.row.length < this.column - 1) this.row.push(null);
    this.row[this.column - 1] = value;
  }

  private where(): string {
    return `таблица ${this.tables + 1}`;
  }
}
