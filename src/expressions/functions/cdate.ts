/**
 * CDate(expression): a UTC DateTime from a date/time string (Entra "functions for customizing
 * application data", § CDate), for DateAdd, DateDiff and FormatDateTime; as text it reads
 * "M/d/yyyy h:mm:ss tt". The accepted shapes are in `dates/parse-date.ts`; an offset converts
 * to UTC, so "2021-06-30+08:00" is the 29th at 4 PM.
 *
 * Null: null gives null; text that is not a date is an error.
 *
 * Example: CDate("2009-06-15T01:45:30-07:00") → "6/15/2009 8:45:30 AM"
 */
import { toDate } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const cdate = defineFunction({
  name: 'CDate',
  minArgs: 1,
  maxArgs: 1,
  signature: 'CDate(expression)',
  description: 'Reads a date/time string as a UTC DateTime.',
  evaluate(args) {
    return toDate(args.value(0), 'CDate');
  },
});
