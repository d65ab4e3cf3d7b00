// Deadline text (or a date cell) → Deadline. The rules are DESIGN.md's «Deadline rules — contract».
import { dateToIso, formatRu, isoIfValid, isoParts, isValidIso, serialToIso } from '../dates.ts';
import type { Cell, Deadline, Period, Recurrence } from '../model.ts';
import { MAX_YEAR, MIN_YEAR, readSpans, type Span, type YearFor } from './grammar.ts';
import { lex, normalize } from './lexer.ts';

export interface DeadlineContext {
  /** Plan period: gives years to month names; an academic year puts Sep–Dec in its first year. */
  period?: Period | null;
  /** Year when neither the text nor the period gives one (e.g. a protocol's meeting year). */
  defaultYear?: number;
  /**
   * A day (YYYY-MM-DD) that places «в течение учебного года» when there is no plan period: the
   * academic year (1 Sep – 31 Aug) it falls in. «Today», or a protocol's meeting date.
   */
  referenceDate?: string;
}

/** No deadline was set: a decision that needs none, or a text that says so («без срока»). */
export const noDeadline = (raw = ''): Deadline => ({ raw, kind: 'none', start: null, due: null });

const NO_DEADLINE =
  /^(?:без срока|срок не (?:установлен|устанавливается|определен|предусмотрен)|не устанавливается)$/;

const unknown = (raw: string, note?: string): Deadline =>
  note
    ? { raw, kind: 'unknown', start: null, due: null, note }
    : { raw, kind: 'unknown', start: null, due: null };

// Spreadsheet serials taken as dates: 1970-01-01 … 2099-12-31. Smaller numbers in a deadline
// cell are more likely a typo than a date in 1900.
const MIN_SERIAL = 25_569;
const MAX_SERIAL = 73_050;

/** Reads a deadline cell. Never throws; what it cannot read is kind 'unknown' with start/due null. */
export function parseDeadline(input: Cell | undefined, ctx?: DeadlineContext): Deadline {
  if (input === null || input === undefined) return unknown('');
  if (typeof input === 'string') return parseText(input, ctx);
  if (input instanceof Date) {
    const iso = dateToIso(input);
    return iso ? { raw: formatRu(iso), kind: 'date', start: iso, due: iso } : unknown('');
  }
  if (typeof input === 'number') return parseNumber(input);
  return unknown(input ? 'да' : 'нет');
}

function parseNumber(n: number): Deadline {
  const raw = Number.isFinite(n) ? String(n) : '';
  if (Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR) {
    return { raw, kind: 'year', start: `${n}-01-01`, due: `${n}-12-31` };
  }
  if (n >= MIN_SERIAL && n < MAX_SERIAL + 1) {
    const iso = serialToIso(n);
    // raw as the user saw the cell: a date, not its serial.
    if (iso) return { raw: formatRu(iso), kind: 'date', start: iso, due: iso };
  }
  return unknown(raw);
}

// Memo by text and context: a workbook repeats the same few deadline texts many times.
const MEMO_LIMIT = 4096;
const memo = new Map<string, Deadline>();

/** Everything in a context that can change a reading, as part of a memo key. */
export function contextKey(ctx: DeadlineContext | undefined): string {
  return `${ctx?.period?.start ?? ''}|${ctx?.period?.end ?? ''}|${ctx?.defaultYear ?? ''}|${ctx?.referenceDate ?? ''}`;
}

function copy(d: Deadline): Deadline {
  return d.dues ? { ...d, dues: d.dues.slice() } : { ...d };
}

function parseText(input: string, ctx: DeadlineContext | undefined): Deadline {
  const raw = input.trim();
  if (raw === '') return unknown('');
  const key = `${contextKey(ctx)}|${raw}`;
  const hit = memo.get(key);
  if (hit) return copy(hit);
  const result = readText(raw, ctx);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return copy(result);
}

const SERIAL_TEXT = /^\d{5}(?:[.,]\d+)?$/;
const ISO_CELL = /^(\d{4})-(\d{2})-(\d{2})(?:[tT ][\d:.]+(?:z|Z|[+-]\d{2}:?\d{2})?)?$/;

const RECURRING: [RegExp, Recurrence][] = [
  [
    /еженедельн|раз в неделю|кажд(ую|ой) недел|по (понедельникам|вторникам|средам|четвергам|пятницам)/,
    'week',
  ],
  [/ежемесяч|помесячн|раз в месяц|кажд(ый|ого|ом) месяц/, 'month'],
  [/ежекварт|поквартальн|раз в квартал|кажд(ый|ого|ом) квартал/, 'quarter'],
  [/раз в полугоди|раз в пол ?года|раз в 6 месяцев|кажд(ое|ого|ом) полугоди|(2|два) раза в год/, 'half_year'],
  [/ежегодн|раз в год|кажд(ый|ого|ом) год/, 'year'],
];

const wholeWords = (re: RegExp): RegExp => new RegExp(`[а-я]*(?:${re.source})[а-я]*`, 'g');
const RECURRING_WORDS = RECURRING.map(([re]) => wholeWords(re));

const ONGOING =
  /постоянн|по мере (необходимости|поступления|потребности|готовности|возникновения)|по согласованию|бессрочн|ежедневн|систематическ|регулярн|по (отдельному |утвержденному )?(графику|плану)|согласно (утвержденному )?графику|в соответствии с (графиком|планом)|согласно плану|по запросу|по требованию|по заявк/;

// «в течение года», «в течение учебного года», «весь период», «в период реализации»…
// «текущий / этот / нынешний год» is the document's year: its plan period (a protocol: the
// meeting's year), the same as «в течение года».
const WHOLE_PERIOD =
  /^(?:в )?течени[еи] (?:всего |текущего |этого )?(?:(?:календарного|учебного|отчетного) )?(?:года|периода(?: реализации.*)?|срока реализации.*|реализации.*)$|^(?:в )?течени[еи] (?:всего )?(?:периода|срока)|^(?:весь|в) период(?: реализации.*)?$|^на протяжении (?:всего )?(?:года|периода)|^до (?:конца|окончания) (?:(?:текущего|этого|нынешнего|календарного|учебного|отчетного) )?(?:года|периода)$|^(?:весь|целый|в течение всего) (?:учебный |календарный )?год$|^(?:в )?(?:текущем|этом|нынешнем) (?:(?:календарном|учебном) )?году$|^круглогодичн/;
const ONGOING_WORDS = wholeWords(ONGOING);
const IN_COURSE = /^(?:в )?течени[еи] /;
const PUNCT_EDGES = /^[\s.,;:!-]+|[\s.,;:!-]+$/g;
const NOT_BEFORE = /(^|[\s,;])не (?:ранее|раньше) /g;

function readText(raw: string, ctx: DeadlineContext | undefined): Deadline {
  const iso = ISO_CELL.exec(raw);
  if (iso) {
    const y = +iso[1];
    const day = y >= MIN_YEAR && y <= MAX_YEAR ? isoIfValid(y, +iso[2], +iso[3]) : null;
    return day ? { raw, kind: 'date', start: day, due: day } : unknown(raw);
  }
  // A serial written out as text (a CSV saved from a sheet whose date format was lost) reads as
  // the same cell would from the workbook, so .csv and .xlsx give the same deadline.
  if (SERIAL_TEXT.test(raw)) {
    const n = parseNumber(Number(raw.replace(',', '.')));
    return n.kind === 'date' ? { ...n, raw } : unknown(raw);
  }
  const d = readNormalized(raw, false, ctx);
  // «15.12.2017↵30.01.2018»: lines that do not read as one deadline may be a list.
  if (d.kind === 'unknown' && HAS_BREAK.test(raw)) {
    const list = readNormalized(raw, true, ctx);
    if (list.kind !== 'unknown') return list;
  }
  return d;
}

const HAS_BREAK = /[\r\n\u2028]/;
const HAS_NESTED_NOTE = /[([][^)\]]*[([]/;

// «…, с периодичностью один раз в два года»: how often the work repeats, said after its deadline.
const PERIODICITY = /[,;]?\s*(?:с\s+)?периодичност[а-я]*\s*[:-]?\s*(.+)$/;

function readNormalized(raw: string, breaksSeparate: boolean, ctx: DeadlineContext | undefined): Deadline {
  const normalized = normalize(raw, breaksSeparate);
  let { text, note } = normalized;
  // A deadline written wholly inside brackets («(до 01.12.2021)») is the deadline, not a note.
  if (note !== undefined && text.trim() === '' && !HAS_NESTED_NOTE.test(raw)) {
    ({ text } = normalize(note, breaksSeparate));
    note = undefined;
  }
  // A periodicity after a date: the date is the deadline, the rhythm is kept as the note.
  const rhythm = PERIODICITY.exec(text);
  if (rhythm && rhythm.index > 0) {
    const said = `периодичность: ${rhythm[1].trim()}`;
    note = note ? `${note}; ${said}` : said;
    text = text.slice(0, rhythm.index);
  }
  // «не ранее 01.09.2019» names when work may start, not when it is due: read it as «с 01.09.2019».
  const folded = text.replace(/\s+/g, ' ').replace(PUNCT_EDGES, '').replace(NOT_BEFORE, '$1с ');
  if (folded === '') return unknown(raw, note);

  if (NO_DEADLINE.test(folded)) return withNote(noDeadline(raw), note);

  const every = recurrence(folded);
  if (every) return recurring(raw, note, every, folded, ctx);

  if (ONGOING.test(folded)) {
    // «по согласованию, до 01.03.2021»: a date next to the phrase wins.
    const rest = readSpansOf(folded.replace(ONGOING_WORDS, ' '), ctx);
    if (rest) return fromSpans(raw, note, rest);
    return withNote({ raw, kind: 'ongoing', start: null, due: null }, note);
  }

  if (WHOLE_PERIOD.test(folded)) {
    const academic = folded.includes('учебн');
    const p = planPeriod(ctx, academic);
    return p ? withNote({ raw, kind: 'period', start: p.start, due: p.end }, note) : unknown(raw, note);
  }

  const spans = readSpansOf(folded, ctx);
  if (!spans) return unknown(raw, note);
  const d = fromSpans(raw, note, spans);
  // «в течение 2021 года», «в течение 2022-2023 учебного года»: a named period.
  if (IN_COURSE.test(folded) && spans.length === 1 && spans[0].unit === 'year') d.kind = 'period';
  return d;
}

function recurrence(text: string): Recurrence | null {
  for (const [re, every] of RECURRING) if (re.test(text)) return every;
  return null;
}

/** Recurring: due = end of the plan period, or of the year(s) the text names. */
function recurring(
  raw: string,
  note: string | undefined,
  every: Recurrence,
  text: string,
  ctx: DeadlineContext | undefined,
): Deadline {
  let rest = text;
  for (const re of RECURRING_WORDS) rest = rest.replace(re, ' ');
  const spans = readSpansOf(rest, { defaultYear: undefined, period: null });
  let bounds: { start: string; end: string } | null = null;
  if (spans && spans.length === 1 && spans[0].unit === 'year') bounds = spans[0];
  else bounds = planPeriod(ctx, false);
  if (!bounds) {
    // Without a period nothing gives an end: keep the rhythm, say nothing about dates.
    return withNote({ raw, kind: 'ongoing', start: null, due: null, every }, note);
  }
  return withNote({ raw, kind: 'recurring', start: bounds.start, due: bounds.end, every }, note);
}

/**
 * The plan period; else for «учебного года» the academic year the reference date falls in, and
 * otherwise the default year as a calendar year.
 */
function planPeriod(
  ctx: DeadlineContext | undefined,
  academic: boolean,
): { start: string; end: string } | null {
  const p = ctx?.period;
  if (p) return isValidIso(p.start) && isValidIso(p.end) && p.start <= p.end ? p : null;
  if (academic) {
    const ref = ctx?.referenceDate;
    if (!isValidIso(ref)) return null;
    const [y, m] = isoParts(ref);
    const first = m >= 9 ? y : y - 1;
    return { start: `${first}-09-01`, end: `${first + 1}-08-31` };
  }
  if (ctx?.defaultYear) return { start: `${ctx.defaultYear}-01-01`, end: `${ctx.defaultYear}-12-31` };
  return null;
}

function withNote(d: Deadline, note: string | undefined): Deadline {
  if (note) d.note = note;
  return d;
}

function readSpansOf(text: string, ctx: DeadlineContext | undefined): Span[] | null {
  const tokens = lex(text);
  if (tokens.length === 0) return null;
  return readSpans(tokens, yearResolver(ctx));
}

function fromSpans(raw: string, note: string | undefined, spans: Span[]): Deadline {
  // «с 1 сентября 2021» alone: under way from that day, with no end; in a list: unreadable.
  if (spans.some((s) => s.shape === 'open')) {
    if (spans.length > 1) return unknown(raw, note);
    return withNote({ raw, kind: 'ongoing', start: spans[0].start, due: null }, note);
  }
  if (spans.length === 1) {
    const s = spans[0];
    return withNote({ raw, kind: kindOf(s), start: s.start, due: s.end }, note);
  }
  const dues = [...new Set(spans.map((s) => s.end))].sort();
  let start = spans[0].start;
  for (const s of spans) if (s.start < start) start = s.start;
  const due = dues[dues.length - 1];
  if (dues.length === 1) {
    const s = spans.find((x) => x.end === due)!;
    return withNote({ raw, kind: kindOf(s), start: s.start, due }, note);
  }
  return withNote({ raw, kind: 'multiple', start, due, dues }, note);
}

function kindOf(s: Span): Deadline['kind'] {
  if (s.shape === 'academic') return 'period';
  if (s.shape === 'range') return 'range';
  switch (s.unit) {
    case 'day':
      return 'date';
    case 'month':
      return 'month';
    case 'quarter':
      return 'quarter';
    case 'half':
      return 'half_year';
    case 'year':
      return 'year';
    default:
      return 'range'; // a decade of a month: a span of days
  }
}

/**
 * Year for a month named without one. With a plan period: the one year whose month falls inside
 * the period; for a two-year period where none does, the academic rule (from the period's start
 * month on: first year, before it: second). Otherwise the default year; else null.
 */
const resolvers = new Map<string, YearFor>();

function yearResolver(ctx: DeadlineContext | undefined): YearFor {
  const key = `${ctx?.period?.start}|${ctx?.period?.end}|${ctx?.defaultYear}`;
  let r = resolvers.get(key);
  if (!r) {
    if (resolvers.size > 64) resolvers.clear();
    r = makeYearResolver(ctx);
    resolvers.set(key, r);
  }
  return r;
}

function makeYearResolver(ctx: DeadlineContext | undefined): YearFor {
  const p = ctx?.period;
  const fallback = ctx?.defaultYear ?? null;
  if (!p || !isValidIso(p.start) || !isValidIso(p.end) || p.start > p.end) return () => fallback;
  const [sy, sm] = isoParts(p.start);
  const [ey, em] = isoParts(p.end);
  return (month) => {
    let found: number | null = null;
    let count = 0;
    for (let y = sy; y <= ey; y++) {
      const key = y * 12 + month;
      if (key >= sy * 12 + sm && key <= ey * 12 + em) {
        found = y;
        count++;
      }
    }
    if (count === 1) return found;
    if (count === 0) {
      if (sy === ey) return sy;
      if (ey === sy + 1) return month >= sm ? sy : ey;
      return fallback;
    }
    return fallback !== null && fallback >= sy && fallback <= ey ? fallback : null;
  };
}

const cellToText = (cell: Cell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (cell instanceof Date) return dateToIso(cell) ?? '';
  if (typeof cell === 'number') {
    const d = parseNumber(cell);
    return d.kind === 'date' ? d.due! : String(cell);
  }
  return cell ? 'да' : 'нет';
};

/**
 * Deadline from a start column and an end column (Плановое начало / Плановое окончание).
 * Both filled: a range from the start of the first to the end of the second; only the end: the
 * end alone; only the start: unknown with raw '' (a missing deadline) and the start as its note.
 */
export function parseDeadlineColumns(
  start: Cell | undefined,
  end: Cell | undefined,
  ctx?: DeadlineContext,
): Deadline {
  const s = cellToText(start);
  const e = cellToText(end);
  // No end: the deadline is missing (raw '', so validation says missing_deadline in the end
  // column); the start is kept as a note, not passed off as a deadline nobody can read.
  if (e === '') return s === '' ? unknown('') : unknown('', `начало: ${displayOf(start, s)}`);
  if (s === '') return parseDeadline(end, ctx);
  const raw = `${displayOf(start, s)} – ${displayOf(end, e)}`;
  // Read as one range first so a missing year is shared («сентябрь» / «май 2019»).
  const joined = parseDeadline(`${s} - ${e}`, ctx);
  if (joined.kind === 'range') return { raw, kind: 'range', start: joined.start, due: joined.due };
  const first = parseDeadline(s, ctx);
  const last = parseDeadline(e, ctx);
  const from = first.kind === 'ongoing' ? null : first.start;
  const due = last.kind === 'ongoing' || last.kind === 'multiple' ? null : last.due;
  if (!from || !due || from > due) return unknown(raw);
  return { raw, kind: 'range', start: from, due };
}

function displayOf(cell: Cell | undefined, text: string): string {
  if (cell instanceof Date || (typeof cell === 'number' && /^\d{4}-\d{2}-\d{2}$/.test(text)))
    return formatRu(text);
  return typeof cell === 'string' ? cell.trim() : text;
}
