// How Sheets reads text that is typed in, or written with Range.setValues/setValue (both behave
// like typing): in the spreadsheet's locale a date-looking text becomes a date, a number-looking
// text a number, «=…» a formula, TRUE/FALSE a boolean. A leading apostrophe, or the plain-text
// number format '@', keeps the text as it is.
import { dateCell } from './model.ts';

export interface Typed {
  value: unknown;
  formula: string | null;
}

/** Day-month order of a locale's short dates: ru_RU «05.06.2021» is 5 June, en_US is 6 May. */
function dayFirst(locale: string): boolean {
  return !/^en_US|^en$/.test(locale);
}

export function typedInput(
  v: unknown,
  locale: string,
  timeZone: string,
  numberFormat: string | null,
  makeDate: (ms: number) => Date,
): Typed {
  if (typeof v !== 'string') return { value: v === null || v === undefined ? '' : v, formula: null };
  if (numberFormat === '@') return { value: v, formula: null };
  if (v.startsWith("'")) return { value: v.slice(1), formula: null };
  const t = v.trim();
  if (t.length > 1 && t.startsWith('=')) return { value: '#ERROR!', formula: t };
  if (/^(true|false|истина|ложь)$/i.test(t)) return { value: /^(true|истина)$/i.test(t), formula: null };
  const comma = dayFirst(locale);
  const num = comma
    ? /^[-+]?\d{1,3}(?:[\s\u00a0]?\d{3})*(?:,\d+)?$|^[-+]?\d+(?:,\d+)?$/
    : /^[-+]?\d{1,3}(?:,?\d{3})*(?:\.\d+)?$/;
  if (num.test(t)) {
    const n = Number(comma ? t.replace(/[\s\u00a0]/g, '').replace(',', '.') : t.replace(/,/g, ''));
    if (Number.isFinite(n)) return { value: n, formula: null };
  }
  const pct = /^([-+]?\d+(?:[.,]\d+)?)%$/.exec(t);
  if (pct) return { value: Number(pct[1].replace(',', '.')) / 100, formula: null };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(t);
  let y = 0;
  let m = 0;
  let d = 0;
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) {
    const a = Number(dmy[1]);
    const b = Number(dmy[2]);
    [d, m] = dayFirst(locale) ? [a, b] : [b, a];
    y = Number(dmy[3]);
    if (y < 100) y += y < 30 ? 2000 : 1900;
  }
  if (y && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()) {
    const iso10 = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return { value: makeDate(dateCell(iso10, timeZone).getTime()), formula: null };
  }
  return { value: v, formula: null };
}
