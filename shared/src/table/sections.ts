// Item numbers («1.», «1.1.», «2.10», «1.1.1») and section rows («Задача 2. …», «Раздел …», «II. …»).
import type { Cell } from '../model.ts';

// Up to 9999 items at the top level; the parts below it stay small.
const ITEM_NUMBER = /^(\d{1,4}(?:\.\d{1,3})*)\.?\)?$/;
const SECTION_WORD =
  /^(задача|раздел|направление|подраздел|блок|этап|цель|модуль|глава|часть|мероприятия по|подпрограмма)(\s|$|[.:]|\s*№|\s*\d)/i;
const ROMAN = /^[IVXLC]{1,6}(?:[.)]\s*[А-ЯЁA-Z«"]|[.)]?\s+\S)/;
const NUMBERED_HEADING = /^(\d{1,3})[.)]\s+\S/;

/** «1.1.» → «1.1»; null when the text is not an item number. */
export function itemNumber(text: string): string | null {
  const m = ITEM_NUMBER.exec(text.trim());
  return m ? m[1] : null;
}

/** A number typed into a spreadsheet arrives as a number: 1.1 → «1.1», 2 → «2». */
export function numberFromCell(text: string): string | null {
  return itemNumber(text.replace(/\s+/g, ''));
}

/** Text reads as a section heading by its wording alone. */
export function isSectionText(text: string): boolean {
  const t = text.trim();
  return SECTION_WORD.test(t) || ROMAN.test(t) || NUMBERED_HEADING.test(t);
}

/** Numeric parts of an item number, for ordering: «2.10» → [2, 10]. */
export function numberParts(number: string): number[] {
  return number.split('.').map((p) => Number.parseInt(p, 10));
}

/** Negative when a comes before b in outline order («2.9» < «2.10» < «3»). */
export function compareNumbers(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** b is a child of a («1.1» under «1»). */
export function isChildNumber(parent: string, child: string): boolean {
  return child.length > parent.length && child.startsWith(`${parent}.`);
}

const ISO_DAY = /^\d{4}-(\d{2})-(\d{2})$/;

/**
 * The item number in a number cell, given the previous item's number. Spreadsheets mangle
 * outline numbers: «2.10» typed into a number cell arrives as 2.1, and Sheets may turn «1.2»
 * into a date (1 February). A date in a № column is never a date, so it is read back as day.month;
 * a decimal that would step backwards is read with its lost trailing zero when that gives the next number.
 */
export function readNumber(cell: Cell | undefined, text: string, previous: string | null): string | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return `${cell.getUTCDate()}.${cell.getUTCMonth() + 1}`;
  }
  if (typeof cell === 'string') {
    const iso = ISO_DAY.exec(cell.trim());
    if (iso) return `${Number(iso[2])}.${Number(iso[1])}`;
    return numberFromCell(text);
  }
  const n = numberFromCell(text);
  if (typeof cell !== 'number' || n === null || !previous || !n.includes('.')) return n;
  const prev = numberParts(previous);
  if (compareNumbers(numberParts(n), prev) > 0) return n;
  const withZero = `${n}0`;
  const parts = numberParts(withZero);
  // Only the very next number counts (2.9 → 2.10, 2.19 → 2.20): 1.2 after 1.3 stays out of order.
  const last = parts.length - 1;
  const next =
    parts.length === prev.length &&
    parts[last] === prev[last] + 1 &&
    compareNumbers(parts.slice(0, last), prev.slice(0, last)) === 0;
  return next ? withZero : n;
}

const NUMBER_IN_TITLE = /^(?:(\d{1,3}(?:\.\d{1,3})+)\.?|(\d{1,3})[.)])\s+(\S.*)$/;

/** «1.1. Разработка …» in a table without a № column → [«1.1», «Разработка …»]. */
export function numberInTitle(title: string): [string, string] | null {
  const m = NUMBER_IN_TITLE.exec(title);
  return m ? [m[1] ?? m[2], m[3]] : null;
}
