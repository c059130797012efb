/**
 * DateDiff(interval, date1, date2): how many intervals from date1 to date2, positive when date2
 * is later (Entra "functions for customizing application data", § DateDiff). The counting is
 * Visual Basic's DateDiff, which the documented results follow:
 *
 * - "yyyy" and "m" count calendar boundaries (2021-08 → 2012-03 is -113 months);
 * - "ww" counts calendar weeks: both dates move back to their week's Sunday first, which is why
 *   8/25/2021 → 2012-03-16 is -493 weeks while the elapsed time is -492.8 weeks;
 * - "d", "h", "n", "s" count whole elapsed units, truncated toward zero.
 *
 * Dates may be DateTime values or date strings. Null: either date null gives null.
 *
 * Example: DateDiff("d", CDate("2021-08-18+08:00"), CDate("2021-08-31+08:00")) → 13
 */
import { toDate, toText } from '../coerce.ts';
import { startOfDay } from '../dates/calendar.ts';
import { type Interval, intervalHint, millisecondsPer, parseInterval } from '../dates/interval.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { ExpressionError } from '../expression-error.ts';
import { defineFunction, literalString } from '../function-def.ts';

export const dateDiff = defineFunction({
  name: 'DateDiff',
  minArgs: 3,
  maxArgs: 3,
  signature: 'DateDiff(interval, date1, date2)',
  description: 'The number of intervals between two dates (date2 − date1).',
  prepare({ node }) {
    const literal = literalString(node.args[0]);
    if (literal !== undefined && parseInterval(literal) === undefined) {
      throw new ExpressionError('invalidArgument', `DateDiff: ${intervalHint}`, node.args[0]!.span);
    }
  },
  evaluate(args) {
    const intervalText = toText(args.value(0), 'DateDiff interval');
    const interval = intervalText === null ? undefined : parseInterval(intervalText);
    if (interval === undefined) return failEvaluation(`DateDiff: ${intervalHint}`);
    const date1 = toDate(args.value(1), 'DateDiff date1');
    const date2 = toDate(args.value(2), 'DateDiff date2');
    if (date1 === null || date2 === null) return null;
    return difference(interval, date1, date2);
  },
});

function difference(interval: Interval, date1: Date, date2: Date): number {
  const years = date2.getUTCFullYear() - date1.getUTCFullYear();
  switch (interval) {
    case 'yyyy':
      return years;
    case 'm':
      return years * 12 + date2.getUTCMonth() - date1.getUTCMonth();
    case 'ww': {
      const sunday1 = startOfDay(date1).getTime() - date1.getUTCDay() * millisecondsPer.d;
      const sunday2 = startOfDay(date2).getTime() - date2.getUTCDay() * millisecondsPer.d;
      return Math.round((sunday2 - sunday1) / (7 * millisecondsPer.d));
    }
    default:
      return Math.trunc((date2.getTime() - date1.getTime()) / millisecondsPer[interval]) + 0;
  }
}
