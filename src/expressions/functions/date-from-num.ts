/**
 * DateFromNum(value): the DateTime of an Active Directory large-integer date, the count of
 * 100-nanosecond ticks since 1601-01-01 UTC used by lastLogonTimestamp, accountExpires and
 * pwdLastSet (Entra "functions for customizing application data", § DateFromNum). The value
 * may be a number or a string of digits (read exactly, as AD values exceed 2^53); it is rounded
 * to the nearest millisecond, so a number that lost its last digits to floating point still
 * lands on the instant it came from.
 *
 * Null: null gives null, and so do 0 and 9223372036854775807, AD's two spellings of "never"
 * (an account that never expires has no expiry date to send).
 *
 * Example: DateFromNum(129699324000000000) → "1/1/2012 11:00:00 PM"
 */
import { describe, single } from '../coerce.ts';
import { fileTimeEpochOffsetMs, inDateTimeRange } from '../dates/calendar.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { defineFunction } from '../function-def.ts';

const never = 9_223_372_036_854_775_807n;

export const dateFromNum = defineFunction({
  name: 'DateFromNum',
  minArgs: 1,
  maxArgs: 1,
  signature: 'DateFromNum(value)',
  description: 'Converts an AD large-integer date (ticks since 1601) to a DateTime.',
  evaluate(args) {
    const value = single(args.value(0), 'DateFromNum');
    if (value === null) return null;
    let ticks: bigint | undefined;
    if (typeof value === 'number' && Number.isInteger(value)) ticks = BigInt(value);
    if (typeof value === 'string' && /^\s*-?\d{1,19}\s*$/.test(value)) ticks = BigInt(value.trim());
    if (ticks === undefined)
      return failEvaluation(`DateFromNum expects a whole number of ticks, got ${describe(value)}`);
    if (ticks === 0n || ticks >= never) return null;
    const date = new Date(Number((ticks + 5_000n) / 10_000n) - fileTimeEpochOffsetMs);
    if (ticks < 0n || !inDateTimeRange(date))
      failEvaluation(`DateFromNum: ${ticks} is not a valid AD date`);
    return date;
  },
});
