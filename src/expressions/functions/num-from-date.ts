/**
 * NumFromDate(value): the Active Directory large-integer form of a date, 100-nanosecond ticks
 * since 1601-01-01 UTC, as accountExpires wants it (Entra "functions for customizing
 * application data", § NumFromDate). The value is an ISO 8601 string (offsets honoured, see
 * `dates/parse-date.ts`) or a DateTime. The result is a number, exact for whole seconds up to
 * the year 5000 and for milliseconds up to 2057 (beyond, doubles are coarser than a tick count).
 *
 * Null: null gives null; text that is not a date is an error.
 *
 * Example: NumFromDate("2012-01-01T23:00:00Z") → 129699324000000000
 */
import { toDate } from '../coerce.ts';
import { fileTimeEpochOffsetMs } from '../dates/calendar.ts';
import { defineFunction } from '../function-def.ts';

export const numFromDate = defineFunction({
  name: 'NumFromDate',
  minArgs: 1,
  maxArgs: 1,
  signature: 'NumFromDate(value)',
  description: 'Converts a date to an AD large-integer date (ticks since 1601).',
  evaluate(args) {
    const date = toDate(args.value(0), 'NumFromDate');
    if (date === null) return null;
    return Number(BigInt(date.getTime() + fileTimeEpochOffsetMs) * 10_000n);
  },
});
