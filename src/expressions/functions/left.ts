/**
 * Left(string, numChars): the first numChars characters (Entra "functions for customizing
 * application data", § Left), with the reference's rules: numChars 0 gives ""; a negative
 * numChars gives the whole string; a string shorter than numChars is returned whole; a null
 * string gives "" (the reference says so explicitly, unlike Mid). Characters are code points.
 *
 * Example: Left("John Doe", 3) → "Joh"
 */
import { toInteger, toText } from '../coerce.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { defineFunction } from '../function-def.ts';
import { codePointSlice } from '../text/code-points.ts';

export const left = defineFunction({
  name: 'Left',
  minArgs: 2,
  maxArgs: 2,
  signature: 'Left(string, numChars)',
  description: 'The first numChars characters of the text.',
  evaluate(args) {
    const text = toText(args.value(0), 'Left string') ?? '';
    const numChars = toInteger(args.value(1), 'Left numChars');
    if (numChars === null) return failEvaluation('Left: numChars is missing');
    if (numChars < 0) return text;
    return codePointSlice(text, 0, numChars);
  },
});
