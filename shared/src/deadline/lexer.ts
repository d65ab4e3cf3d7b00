// Turns a deadline text into tokens: dates, numbers, month names, unit words, separators.
// Filler words («до», «срок», «не позднее», «г.») are dropped here; a word it does not know
// becomes a `bad` token so the parser can refuse instead of guessing.

export type Token =
  | { k: 'date'; y: number; m: number; d: number }
  /** Day and month without a year: «15.12». */
  | { k: 'dm'; d: number; m: number }
  | { k: 'num'; v: number; digits: number }
  | { k: 'month'; m: number }
  /** Roman numeral or ordinal word: «IV», «второй», «1-е». */
  | { k: 'ord'; v: number }
  | { k: 'quarter' }
  | { k: 'half' }
  | { k: 'decade' }
  /** «г.», «год», «гг.»: ends a year, ignored otherwise. */
  | { k: 'yearword' }
  /** «учебный», «учебного», «уч.». */
  | { k: 'academic' }
  | { k: 'dash' }
  | { k: 'sep' }
  | { k: 'from' }
  | { k: 'to' }
  /** «до»: a range end after «с», filler otherwise. */
  | { k: 'until' }
  | { k: 'bad'; w: string };

const NOTE = /[([]([^()[\]]*)[)\]]/g;
const DASHES = /[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]/g;
const LINE_BREAKS = /\r\n|\r|\n|\u2028/g;
// «11:00», «11:00ч.», «11.00 ч», «11 ч.», «в 11 час.», «11ч00», «11 ч. 30 мин.» — times are not
// part of a deadline. «ч» must stand alone, so «числа» and «часть» are left for the parser.
const TIMES =
  /\d{1,2}:\d{2}(?::\d{2})?\s*(?:ч(?:ас(?:ов|а)?)?\.?)?|\b\d{1,2}(?:[.]\d{2})?\s*ч(?:ас(?:ов|а)?)?\.?(?:\s*\d{2}(?:\s*мин(?:ут)?\.?)?)?(?![а-я\d])/g;

const RARE_CHARS = /[ёі\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]/;

export interface Normalized {
  text: string;
  note: string | undefined;
}

/**
 * Lower case, ё→е, one kind of dash, times dropped, notes in brackets taken out and kept.
 * Line breaks are spaces («Сентябрь↵2018»), or list separators when `breaksSeparate`.
 */
export function normalize(raw: string, breaksSeparate = false): Normalized {
  let note: string | undefined;
  let text = raw;
  if (text.includes('(') || text.includes('[')) {
    const notes: string[] = [];
    // Innermost brackets first, so nested notes come out whole.
    for (let pass = 0; pass < 4; pass++) {
      const before = text;
      text = text.replace(NOTE, (_all, inner: string) => {
        const n = inner.replace(/\s+/g, ' ').trim();
        if (n) notes.push(n);
        return ' ';
      });
      if (text === before) break;
    }
    if (notes.length) note = notes.join('; ');
  }
  // Each pass only when its characters occur: most deadlines need none of them.
  text = text.toLowerCase();
  if (RARE_CHARS.test(text)) text = text.replace(/ё/g, 'е').replace(/і/g, 'i').replace(DASHES, '-');
  if (breaksSeparate) text = text.replace(LINE_BREAKS, ' ; ');
  if (text.includes(':') || text.includes('ч')) text = text.replace(TIMES, ' ');
  return { text, note };
}

const MONTH_STEMS: [string, number][] = [
  ['январ', 1],
  ['феврал', 2],
  ['март', 3],
  ['апрел', 4],
  ['июн', 6],
  ['июл', 7],
  ['август', 8],
  ['сентябр', 9],
  ['октябр', 10],
  ['ноябр', 11],
  ['декабр', 12],
];

const WORDS = new Map<string, Token | null>();
const put = (words: string, token: Token | null): void => {
  for (const w of words.split(' ')) WORDS.set(w, token);
};
// Exact words. `null` = filler, dropped.
put('янв', { k: 'month', m: 1 });
put('фев февр', { k: 'month', m: 2 });
put('мар', { k: 'month', m: 3 });
put('апр', { k: 'month', m: 4 });
put('май мая мае маю маем', { k: 'month', m: 5 });
put('авг', { k: 'month', m: 8 });
put('сен сент сентяб', { k: 'month', m: 9 });
put('окт', { k: 'month', m: 10 });
put('ноя нояб', { k: 'month', m: 11 });
put('дек', { k: 'month', m: 12 });
put('i', { k: 'ord', v: 1 });
put('ii', { k: 'ord', v: 2 });
put('iii', { k: 'ord', v: 3 });
put('iv', { k: 'ord', v: 4 });
put('первый первого первое первая первом первой', { k: 'ord', v: 1 });
put('второй второго второе вторая втором', { k: 'ord', v: 2 });
put('третий третьего третье третья третьем третьей', { k: 'ord', v: 3 });
put('четвертый четвертого четвертом четвертая', { k: 'ord', v: 4 });
put('квартал квартала квартале кварталы кварталах кв', { k: 'quarter' });
put('полугодие полугодия полугодии полугодиях полуг пг', { k: 'half' });
put('декада декады декаде декаду', { k: 'decade' });
put('г гг год года году годы годов годах годом', { k: 'yearword' });
put('учебный учебного учебном учебные учебных уч', { k: 'academic' });
put('и или а также', { k: 'sep' });
put('с со', { k: 'from' });
put('по', { k: 'to' });
put('до', { k: 'until' });
put(
  'к ко за не позднее позже ранее срок сроки срока исполнения выполнения реализации проведения представления ' +
    'предоставления окончания завершения в во на течение конец конца концу включительно числа ч час часа часов ' +
    'мин дата т е обл период периоде соответственно',
  null,
);

const ORDINAL_SUFFIX = /-?(?:ого|его|ому|ему|го|му|ый|ий|ой|ое|ая|й|е|я|м)(?![а-я])/y;

// Latin letters typed for their Cyrillic twins («сeнтябрь» with a Latin e, «c 1 мая»).
const LATIN_TWINS: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};
const HAS_LATIN = /[a-z]/;
const HAS_CYRILLIC = /[а-я]/;
const LATIN_TWIN = /[abcehkmoptxy]/g;

function wordToken(word: string): Token | null {
  let w = word;
  if (w === 'c') w = 'с';
  else if (HAS_LATIN.test(w) && HAS_CYRILLIC.test(w)) w = w.replace(LATIN_TWIN, (ch) => LATIN_TWINS[ch]);
  const known = WORDS.get(w);
  if (known !== undefined) return known;
  if (w.length >= 4 && !w.startsWith('декад')) {
    for (const [stem, m] of MONTH_STEMS) if (w.startsWith(stem)) return { k: 'month', m };
  }
  return { k: 'bad', w };
}

// One pass over the text: full dates (dd.mm.yyyy, dd.mm.yy, year first: 2018-09-01, 2018.09.01),
// day.month, month.year, numbers, words, marks.
const LEX =
  /(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d)|(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)|(\d{1,2})[./](\d{1,2})(?![\d]|[./]\d)|(\d{1,2})[./](\d{4})(?!\d)|(\d+)|([a-zа-я]+)|(-|\/)|([,;+&])|\s+|[\s\S]/gy;

const TWO_DIGIT_YEAR_BASE = 2000;

/** Tokens of a normalized text (see `normalize`). */
export function lex(text: string): Token[] {
  const out: Token[] = [];
  LEX.lastIndex = 0;
  let m: RegExpExecArray | null = LEX.exec(text);
  while (m !== null) {
    if (m[1] !== undefined) {
      const y = m[3].length === 2 ? TWO_DIGIT_YEAR_BASE + +m[3] : +m[3];
      out.push({ k: 'date', y, m: +m[2], d: +m[1] });
    } else if (m[4] !== undefined) {
      out.push({ k: 'date', y: +m[4], m: +m[5], d: +m[6] });
    } else if (m[7] !== undefined) {
      const d = +m[7];
      const mo = +m[8];
      // «14.00», «10.30»: a time of day, not a date.
      if ((mo === 0 || mo > 12) && d <= 24 && mo <= 59) {
        m = LEX.exec(text);
        continue;
      }
      out.push({ k: 'dm', d, m: mo });
    } else if (m[9] !== undefined) {
      // «09.2021»: a month and its year.
      const mo = +m[9];
      if (mo >= 1 && mo <= 12) out.push({ k: 'month', m: mo }, { k: 'num', v: +m[10], digits: 4 });
      else out.push({ k: 'bad', w: m[0] });
    } else if (m[11] !== undefined) {
      ORDINAL_SUFFIX.lastIndex = LEX.lastIndex;
      const suffix = m[11].length <= 2 ? ORDINAL_SUFFIX.exec(text) : null;
      if (suffix) {
        LEX.lastIndex += suffix[0].length;
        out.push({ k: 'ord', v: +m[11] });
      } else out.push({ k: 'num', v: +m[11], digits: m[11].length });
    } else if (m[12] !== undefined) {
      const t = wordToken(m[12]);
      if (t) out.push(t);
    } else if (m[13] !== undefined) out.push({ k: 'dash' });
    else if (m[14] !== undefined) out.push({ k: 'sep' });
    m = LEX.exec(text);
  }
  return out;
}
