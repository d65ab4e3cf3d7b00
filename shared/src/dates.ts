// Calendar helpers on ISO `YYYY-MM-DD` strings. Pure: nothing here reads the clock.

const MS_PER_DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1–12). */
export function lastDayOfMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Builds an ISO date from parts without checking them; see `isoIfValid`. */
export function isoOf(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** True for a real calendar date in four-digit years. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= lastDayOfMonth(year, month)
  );
}

/** ISO date from parts, or null when they do not make a real calendar date. */
export function isoIfValid(year: number, month: number, day: number): string | null {
  return isValidDate(year, month, day) ? isoOf(year, month, day) : null;
}

/** True when the string is `YYYY-MM-DD` and names a real calendar date. */
export function isValidIso(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  return m !== null && isValidDate(+m[1], +m[2], +m[3]);
}

/** [year, month, day] of an ISO date (assumed valid). */
export function isoParts(iso: string): [number, number, number] {
  return [+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10)];
}

/** Days since 1970-01-01 (UTC arithmetic, no time zones involved). */
export function dayNumber(iso: string): number {
  const [y, m, d] = isoParts(iso);
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** ISO date of a day number (inverse of `dayNumber`). */
export function fromDayNumber(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function monthStart(year: number, month: number): string {
  return isoOf(year, month, 1);
}

export function monthEnd(year: number, month: number): string {
  return isoOf(year, month, lastDayOfMonth(year, month));
}

// Serial 25569 is 1970-01-01 in the 1900 date system; serials from 61 on count from 1899-12-30
// because the system keeps Lotus's fictitious 29 February 1900 (serial 60).
const SERIAL_UNIX_EPOCH = 25_569;
const MAX_SERIAL = 2_958_465; // 9999-12-31

/**
 * Spreadsheet serial (1900 date system) to an ISO date; the time of day is dropped.
 * Null outside 1…2958465 and for serial 60, the 29 February 1900 that never was.
 */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL + 1) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null;
  const days = whole < 60 ? whole - SERIAL_UNIX_EPOCH + 1 : whole - SERIAL_UNIX_EPOCH;
  return fromDayNumber(days);
}

/** ISO date to its spreadsheet serial (1900 date system). */
export function isoToSerial(iso: string): number {
  const days = dayNumber(iso) + SERIAL_UNIX_EPOCH;
  return days <= 60 ? days - 1 : days;
}

/** Date to ISO from its UTC components (callers move dates to UTC midnight first); null if invalid. */
export function dateToIso(date: Date): string | null {
  const t = date.getTime();
  if (Number.isNaN(t)) return null;
  return isoIfValid(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** ДД.ММ.ГГГГ for an ISO date; anything else is returned unchanged ('' for null). */
export function formatRu(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = ISO.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The parts (year, month, day; hour and minute too when asked) of an instant's wall clock in a zone. */
function zoneParts(date: Date, timeZone: string, minutes: boolean): Record<string, string> {
  const key = `${timeZone}|${minutes}`;
  let format = zoneFormats.get(key);
  if (!format) {
    const time = minutes ? ({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const) : {};
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...time,
    });
    zoneFormats.set(key, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** The calendar date an instant falls on in a time zone (Europe/Moscow by default). */
export function isoInTimeZone(date: Date, timeZone = 'Europe/Moscow'): string {
  const p = zoneParts(date, timeZone, false);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The wall clock an instant shows in a time zone, to the minute: `YYYY-MM-DD HH:MM`. */
export function minuteInTimeZone(date: Date, timeZone = 'Europe/Moscow'): string {
  const p = zoneParts(date, timeZone, true);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Later / earlier of two ISO dates (string order is date order). */
export const maxIso = (a: string, b: string): string => (a > b ? a : b);
export const minIso = (a: string, b: string): string => (a < b ? a : b);
