// Finding a table's header row(s) and telling what each column holds.
import type { Cell, ColumnRole } from '../model.ts';
import { cellText, foldText, oneLine } from '../text.ts';
import { isSectionText } from './sections.ts';

export interface HeaderColumn {
  /** 1-based column. */
  column: number;
  role: ColumnRole;
  /** TableHeader text as the user wrote it (both header rows joined). */
  header: string;
}

export interface TableHeader {
  /** 1-based row of the first header row. */
  row: number;
  /** 1 or 2. */
  rows: number;
  columns: HeaderColumn[];
  /** 0-based index of the column for each known role, -1 when absent. */
  index: Record<Exclude<ColumnRole, 'extra'>, number>;
  /** The header names a protocol's decisions (Решение / Поручение / Дата протокола). */
  decisions: boolean;
}

// Order matters: «Срок начала» is a start, «Срок исполнения» a deadline, «Отметка об исполнении» a mark.
const ROLE_PATTERNS: [Exclude<ColumnRole, 'extra'>, RegExp][] = [
  [
    'number',
    // «п/п» with any slash, a backslash, a bar or a dot between the letters, spaced or not.
    /^(№|n°?|#|no\.?)(\s*п\s*[/\\|.⁄∕]?\s*п\.?)?$|^п\s*[/\\|⁄∕]\s*п$|^номер( п\s*[/\\]\s*п| пункта)?$|^№\s*(пункта|мероприятия|п\.?)$/,
  ],
  ['result', /^форма (отч|заверш|предст)|^итоговый документ/],
  ['start', /начал|^с$|^дата с$/],
  ['end', /окончан|завершен|^по$|^дата по$/],
  [
    'mark',
    /отметк|^статус|^выполнен|^исполнени|^ход (выполнения|исполнения)|^(информация|отчет) о(б)? (выполнении|исполнении)/,
  ],
  ['deadline', /срок|^дата( исполнения| выполнения| проведения)?$|^период|^когда|^время проведения/],
  ['executors', /исполнител|ответственн|^отв\.|^кто /],
  ['result', /результат|форма отч|отчетн|^итог|^продукт|^показател/],
  [
    'title',
    /наименование|мероприяти|^содержание|^решени|^поручени|^вопрос|^название|^действи|^пункт|^перечень|^тема|^вид(ы)? (работ|деятельност)|^(основные |приоритетные )?направлени[яе] (деятельности|работы)/,
  ],
];

// Columns that look like a known one but are not: co-executors, participants, notes.
const NOT_A_ROLE = /^соисполн|^участник|^примечан/;
const DECISION_HEADER = /^решени|^поручени|протокол/;
/** Longer cells are never header labels. */
export const MAX_HEADER_CELL = 80;

// Data cells repeat a lot («КС», «март 2021», «выполнено»): remember answers, within a bound.
const roleCache = new Map<string, Exclude<ColumnRole, 'extra'> | null>();
const ROLE_CACHE_LIMIT = 4096;

/** Role a header text names, or null. */
export function classifyHeader(text: string): Exclude<ColumnRole, 'extra'> | null {
  const cached = roleCache.get(text);
  if (cached !== undefined) return cached;
  const role = classifyUncached(text);
  if (roleCache.size >= ROLE_CACHE_LIMIT) roleCache.clear();
  roleCache.set(text, role);
  return role;
}

function classifyUncached(text: string): Exclude<ColumnRole, 'extra'> | null {
  if (text.length > MAX_HEADER_CELL * 2) return null;
  const t = foldText(text.replace(/\*+/g, ''));
  if (!t || t.length > MAX_HEADER_CELL || NOT_A_ROLE.test(t)) return null;
  for (const [role, re] of ROLE_PATTERNS) if (re.test(t)) return role;
  return null;
}

const EMPTY_INDEX = (): TableHeader['index'] => ({
  number: -1,
  title: -1,
  executors: -1,
  deadline: -1,
  start: -1,
  end: -1,
  result: -1,
  mark: -1,
});

/** Builds column roles from header labels; the first column of a role wins, repeats become extra. */
function assignRoles(labels: string[]): {
  columns: HeaderColumn[];
  index: TableHeader['index'];
  decisions: boolean;
} {
  const index = EMPTY_INDEX();
  const columns: HeaderColumn[] = [];
  let decisions = false;
  for (let c = 0; c < labels.length; c++) {
    const header = labels[c];
    if (!header) continue;
    const role = classifyHeader(header);
    if (DECISION_HEADER.test(foldText(header))) decisions = true;
    if (role && index[role] === -1) {
      index[role] = c;
      columns.push({ column: c + 1, role, header });
    } else columns.push({ column: c + 1, role: 'extra', header });
  }
  return { columns, index, decisions };
}

/** Numbers often stand in a first column with no header at all; taken only once the header is accepted. */
function withNumberColumn<T extends Omit<TableHeader, 'row' | 'rows'>>(h: T, labels: string[]): T {
  if (h.index.number !== -1 || h.index.title <= 0 || labels[0]) return h;
  return {
    ...h,
    index: { ...h.index, number: 0 },
    columns: [{ column: 1, role: 'number', header: '' }, ...h.columns],
  };
}

function isHeaderLike(index: TableHeader['index']): boolean {
  const has = (r: keyof TableHeader['index']): boolean => index[r] !== -1;
  const known = (Object.keys(index) as (keyof TableHeader['index'])[]).filter(has).length;
  const when = has('deadline') || has('start') || has('end');
  if (has('title')) return known >= 2 && (when || has('executors') || has('result') || has('number'));
  return known >= 3 && when && has('executors');
}

/** Header labels of one grid row, or null when the row does not read as a table header. */
export function headerLabels(row: readonly Cell[]): string[] | null {
  let short = 0;
  const labels: string[] = new Array(row.length);
  for (let c = 0; c < row.length; c++) {
    const t = oneLine(cellText(row[c]).replace(/\*+/g, ''));
    labels[c] = t;
    if (t && t.length <= MAX_HEADER_CELL) short++;
  }
  if (short < 2) return null;
  return labels;
}

/** Reads row r (0-based) as a header; looks at r+1 for a second header row. */
export function readHeader(grid: readonly (readonly Cell[])[], r: number): TableHeader | null {
  const top = headerLabels(grid[r] ?? []);
  if (!top) return null;
  const one = assignRoles(top);
  if (!isHeaderLike(one.index)) return null;
  const below = grid[r + 1];
  if (below && isSubHeader(top, below)) {
    const labels = combine(top, below);
    const two = assignRoles(labels);
    if (isHeaderLike(two.index)) return { row: r + 1, rows: 2, ...withNumberColumn(two, labels) };
  }
  return { row: r + 1, rows: 1, ...withNumberColumn(one, top) };
}

const SUB_WORDS =
  /начал|оконч|заверш|^план|^факт|^дата|^с$|^по$|срок|^ф\.?и\.?о|должност|организац|^№|^номер|документ|реквизит/;
const ITEM_NUMBER = /^\d{1,3}(\.\d{1,3})*\.?$/;

/** The row under a header is a second header row when every filled cell reads as a header word. */
function isSubHeader(top: string[], below: readonly Cell[]): boolean {
  let filled = 0;
  let adds = false;
  for (let c = 0; c < below.length; c++) {
    const t = oneLine(cellText(below[c]));
    if (!t) continue;
    filled++;
    if (ITEM_NUMBER.test(t) || t.length > 40 || isSectionText(t)) return false;
    const same = t === (top[c] ?? '');
    if (!same && !SUB_WORDS.test(foldText(t)) && !classifyHeader(t)) return false;
    if (!same) adds = true;
  }
  return filled > 0 && adds;
}

/** Joins two header rows per column; a top cell merged across columns arrives blank and is carried right. */
function combine(top: string[], below: readonly Cell[]): string[] {
  const width = Math.max(top.length, below.length);
  const out: string[] = new Array(width);
  let carried = '';
  for (let c = 0; c < width; c++) {
    const sub = oneLine(cellText(below[c]));
    let t = top[c] ?? '';
    if (t) carried = t;
    else if (sub && carried && c > 0 && oneLine(cellText(below[c - 1]))) t = carried;
    else carried = '';
    out[c] = !sub || sub === t ? t : t ? `${t} ${sub}` : sub;
  }
  return out;
}

/** A row of column numbers under the header: 1 | 2 | 3 … */
export function isColumnNumbersRow(row: readonly Cell[]): boolean {
  let filled = 0;
  let prev = 0;
  for (const cell of row) {
    const t = cellText(cell).trim();
    if (!t) continue;
    if (!/^\d{1,2}\.?$/.test(t)) return false;
    const n = Number.parseInt(t, 10);
    if (n <= prev) return false;
    prev = n;
    filled++;
  }
  return filled >= 2;
}
