/**
 * The calendar fields a .NET format string reads (`parse-exact.ts`), and the instant they
 * make: missing date parts come from today unless NoCurrentDateDefault (then 0001-01-01), a
 * 12-hour clock is combined with AM/PM, every field is range-checked, a day name must agree
 * with the date, and an offset converts the result to UTC.
 *
 * Example: buildDate({ year: 2015, month: 1, day: 23, hour: 3, twelveHour: true, meridiem: 'PM' }, defaults)
 *   → 2015-01-23T15:00:00Z
 */
import { dayNames, daysInMonth, maxYear, minYear, utc } from './calendar.ts';

export interface DateFields {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  twelveHour?: boolean;
  minute?: number;
  second?: number;
  millisecond?: number;
  meridiem?: 'AM' | 'PM';
  weekday?: number;
  offsetMinutes?: number;
}

export interface DateDefaults {
  noCurrentDateDefault: boolean;
  /** Supplies the date when the format has no date fields. */
  now: () => Date;
}

export function buildDate(fields: DateFields, options: DateDefaults): Date | string {
  const hasDate =
    fields.year !== undefined || fields.month !== undefined || fields.day !== undefined;
  const today = options.noCurrentDateDefault ? undefined : options.now();
  const year = fields.year ?? today?.getUTCFullYear() ?? 1;
  const month = fields.month ?? (hasDate || !today ? 1 : today.getUTCMonth() + 1);
  const day = fields.day ?? (hasDate || !today ? 1 : today.getUTCDate());
  let hour = fields.hour ?? 0;
  if (fields.meridiem !== undefined) {
    if (hour > 12 && fields.twelveHour) return `hour ${hour} with ${fields.meridiem}`;
    if (fields.meridiem === 'PM' && hour < 12) hour += 12;
    if (fields.meridiem === 'AM' && hour === 12) hour = 0;
    if (fields.meridiem === 'AM' && hour > 12) return `hour ${hour} with AM`;
  }
  const minute = fields.minute ?? 0;
  const second = fields.second ?? 0;
  if (year < minYear || year > maxYear) return `year ${year} is out of range`;
  if (month < 1 || month > 12) return `month ${month} is out of range`;
  if (day < 1 || day > daysInMonth(year, month))
    return `day ${day} is out of range for ${year}-${month}`;
  if (hour > 23 || minute > 59 || second > 59) return 'time of day is out of range';
  const local = utc(year, month, day, hour, minute, second, fields.millisecond ?? 0);
  if (fields.weekday !== undefined && local.getUTCDay() !== fields.weekday) {
    return `${dayNames[fields.weekday]} does not match the date`;
  }
  return new Date(local.getTime() - (fields.offsetMinutes ?? 0) * 60_000);
}
