// Blocks of a Word or ODT document → the domain core's documents. Each table is read with the
// paragraphs above it (since the previous table) as its title and approval block; a table that
// repeats the previous one's header after a page break continues it; `row` is the row within
// the table (header = 1) and `table` the table's index when the body has several. A document
// with no table the core recognises is read as text (a protocol), list labels included.
import {
  type Cell,
  type Document,
  type Grid,
  type ReadOptions,
  readText,
  recognizeTables,
} from '@cluster/shared';
import type { Block, TextCell } from './document-blocks.ts';

export type DocumentReadOptions = ReadOptions & { title: string };

type TableBlock = Extract<Block, { kind: 'table' }>;

export function documentsFromBlocks(blocks: readonly Block[], opts: DocumentReadOptions): Document[] {
  const merged = joinContinuations(blocks);
  const tableCount = merged.filter((b) => b.kind === 'table').length;
  const documents: Document[] = [];
  let preamble: TextCell[][] = [];
  for (const block of merged) {
    if (block.kind === 'paragraph') {
      for (const line of block.text.split('\n')) preamble.push([line.trim() === '' ? null : line.trim()]);
      continue;
    }
    const grid = rectangular([...preamble, ...block.rows]);
    const docs = recognizeTables(grid, opts);
    // Only what lies in the table counts: a header found in the paragraphs is not this table's.
    const own = docs.filter((d) => (d.table?.headerRow ?? 0) > preamble.length);
    if (own.length === 0) {
      // A layout table (approval blocks side by side) belongs to the next table's preamble.
      preamble.push(...block.rows);
      continue;
    }
    for (const doc of own)
      documents.push(shift(doc, preamble.length, tableCount > 1 ? block.index : undefined));
    preamble = [];
  }
  if (documents.length > 0) return documents;
  return readText(documentText(merged), opts);
}

/** The text of the document as a reader sees it: paragraphs, and table rows as tab-separated lines. */
export function documentText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') lines.push(b.text);
    else for (const row of b.rows) lines.push(row.map((c) => (c ?? '').replace(/\s*\n\s*/g, ' ')).join('\t'));
  }
  return lines.join('\n');
}

/** Items' rows (and the table's) counted from the table's first row instead of the grid's. */
function shift(doc: Document, offset: number, table: number | undefined): Document {
  const items = doc.items.map((item) => ({
    ...item,
    row: item.row - offset,
    ...(table === undefined ? {} : { table }),
  }));
  const out: Document = { ...doc, items };
  if (doc.unplaced) out.unplaced = doc.unplaced.map((u) => ({ ...u, row: u.row - offset }));
  if (doc.table)
    out.table = {
      ...doc.table,
      headerRow: doc.table.headerRow - offset,
      firstRow: doc.table.firstRow - offset,
      lastRow: doc.table.lastRow - offset,
    };
  return out;
}

/**
 * A table that follows another with only blank paragraphs between and starts with the same
 * header row(s) is its continuation after a page break: its rows are appended, the repeated
 * header (and a repeated row of column numbers) dropped.
 */
function joinContinuations(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  let last: TableBlock | null = null;
  let blanks: Block[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      if (block.text.trim() === '' && last) blanks.push(block);
      else {
        out.push(...blanks, block);
        blanks = [];
        last = null;
      }
      continue;
    }
    const repeated = last ? repeatedHeader(last.rows, block.rows) : 0;
    if (last && repeated > 0) {
      last.rows.push(...block.rows.slice(repeated));
      blanks = [];
      continue;
    }
    out.push(...blanks);
    blanks = [];
    last = { kind: 'table', rows: [...block.rows], index: block.index };
    out.push(last);
  }
  out.push(...blanks);
  return out;
}

/** How many leading rows of `next` repeat leading rows of `first` (0 if the first does not). */
function repeatedHeader(first: readonly TextCell[][], next: readonly TextCell[][]): number {
  let n = 0;
  while (n < next.length && n < first.length && n < 3 && sameRow(first[n], next[n])) n++;
  // One repeated row that holds only numbers (a row of column numbers) is not a header.
  if (n === 0 || (n === 1 && next[0].every((c) => c === null || /^\d+$/.test(c.trim())))) return 0;
  return n;
}

function sameRow(a: readonly TextCell[], b: readonly TextCell[]): boolean {
  const norm = (c: TextCell | undefined) => (c ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const width = Math.max(a.length, b.length);
  let filled = 0;
  for (let i = 0; i < width; i++) {
    if (norm(a[i]) !== norm(b[i])) return false;
    if (norm(a[i]) !== '') filled++;
  }
  return filled >= 2;
}

function rectangular(rows: readonly TextCell[][]): Grid {
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  return rows.map((r) => {
    const row: Cell[] = r.slice();
    while (row.length < width) row.push(null);
    return row;
  });
}
