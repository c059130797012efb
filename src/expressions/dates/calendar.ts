/**
 * Gregorian calendar arithmetic on UTC instants, as .NET's DateTime does it: invariant-culture
 * month and day names, month lengths, AddMonths clamping to the month's last day, and the
 * AD FILETIME epoch (100-ns ticks since 1601-01-01 UTC) that DateFromNum/NumFromDate use.
 *
 * Example: addMonths(utc(2012, 1, 31), 1) → 2012-02-29T00:00:00Z
 */

export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const dayNames = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

export const minYear = 1;
export const maxYear = 9999;

/** Milliseconds between 1601-01-01 and 1970-01-01, UTC. */
export const fileTimeEpochOffsetMs = 11_644_473_600_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** month is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A UTC instant from calendar fields (month 1–12); years below 100 are not shifted to 19xx. */
export function utc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date;
}

/** True when the instant lies in years 1–9999, the range of .NET's DateTime. */
export function inDateTimeRange(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= minYear && year <= maxYear;
}

/** .NET AddMonths: the same day of month, clamped to the target month's length. */
export function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  return utc(
    year,
    month,
    day,
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
}

/** Midnight UTC of the instant's day. */
export function startOfDay(date: Date): Date {
  return utc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}
