// A small evaluator of Sheets formulas, enough for conditional-format custom formulas: numbers,
// "strings", A1 references ($ anchors; relative ones shift from the rule range's top-left),
// + - * / & = <> < > <= >=, and AND OR NOT IF ISNUMBER ISBLANK TODAY N. Anything else throws.

export type Value = number | string | boolean;

export interface FormulaEnv {
  /** Value of a sheet cell: numbers (dates as serials), strings, booleans; '' when empty. */
  cell(row: number, column: number): Value;
  /** TODAY() as a serial. */
  today: number;
}

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; col: number; row: number; absCol: boolean; absRow: boolean }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'neg'; a: Node };

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"]|"")*")|(\$?[A-Z]+\$?\d+)|([A-Z][A-Z0-9.]*)\s*\(|(<=|>=|<>|[-+*/&=<>(),]))/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) throw new Error(`formula: cannot read «${src.slice(i)}» in ${src}`);
    out.push(m[4] !== undefined ? `${m[4]}(` : m[0].trim());
    i = TOKEN.lastIndex;
  }
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function parseFormula(formula: string): Node {
  const src = formula.startsWith('=') ? formula.slice(1) : formula;
  const toks = tokenize(src);
  let p = 0;
  const peek = (): string | undefined => toks[p];
  const take = (want?: string): string => {
    const t = toks[p++];
    if (want !== undefined && t !== want)
      throw new Error(`formula: expected ${want}, got ${t} in ${formula}`);
    return t;
  };
  const cmp = (): Node => {
    let a = concat();
    while (['=', '<>', '<', '>', '<=', '>='].includes(peek() ?? '')) {
      const op = take();
      a = { t: 'bin', op, a, b: concat() };
    }
    return a;
  };
  const concat = (): Node => {
    let a = add();
    while (peek() === '&') {
      take();
      a = { t: 'bin', op: '&', a, b: add() };
    }
    return a;
  };
  const add = (): Node => {
    let a = mul();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      a = { t: 'bin', op, a, b: mul() };
    }
    return a;
  };
  const mul = (): Node => {
    let a = unary();
    while (peek() === '*' || peek() === '/') {
      const op = take();
      a = { t: 'bin', op, a, b: unary() };
    }
    return a;
  };
  const unary = (): Node => {
    if (peek() === '-') {
      take();
      return { t: 'neg', a: unary() };
    }
    return atom();
  };
  const atom = (): Node => {
    const t = take();
    if (t === undefined) throw new Error(`formula: unexpected end of ${formula}`);
    if (t === '(') {
      const e = cmp();
      take(')');
      return e;
    }
    if (/^\d/.test(t)) return { t: 'num', v: Number(t) };
    if (t.startsWith('"')) return { t: 'str', v: t.slice(1, -1).replace(/""/g, '"') };
    if (t.endsWith('(')) {
      const args: Node[] = [];
      if (peek() !== ')') {
        args.push(cmp());
        while (peek() === ',') {
          take();
          args.push(cmp());
        }
      }
      take(')');
      return { t: 'call', name: t.slice(0, -1), args };
    }
    const m = /^(\$?)([A-Z]+)(\$?)(\d+)$/.exec(t);
    if (m)
      return {
        t: 'ref',
        absCol: m[1] === '$',
        col: colNumber(m[2]),
        absRow: m[3] === '$',
        row: Number(m[4]),
      };
    throw new Error(`formula: unexpected «${t}» in ${formula}`);
  };
  const node = cmp();
  if (p !== toks.length) throw new Error(`formula: trailing «${toks.slice(p).join('')}» in ${formula}`);
  return node;
}

const num = (v: Value): number =>
  typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v === '' ? 0 : Number.NaN;

function compare(a: Value, b: Value): number {
  if (a === '' && typeof b === 'number') a = 0;
  if (b === '' && typeof a === 'number') b = 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  // Sheets orders numbers < strings < booleans.
  const rank = (v: Value): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  return rank(a) - rank(b);
}

/** Evaluates `formula` for the cell (row, column) of a rule whose range starts at (row0, col0). */
export function evaluate(
  node: Node,
  env: FormulaEnv,
  row: number,
  column: number,
  row0: number,
  col0: number,
): Value {
  const ev = (n: Node): Value => {
    switch (n.t) {
      case 'num':
      case 'str':
        return n.v;
      case 'neg':
        return -num(ev(n.a));
      case 'ref':
        return env.cell(n.absRow ? n.row : n.row + (row - row0), n.absCol ? n.col : n.col + (column - col0));
      case 'bin': {
        const a = ev(n.a);
        const b = ev(n.b);
        switch (n.op) {
          case '+':
            return num(a) + num(b);
          case '-':
            return num(a) - num(b);
          case '*':
            return num(a) * num(b);
          case '/':
            return num(a) / num(b);
          case '&':
            return `${a}${b}`;
          case '=':
            return compare(a, b) === 0;
          case '<>':
            return compare(a, b) !== 0;
          case '<':
            return compare(a, b) < 0;
          case '>':
            return compare(a, b) > 0;
          case '<=':
            return compare(a, b) <= 0;
          default:
            return compare(a, b) >= 0;
        }
      }
      case 'call': {
        const args = n.args;
        switch (n.name) {
          case 'AND':
            return args.every((x) => truthy(ev(x)));
          case 'OR':
            return args.some((x) => truthy(ev(x)));
          case 'NOT':
            return !truthy(ev(args[0]));
          case 'IF':
            return truthy(ev(args[0])) ? ev(args[1]) : args.length > 2 ? ev(args[2]) : false;
          case 'ISNUMBER':
            return typeof ev(args[0]) === 'number';
          case 'ISBLANK':
            return ev(args[0]) === '';
          case 'TODAY':
            return env.today;
          case 'N': {
            const v = ev(args[0]);
            return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : 0;
          }
          default:
            throw new Error(`formula: function ${n.name} not implemented in fake`);
        }
      }
    }
  };
  return ev(node);
}

function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === '') return false;
  throw new Error(`formula: «${v}» is not a boolean (#VALUE!)`);
}

function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Rewrites the A1 references of a formula, as Sheets does when rows or columns are inserted or deleted. */
export function shiftFormula(
  formula: string,
  shift: (column: number, row: number) => [number, number],
): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2
        ? part
        : part.replace(
            /(\$?)([A-Z]+)(\$?)(\d+)(?![A-Z0-9(])/g,
            (_m, d1: string, col: string, d2: string, row: string) => {
              const [c, r] = shift(colNumber(col), Number(row));
              return `${d1}${columnLetters(c)}${d2}${r}`;
            },
          ),
    )
    .join('');
}
