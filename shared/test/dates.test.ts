import {
  addDays,
  dateToIso,
  dayNumber,
  daysBetween,
  formatRu,
  fromDayNumber,
  isLeapYear,
  isoInTimeZone,
  isoToSerial,
  isValidIso,
  lastDayOfMonth,
  serialToIso,
} from '@cluster/shared';
import { describe, expect, it } from 'vitest';

describe('calendar', () => {
  it('knows month lengths and leap years', () => {
    expect(lastDayOfMonth(2021, 2)).toBe(28);
    expect(lastDayOfMonth(2020, 2)).toBe(29);
    expect(lastDayOfMonth(1900, 2)).toBe(28);
    expect(lastDayOfMonth(2000, 2)).toBe(29);
    expect(lastDayOfMonth(2021, 4)).toBe(30);
    expect(lastDayOfMonth(2021, 12)).toBe(31);
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
  });

  it('accepts only real ISO dates', () => {
    expect(isValidIso('2021-02-28')).toBe(true);
    expect(isValidIso('2020-02-29')).toBe(true);
    expect(isValidIso('2021-02-29')).toBe(false);
    expect(isValidIso('2021-13-01')).toBe(false);
    expect(isValidIso('2021-00-10')).toBe(false);
    expect(isValidIso('2021-04-31')).toBe(false);
    expect(isValidIso('21-04-01')).toBe(false);
    expect(isValidIso('2021-4-1')).toBe(false);
    expect(isValidIso(20210401)).toBe(false);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2021-01-31', 1)).toBe('2021-02-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
    expect(addDays('2021-06-15', 0)).toBe('2021-06-15');
    expect(daysBetween('2021-01-01', '2021-12-31')).toBe(364);
    expect(daysBetween('2021-12-31', '2021-01-01')).toBe(-364);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(fromDayNumber(dayNumber('1999-07-04'))).toBe('1999-07-04');
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('reads spreadsheet serials in the 1900 system', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(60)).toBeNull(); // Lotus's 29 February 1900
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(25569)).toBe('1970-01-01');
    expect(serialToIso(43466)).toBe('2019-01-01');
    expect(serialToIso(45698)).toBe('2025-02-10');
    expect(serialToIso(45698.75)).toBe('2025-02-10');
    expect(serialToIso(2958465)).toBe('9999-12-31');
    expect(serialToIso(0)).toBeNull();
    expect(serialToIso(2958466)).toBeNull();
    expect(serialToIso(Number.NaN)).toBeNull();
    for (const iso of ['1900-01-01', '1900-02-28', '1900-03-01', '2019-01-01', '2025-02-10']) {
      expect(serialToIso(isoToSerial(iso))).toBe(iso);
    }
  });

  it('turns Dates into ISO by their UTC components', () => {
    expect(dateToIso(new Date(Date.UTC(2025, 1, 10)))).toBe('2025-02-10');
    expect(dateToIso(new Date(Date.UTC(2025, 1, 10, 23, 59)))).toBe('2025-02-10');
    expect(dateToIso(new Date(Number.NaN))).toBeNull();
  });

  it('formats dates the Russian way', () => {
    expect(formatRu('2021-12-01')).toBe('01.12.2021');
    expect(formatRu(null)).toBe('');
    expect(formatRu('not a date')).toBe('not a date');
  });

  it('tells the calendar date in a time zone', () => {
    // 21:30 UTC on 31 Dec is already 1 Jan in Moscow (UTC+3).
    const instant = new Date(Date.UTC(2021, 11, 31, 21, 30));
    expect(isoInTimeZone(instant)).toBe('2022-01-01');
    expect(isoInTimeZone(instant, 'Europe/Moscow')).toBe('2022-01-01');
    expect(isoInTimeZone(instant, 'UTC')).toBe('2021-12-31');
    expect(isoInTimeZone(instant, 'America/New_York')).toBe('2021-12-31');
    expect(isoInTimeZone(new Date(Date.UTC(2021, 11, 31, 20, 59)), 'Europe/Moscow')).toBe('2021-12-31');
  });
});
