// Sheets gives a date cell as the text the spreadsheet's locale shows (dateTimeRenderOption
// FORMATTED_STRING); the sync path wants real dates as ISO strings, as the add-in sends them.

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Locales that write a date month first (M/D/YYYY). */
const MONTH_FIRST = new Set(['en_US', 'en', 'es_US', 'en_PH', 'fil_PH']);

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** «10.02.2025» (or 2/10/2025 in en_US) → 2025-02-10; anything else → null. */
export function formattedDateToIso(text: string, locale: string): string | null {
  const t = text.trim();
  if (ISO.test(t)) return iso(Number(t.slice(0, 4)), Number(t.slice(5, 7)), Number(t.slice(8, 10)));
  let m = DOTTED.exec(t);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = SLASHED.exec(t);
  if (m) {
    return MONTH_FIRST.has(locale)
      ? iso(Number(m[3]), Number(m[1]), Number(m[2]))
      : iso(Number(m[3]), Number(m[2]), Number(m[1]));
  }
  return null;
}

export function normalizeCell(
  value: string | number | boolean | null,
  locale: string,
): string | number | boolean | null {
  if (typeof value !== 'string') return value;
  return formattedDateToIso(value, locale) ?? value;
}
