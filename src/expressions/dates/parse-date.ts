/**
 * Reads a date/time string the way CDate does (Entra "functions for customizing application
 * data", § CDate, § DateAdd, § DateDiff, § NumFromDate), for the shapes Entra's sources send:
 * ISO 8601 (`2009-06-15T01:45:30-07:00`, `2021-08-24`, fractions up to 7 digits, `Z`), the
 * Workday date-with-offset (`2020-03-16-07:00`), a space instead of `T`
 * (`2020-12-31 23:59:59-08:00`), and the invariant-culture "M/d/yyyy h:mm:ss tt" that CDate
 * and Now themselves return (`8/25/2021 5:41:18 PM`, also 24-hour without AM/PM).
 * A value with an offset is converted to UTC; a value without one is taken as UTC.
 *
 * Example: parseDate('2021-06-30+08:00') → 2021-06-29T16:00:00Z; parseDate('soon') → null
 */
import { daysInMonth, maxYear, minYear, utc } from './calendar.ts';

const iso =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const us =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(?:\s*([AP]M))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function parseDate(text: string): Date | null {
  const trimmed = text.trim();
  const isoMatch = iso.exec(trimmed);
  if (isoMatch) {
    const [, y, mo, d, h, mi, s, f, zone] = isoMatch;
    return build(+y!, +mo!, +d!, h, mi, s, f, undefined, zone);
  }
  const usMatch = us.exec(trimmed);
  if (usMatch) {
    const [, mo, d, y, h, mi, s, f, meridiem, zone] = usMatch;
    return build(+y!, +mo!, +d!, h, mi, s, f, meridiem, zone);
  }
  return null;
}

function build(
  year: number,
  month: number,
  day: number,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
  fraction: string | undefined,
  meridiem: string | undefined,
  zone: string | undefined,
): Date | null {
  let hour = hourText === undefined ? 0 : Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toUpperCase() === 'PM';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (year < minYear || year > maxYear || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millisecond =
    fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000 + 1e-9);
  const local = utc(year, month, day, hour, minute, second, millisecond);
  return new Date(local.getTime() - offsetMinutes(zone) * 60_000);
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
