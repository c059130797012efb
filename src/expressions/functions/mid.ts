/**
 * Mid(source, start, length): `length` characters from position `start`, counting from 1
 * (Entra "functions for customizing application data", § Mid). A length that runs past the end
 * stops at the end; a start past the end gives "". A start below 1 or a negative length is an
 * error (VBA's "invalid procedure call"), not a guess. Characters are code points.
 *
 * Null: a null source gives null.
 *
 * Example: Mid([givenName], 1, 3) with "John" → "Joh"
 */
import { toInteger, toText } from '../coerce.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { defineFunction } from '../function-def.ts';
import { codePointSlice } from '../text/code-points.ts';

export const mid = defineFunction({
  name: 'Mid',
  minArgs: 3,
  maxArgs: 3,
  signature: 'Mid(source, start, length)',
  description: 'length characters of the text from the 1-based start.',
  evaluate(args) {
    const source = toText(args.value(0), 'Mid source');
    const start = toInteger(args.value(1), 'Mid start');
    const length = toInteger(args.value(2), 'Mid length');
    if (start === null || length === null)
      return failEvaluation('Mid: start and length are required');
    if (start < 1) failEvaluation(`Mid: start counts from 1, got ${start}`);
    if (length < 0) failEvaluation(`Mid: length must not be negative, got ${length}`);
    if (source === null) return null;
    return codePointSlice(source, start - 1, start - 1 + length);
  },
});
