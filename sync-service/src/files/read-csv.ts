// CSV text → grid. Russian Excel exports use `;`, others `,` or tabs: the delimiter is the one
// that splits the first lines most consistently. Quoted cells may span lines; record N is row N.
import type { Cell, Grid } from '@cluster/shared';
import { parse } from 'csv-parse/sync';
import { DEFAULT_LIMITS, overLimit, type ReadLimits } from './limits.ts';

export type Delimiter = ';' | ',' | '\t';
const CANDIDATES: readonly Delimiter[] = ['\t', ';', ','];

export interface CsvBounds {
  limits?: ReadLimits;
  /** File and sheet named in a limit's message. */
  file?: string;
  sheet?: string;
}

export function readCsvGrid(
  text: string,
  delimiter: Delimiter = detectDelimiter(text),
  bounds: CsvBounds = {},
): Grid {
  const limits = bounds.limits ?? DEFAULT_LIMITS;
  const file = bounds.file ?? 'CSV';
  const where = bounds.sheet ? `лист «${bounds.sheet}»` : undefined;
  let cells = 0;
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
    max_record_size: limits.cellChars * 4,
    // Checked per record as the parser goes, so an oversized file stops early.
    on_record: (record: string[], { lines }: { lines: number }) => {
      if (lines > limits.rows) throw overLimit(file, 'rows', lines, where, limits);
      let last = record.length;
      while (last > 0 && record[last - 1].trim() === '') last--;
      if (last > limits.columns) throw overLimit(file, 'columns', last, where, limits);
      for (let c = 0; c < last; c++)
        if (record[c] !== '' && ++cells > limits.cells) throw overLimit(file, 'cells', cells, where, limits);
      return record;
    },
  }) as string[][];
  const grid = toGrid(records);
  const size = grid.length * (grid[0]?.length ?? 0);
  if (size > limits.gridCells) throw overLimit(file, 'gridCells', size, where, limits);
  return grid;
}

/** Rectangular grid; blank cells are null; trailing empty rows and columns trimmed. */
export function toGrid(records: readonly (readonly string[])[]): Grid {
  let height = 0;
  let width = 0;
  for (let r = 0; r < records.length; r++) {
    const rec = records[r];
    for (let c = rec.length - 1; c >= 0; c--) {
      if (rec[c].trim() !== '') {
        if (c + 1 > width) width = c + 1;
        height = r + 1;
        break;
      }
    }
  }
  const grid: Grid = new Array(height);
  for (let r = 0; r < height; r++) {
    const rec = records[r];
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const v = rec[c];
      row[c] = v === undefined || v.trim() === '' ? null : v;
    }
    grid[r] = row;
  }
  return grid;
}

/**
 * The candidate whose count per line (outside quotes) is the same on the most lines of the
 * first 64 KB; ties go to tab, then `;`, then `,` (commas are common inside Russian text).
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number[]>(CANDIDATES.map((d) => [d, []]));
  const line = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let quoted = false;
  const end = Math.min(text.length, 65536);
  const flush = () => {
    for (const d of CANDIDATES) {
      counts.get(d)!.push(line.get(d)!);
      line.set(d, 0);
    }
  };
  for (let i = 0; i < end; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') flush();
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) line.set(ch, line.get(ch)! + 1);
  }
  flush();
  let best: Delimiter = ';';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const score = consistency(counts.get(d)!);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Lines sharing the most common non-zero count, with the count as a tie-break. */
function consistency(perLine: readonly number[]): number {
  const freq = new Map<number, number>();
  for (const n of perLine) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
  let best = 0;
  for (const [n, lines] of freq) best = Math.max(best, lines * 1000 + Math.min(n, 999));
  return best;
}
