// Tables typed as text: rows with `|` between cells (Markdown and the like), box-drawing tables
// (┌─┬─┐ │ ├─┼─┤ └─┴─┘) whose cells may run over several lines between rules, and the layout
// where each cell stands on its own line and rules separate the rows. The lines around the table
// (title, approval block) stay rows of one cell, so the core reads them as it reads a sheet.
import type { Cell, Grid } from '@cluster/shared';

export interface TextGrid {
  grid: Grid;
  /** The 1-based line of the text each grid row starts at. */
  lines: number[];
}

const BAR = /[|│┃║]/;
const BARS = /\s*[|│┃║]\s*/;
/** A rule: only frame characters, with a run of horizontal ones. */
const RULE_CHARS = /^[\s|│┃║+\-=_:─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫]+$/;
const RULE_RUN = /[-=_─━═]{3,}/;

function isRule(line: string): boolean {
  return RULE_CHARS.test(line) && RULE_RUN.test(line);
}

/** The cells of a piped line: the frame at both ends is dropped, blank cells are null. */
function cellsOf(line: string): Cell[] {
  let s = line.trim();
  if (BAR.test(s[0] ?? '')) s = s.slice(1);
  if (BAR.test(s[s.length - 1] ?? '')) s = s.slice(0, -1);
  return s.split(BARS).map((c) => (c.trim() === '' ? null : c.trim()));
}

/** The grid of a text table, or null when the text holds none (fewer than two framed lines). */
export function textTableGrid(lines: readonly string[]): TextGrid | null {
  const framed: number[] = [];
  for (let i = 0; i < lines.length; i++) if (BAR.test(lines[i]) || isRule(lines[i])) framed.push(i);
  const piped = framed.filter((i) => !isRule(lines[i]) && BAR.test(lines[i]));
  if (piped.length < 2) return null;
  const first = framed[0];
  const last = framed[framed.length - 1];
  const rows: Cell[][] = [];
  const at: number[] = [];
  const plain = (i: number) => {
    const text = lines[i].trim();
    rows.push([text === '' ? null : text]);
    at.push(i + 1);
  };
  for (let i = 0; i < first; i++) plain(i);
  // Groups of content lines between rules.
  const groups: number[][] = [];
  let group: number[] = [];
  let rules = 0;
  for (let i = first; i <= last; i++) {
    if (isRule(lines[i])) {
      rules++;
      if (group.length) groups.push(group);
      group = [];
    } else if (lines[i].trim() !== '') group.push(i);
  }
  if (group.length) groups.push(group);
  const multiLine = rules >= 2 && groups.some((g) => g.length > 1);
  for (const g of groups) {
    if (!multiLine) {
      for (const i of g) {
        rows.push(BAR.test(lines[i]) ? cellsOf(lines[i]) : [lines[i].trim()]);
        at.push(i + 1);
      }
      continue;
    }
    const split = g.map((i) => (BAR.test(lines[i]) ? cellsOf(lines[i]) : [lines[i].trim() || null]));
    if (split.every((cells) => cells.length <= 1)) {
      // One cell a line: the group is one row.
      rows.push(split.map((cells) => cells[0] ?? null));
    } else {
      // Cells running over several lines: each column's pieces joined line by line.
      const width = Math.max(...split.map((c) => c.length));
      const row: Cell[] = [];
      for (let c = 0; c < width; c++) {
        const parts = split.map((cells) => cells[c]).filter((v): v is string => typeof v === 'string');
        row.push(parts.length ? joinPieces(parts) : null);
      }
      rows.push(row);
    }
    at.push(g[0] + 1);
  }
  for (let i = last + 1; i < lines.length; i++) plain(i);
  let width = 0;
  for (const r of rows) width = Math.max(width, r.length);
  for (const r of rows) while (r.length < width) r.push(null);
  return { grid: rows, lines: at };
}

/** Pieces of one cell over several lines, one line each (as a multi-line cell of a sheet). */
function joinPieces(parts: readonly string[]): string {
  return parts.join('\n');
}
