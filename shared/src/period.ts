// Plan period: read from a document's title, and whether a deadline falls outside it.
import { readSpans } from './deadline/grammar.ts';
import { lex, normalize, type Token } from './deadline/lexer.ts';
import type { Deadline, Period } from './model.ts';

// «… на 2021 год», «на период 2021-2025 годов», «на IV квартал 2017г и 2018год».
const ON = /(?:^|[\s(«"])на\s+(?:(?:период|срок)\s+)?(?:с\s+)?/g;
// Fallbacks without «на»: «2018-2019 учебный год», «2021-2025 гг.».
const ACADEMIC_ANYWHERE = /(?:^|\D)(\d{4}\s*[-/]\s*\d{2,4}\s*(?:уч(?![а-я])|учебн)[а-я]*)/;
const YEARS_ANYWHERE = /(?:^|\D)(\d{4}\s*-\s*\d{4}\s*(?:гг|годы|годов|год)(?![а-я]))/;
// «План работы кластера в 2022 году».
const IN_YEAR = /(?:^|\s)в\s+(\d{4}\s*(?:году|г\.?)(?![а-я]))/;

const DATEISH = new Set<Token['k']>([
  'date',
  'dm',
  'num',
  'month',
  'ord',
  'quarter',
  'half',
  'yearword',
  'academic',
  'dash',
  'sep',
  'from',
  'to',
  'until',
]);

/**
 * The plan period a title names: «на 2021 год» → 2021-01-01…2021-12-31; «на 2018-2019 учебный
 * год» → 2018-09-01…2019-08-31; «на 2021-2025 годы»; «на IV квартал 2017г и 2018год» →
 * 2017-10-01…2018-12-31 (the union of what it lists). Null when the title names no year.
 */
export function periodFromTitle(text: string): Period | null {
  if (!text) return null;
  const t = normalize(text).text.replace(/\s+/g, ' ');
  ON.lastIndex = 0;
  for (let m = ON.exec(t); m !== null; m = ON.exec(t)) {
    const p = periodOf(t.slice(m.index + m[0].length));
    if (p) return p;
  }
  const fallback = ACADEMIC_ANYWHERE.exec(t) ?? YEARS_ANYWHERE.exec(t) ?? IN_YEAR.exec(t);
  return fallback ? periodOf(fallback[1]) : null;
}

function periodOf(tail: string): Period | null {
  const tokens = lex(tail);
  let n = 0;
  while (n < tokens.length && DATEISH.has(tokens[n].k)) n++;
  while (n > 0 && (tokens[n - 1].k === 'sep' || tokens[n - 1].k === 'dash')) n--;
  const head = tokens.slice(0, n);
  if (!head.some((tok) => tok.k === 'num' && tok.digits === 4) && !head.some((tok) => tok.k === 'date'))
    return null;
  const spans = readSpans(head, () => null);
  if (!spans) return null;
  let start = spans[0].start;
  let end = spans[0].end;
  for (const s of spans) {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  }
  return { start, end };
}

/**
 * True when the deadline falls outside the period: its due (every due of `multiple`) is before the
 * period's start or after its end. A start before the period is fine (work begun earlier). Unknown,
 * ongoing and dateless deadlines are never outside; no period → false.
 */
export function isOutsidePeriod(deadline: Deadline, period: Period | null | undefined): boolean {
  if (!period) return false;
  const dues =
    deadline.kind === 'multiple' && deadline.dues ? deadline.dues : deadline.due ? [deadline.due] : [];
  for (const due of dues) if (due < period.start || due > period.end) return true;
  return false;
}
