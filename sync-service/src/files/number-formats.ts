// Whether a cell's number format shows a date, so that its serial number is read as a Date (as
// exceljs and Sheets' getValues() give it). Built-in ids from ECMA-376 §18.8.30.

const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

const formatCache = new Map<string, boolean>();

export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILTIN_DATES.has(id);
  let known = formatCache.get(code);
  if (known === undefined) {
    // Quoted text, escaped characters and [colour]/[$-locale] sections are not date parts.
    const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').split(';')[0];
    known = /[dmyhsдмгч]/i.test(bare) && !/^[#0.,%\sE+-]*$/i.test(bare);
    formatCache.set(code, known);
  }
  return known;
}
