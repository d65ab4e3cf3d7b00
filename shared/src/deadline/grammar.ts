// Reads a token list as a list of items, each a point («сентябрь 2018», «IV квартал 2017»,
// «15.12.2017») or a range of two points, and turns them into calendar spans. Years missing
// from a point come from its neighbours first, then from the context (plan period).
import { isoIfValid, isoOf, lastDayOfMonth, monthEnd, monthStart } from '../dates.ts';
import type { Token } from './lexer.ts';

export type Unit = 'day' | 'month' | 'quarter' | 'half' | 'decade' | 'year' | 'bare';

interface Atom {
  unit: Unit;
  y: number | null;
  /** Month for day/month/decade. */
  m: number;
  /** Day for day. */
  d: number;
  /** Number of a quarter, half-year, decade; the value of a bare number. */
  n: number;
}

type Item =
  | { shape: 'point'; a: Atom }
  /** «с 1 сентября 2021»: a start with no end. */
  | { shape: 'open'; a: Atom }
  | { shape: 'range'; a: Atom; b: Atom }
  | { shape: 'academic'; y1: number; y2: number };

export interface Span {
  start: string;
  end: string;
  /** 'range' for a range of two points, 'academic' for a named academic year, 'open' for «с …» alone. */
  shape: 'point' | 'open' | 'range' | 'academic';
  unit: Unit;
}

/** Picks a year for a month (1–12) that has none in the text; null when the context cannot tell. */
export type YearFor = (month: number) => number | null;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const isYear = (t: Token | undefined): t is { k: 'num'; v: number; digits: number } =>
  t !== undefined && t.k === 'num' && t.digits === 4 && t.v >= MIN_YEAR && t.v <= MAX_YEAR;

const ordinal = (t: Token | undefined): number =>
  t === undefined ? 0 : t.k === 'ord' ? t.v : t.k === 'num' && t.digits <= 2 ? t.v : 0;

const atom = (unit: Unit, y: number | null, m = 0, d = 0, n = 0): Atom => ({ unit, y, m, d, n });

/** One point from tokens [i, j) (year words already removed); null if they are not exactly one point. */
function readAtom(t: Token[], i: number, j: number): Atom | null {
  const len = j - i;
  if (len <= 0) return null;
  const a = t[i];
  const b = len > 1 ? t[i + 1] : undefined;
  // A trailing year, if any.
  const last = t[j - 1];
  const y = len > 1 && isYear(last) ? last.v : null;
  const core = y === null ? len : len - 1;

  if (a.k === 'date') return core === 1 && y === null ? atom('day', a.y, a.m, a.d) : null;
  if (a.k === 'dm') return core === 1 ? atom('day', y, a.m, a.d) : null;
  if (a.k === 'month') return core === 1 ? atom('month', y, a.m) : null;
  if (isYear(a)) return len === 1 ? atom('year', a.v) : null;
  const n = ordinal(a);
  if (n === 0) return null;
  if (core === 1) return n <= 31 ? atom('bare', y, 0, 0, n) : null;
  if (b === undefined) return null;
  if (b.k === 'month' && core === 2) return n <= 31 ? atom('day', y, b.m, n) : null;
  if (b.k === 'quarter' && core === 2) return n <= 4 ? atom('quarter', y, 0, 0, n) : null;
  if (b.k === 'half' && core === 2) return n <= 2 ? atom('half', y, 0, 0, n) : null;
  if (b.k === 'decade' && core === 3) {
    const c = t[i + 2];
    return n <= 3 && c.k === 'month' ? atom('decade', y, c.m, 0, n) : null;
  }
  return null;
}

/** Last month (1–12) a point covers: orders points inside a year. */
function endMonth(a: Atom): number {
  switch (a.unit) {
    case 'quarter':
      return a.n * 3;
    case 'half':
      return a.n * 6;
    case 'year':
      return 12;
    default:
      return a.m;
  }
}

/** A bare number on the left of a range takes its unit from the right: «I-II квартал», «с 1 по 15 мая». */
function inheritUnit(left: Atom, right: Atom): Atom | null {
  if (left.unit !== 'bare') return left;
  const n = left.n;
  switch (right.unit) {
    case 'quarter':
      return n <= 4 ? atom('quarter', left.y, 0, 0, n) : null;
    case 'half':
      return n <= 2 ? atom('half', left.y, 0, 0, n) : null;
    case 'day':
      return atom('day', left.y, right.m, n);
    case 'decade':
      return n <= 3 ? atom('decade', left.y, right.m, 0, n) : null;
    default:
      return null;
  }
}

function readItem(t: Token[], i: number, j: number): Item | null {
  let from = false;
  let start = i;
  if (t[start]?.k === 'from') {
    from = true;
    start++;
  }
  let academic = false;
  let split = -1;
  const kept: Token[] = [];
  for (let p = start; p < j; p++) {
    const tok = t[p];
    if (tok.k === 'yearword') continue;
    if (tok.k === 'academic') {
      academic = true;
      continue;
    }
    // «по» and «до» end a range after «с»; alone at the start they are filler («по 31.12.2021»).
    const isSplit = (tok.k === 'dash' || tok.k === 'to' || (tok.k === 'until' && from)) && kept.length > 0;
    if (isSplit) {
      if (split !== -1) return null;
      split = kept.length;
      continue;
    }
    if (tok.k === 'until' || tok.k === 'dash' || tok.k === 'to') continue;
    if (tok.k === 'from' || tok.k === 'sep' || tok.k === 'bad') return null;
    kept.push(tok);
  }
  if (academic) return readAcademic(kept, split);
  if (split === -1) {
    const a = readAtom(kept, 0, kept.length);
    if (!a || a.unit === 'bare') return null;
    return from ? { shape: 'open', a } : { shape: 'point', a };
  }
  const right = readAtom(kept, split, kept.length);
  const left0 = readAtom(kept, 0, split);
  if (!right || !left0 || right.unit === 'bare') return null;
  const left = inheritUnit(left0, right);
  if (!left) return null;
  return { shape: 'range', a: left, b: right };
}

/** «2018-2019 учебный год», «2021/22 уч. г.». */
function readAcademic(kept: Token[], split: number): Item | null {
  if (split !== 1 || kept.length !== 2 || !isYear(kept[0])) return null;
  const y1 = kept[0].v;
  const second = kept[1];
  if (second.k !== 'num') return null;
  const y2 = second.digits === 2 ? Math.floor(y1 / 100) * 100 + second.v : second.v;
  if (y2 <= y1 || y2 > MAX_YEAR) return null;
  return { shape: 'academic', y1, y2 };
}

/** Fills a missing year of `a` from a point `b` that has one, assuming `a` comes before `b`. */
function yearBefore(a: Atom, b: Atom): void {
  if (a.y === null && b.y !== null) a.y = endMonth(a) > endMonth(b) ? b.y - 1 : b.y;
}
/** Same, assuming `a` comes after `b`. */
function yearAfter(a: Atom, b: Atom): void {
  if (a.y === null && b.y !== null) a.y = endMonth(a) < endMonth(b) ? b.y + 1 : b.y;
}

function atomsOf(item: Item): Atom[] {
  return item.shape === 'range' ? [item.a, item.b] : item.shape === 'academic' ? [] : [item.a];
}

function fillYears(items: Item[], yearFor: YearFor): boolean {
  for (const item of items) {
    if (item.shape !== 'range') continue;
    yearBefore(item.a, item.b);
    yearAfter(item.b, item.a);
  }
  // A point without a year takes it from the next item that has one, else from the previous one.
  for (let i = 0; i < items.length; i++) {
    const atoms = atomsOf(items[i]);
    if (atoms.length === 0 || atoms.some((a) => a.y !== null)) continue;
    let donor: Atom | undefined;
    for (let k = i + 1; k < items.length && !donor; k++) donor = atomsOf(items[k]).find((a) => a.y !== null);
    if (donor) {
      for (const a of atoms) yearBefore(a, donor);
    } else {
      for (let k = i - 1; k >= 0 && !donor; k--) {
        const found = atomsOf(items[k]).filter((a) => a.y !== null);
        donor = found[found.length - 1];
      }
      if (donor) for (const a of atoms) yearAfter(a, donor);
    }
  }
  for (const item of items) {
    if (item.shape === 'academic') continue;
    if (item.shape === 'range' && item.a.y === null && item.b.y === null) {
      item.a.y = yearFor(endMonth(item.a));
      yearAfter(item.b, item.a);
    }
    for (const a of atomsOf(item)) {
      if (a.y === null) a.y = yearFor(endMonth(a));
      if (a.y === null) return false;
    }
  }
  return true;
}

/** [start, end] of a point with its year known; null when it is not a real date. */
function spanOf(a: Atom): [string, string] | null {
  const y = a.y;
  if (y === null || y < MIN_YEAR || y > MAX_YEAR) return null;
  switch (a.unit) {
    case 'day': {
      const iso = isoIfValid(y, a.m, a.d);
      return iso ? [iso, iso] : null;
    }
    case 'month':
      return a.m >= 1 && a.m <= 12 ? [monthStart(y, a.m), monthEnd(y, a.m)] : null;
    case 'quarter':
      return [monthStart(y, a.n * 3 - 2), monthEnd(y, a.n * 3)];
    case 'half':
      return [monthStart(y, a.n * 6 - 5), monthEnd(y, a.n * 6)];
    case 'decade': {
      if (a.m < 1 || a.m > 12) return null;
      const first = (a.n - 1) * 10 + 1;
      const last = a.n === 3 ? lastDayOfMonth(y, a.m) : a.n * 10;
      return [isoOf(y, a.m, first), isoOf(y, a.m, last)];
    }
    case 'year':
      return [isoOf(y, 1, 1), isoOf(y, 12, 31)];
    default:
      return null;
  }
}

/**
 * Spans of a token list split by separators; null when any part is not a point or range it
 * can read, or a year cannot be told. Every span is a real calendar range with start ≤ end.
 */
export function readSpans(tokens: Token[], yearFor: YearFor): Span[] | null {
  const spans = readSpansOnce(tokens, yearFor);
  if (spans) return spans;
  // «Май 2021 г. Октябрь 2021 г.», «15.12.2017 30.01.2018»: points written one after another.
  const split = splitAfterPoints(tokens);
  return split ? readSpansOnce(split, yearFor) : null;
}

const STARTS_POINT = new Set<Token['k']>(['date', 'dm', 'month', 'ord', 'num']);

/** Tokens with a separator after each full date or year that another point follows; null if none. */
function splitAfterPoints(tokens: Token[]): Token[] | null {
  const out: Token[] = [];
  let added = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    out.push(t);
    let j = i + 1;
    while (j < tokens.length && tokens[j].k === 'yearword') j++;
    const next = tokens[j];
    if (next && (t.k === 'date' || isYear(t)) && STARTS_POINT.has(next.k) && !isYear(next)) {
      out.push({ k: 'sep' });
      added = true;
    }
  }
  return added ? out : null;
}

function readSpansOnce(tokens: Token[], yearFor: YearFor): Span[] | null {
  const items: Item[] = [];
  let begin = 0;
  for (let p = 0; p <= tokens.length; p++) {
    if (p < tokens.length && tokens[p].k !== 'sep') continue;
    if (p > begin) {
      const item = readItem(tokens, begin, p);
      if (!item) {
        // A part made only of filler (year words, «до») is not an item.
        if (!onlyFiller(tokens, begin, p)) return null;
      } else items.push(item);
    }
    begin = p + 1;
  }
  mergeLoneYears(items);
  if (items.length === 0) return null;
  if (!fillYears(items, yearFor)) return null;
  const spans: Span[] = [];
  for (const item of items) {
    if (item.shape === 'academic') {
      spans.push({
        start: isoOf(item.y1, 9, 1),
        end: isoOf(item.y2, 8, 31),
        shape: 'academic',
        unit: 'year',
      });
      continue;
    }
    const a = spanOf(item.a);
    if (!a) return null;
    if (item.shape === 'point' || item.shape === 'open') {
      spans.push({ start: a[0], end: a[1], shape: item.shape, unit: item.a.unit });
      continue;
    }
    const b = spanOf(item.b);
    if (!b || a[0] > b[1]) return null;
    spans.push({ start: a[0], end: b[1], shape: 'range', unit: item.b.unit });
  }
  return spans;
}

/** «Сентябрь, 2018»: a year alone after a point without one is that point's year. */
function mergeLoneYears(items: Item[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const item = items[i];
    if (item.shape !== 'point' || item.a.unit !== 'year') continue;
    const before = atomsOf(items[i - 1]);
    if (before.length === 0 || before.some((a) => a.y !== null || a.unit === 'year')) continue;
    const last = before[before.length - 1];
    last.y = item.a.y;
    for (const a of before) if (a !== last) yearBefore(a, last);
    items.splice(i, 1);
  }
}

function onlyFiller(t: Token[], i: number, j: number): boolean {
  for (let p = i; p < j; p++) {
    const k = t[p].k;
    if (k !== 'yearword' && k !== 'until' && k !== 'to' && k !== 'dash' && k !== 'from') return false;
  }
  return true;
}
