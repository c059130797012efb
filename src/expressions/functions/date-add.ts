/**
 * DateAdd(interval, value, dateTime): the DateTime moved by `value` intervals (Entra
 * "functions for customizing application data", § DateAdd). Months and years keep the day of
 * the month, clamped to the month's last day (.NET AddMonths: Jan 31 + 1 month = Feb 28/29);
 * "ww" adds 7 days; a fractional `value` is truncated (VBA's Fix). dateTime may be a DateTime
 * or a date string (the reference asks for CDate around strings; we accept both).
 *
 * Null: a null dateTime or value gives null. A literal interval is checked at compile time.
 *
 * Example: DateAdd("d", 7, CDate([StatusHireDate])) with "2012-03-16-07:00" → "3/23/2012 7:00:00 AM"
 */
import { toDate, toInteger, toText } from '../coerce.ts';
import { addMonths, inDateTimeRange } from '../dates/calendar.ts';
import { type Interval, intervalHint, millisecondsPer, parseInterval } from '../dates/interval.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { ExpressionError } from '../expression-error.ts';
import { defineFunction, literalString } from '../function-def.ts';

export const dateAdd = defineFunction({
  name: 'DateAdd',
  minArgs: 3,
  maxArgs: 3,
  signature: 'DateAdd(interval, value, dateTime)',
  description: 'Adds years, months, weeks, days, hours, minutes or seconds to a date.',
  prepare({ node }) {
    const literal = literalString(node.args[0]);
    if (literal !== undefined && parseInterval(literal) === undefined) {
      throw new ExpressionError('invalidArgument', `DateAdd: ${intervalHint}`, node.args[0]!.span);
    }
  },
  evaluate(args) {
    const intervalText = toText(args.value(0), 'DateAdd interval');
    const interval = intervalText === null ? undefined : parseInterval(intervalText);
    if (interval === undefined) return failEvaluation(`DateAdd: ${intervalHint}`);
    const amount = toInteger(args.value(1), 'DateAdd value');
    const date = toDate(args.value(2), 'DateAdd dateTime');
    if (amount === null || date === null) return null;
    const result = addInterval(date, interval, amount);
    if (!inDateTimeRange(result)) failEvaluation('DateAdd: the result is outside years 1–9999');
    return result;
  },
});

function addInterval(date: Date, interval: Interval, amount: number): Date {
  switch (interval) {
    case 'yyyy':
      return addMonths(date, amount * 12);
    case 'm':
      return addMonths(date, amount);
    case 'ww':
      return new Date(date.getTime() + amount * 7 * millisecondsPer.d);
    default:
      return new Date(date.getTime() + amount * millisecondsPer[interval]);
  }
}
