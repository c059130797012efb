/**
 * InStr(value1, value2, start, compareType): the 1-based position of the first occurrence of
 * value2 in value1 at or after `start`, or 0 (Entra "functions for customizing application
 * data", § InStr). compareType is vbBinaryCompare (0, the default: case-sensitive) or
 * vbTextCompare (1: case-insensitive), written bare, as a number or as a string. Positions count
 * characters (code points). As in VBA: an empty value1 or a start past its end gives 0; an
 * empty value2 is found at `start`; a start below 1 is an error.
 *
 * Null: a null value1 or value2 gives null; a null start is 1.
 *
 * Example: InStr("repEated", "e", 3, vbBinaryCompare) → 7
 */
import { toInteger, toText } from '../coerce.ts';
import { enumValue } from '../enum-names.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { defineFunction } from '../function-def.ts';
import { toLowerText } from '../text/case-map.ts';
import { codePointIndex, codePointLength, utf16Offset } from '../text/code-points.ts';

export const instr = defineFunction({
  name: 'InStr',
  minArgs: 2,
  maxArgs: 4,
  signature: 'InStr(value1, value2, start, compareType)',
  description: 'The position of a substring (1-based), or 0 when absent.',
  evaluate(args) {
    let haystack = toText(args.value(0), 'InStr value1');
    let needle = toText(args.value(1), 'InStr value2');
    const start = toInteger(args.value(2), 'InStr start') ?? 1;
    if (start < 1) failEvaluation(`InStr: start must be 1 or more, got ${start}`);
    if (compareMode(args.value(3)) === 1 && haystack !== null && needle !== null) {
      haystack = toLowerText(haystack, undefined);
      needle = toLowerText(needle, undefined);
    }
    if (haystack === null || needle === null) return null;
    if (haystack === '' || start > codePointLength(haystack)) return 0;
    if (needle === '') return start;
    const found = haystack.indexOf(needle, utf16Offset(haystack, start - 1));
    return found === -1 ? 0 : codePointIndex(haystack, found) + 1;
  },
});

function compareMode(value: unknown): 0 | 1 {
  if (value === null || value === 0 || value === 1) return (value ?? 0) as 0 | 1;
  if (typeof value === 'string') {
    const named =
      enumValue(value.trim()) ?? (value.trim() === '0' ? 0 : value.trim() === '1' ? 1 : undefined);
    if (named === 0 || named === 1) return named;
  }
  return failEvaluation('InStr: compareType must be vbBinaryCompare (0) or vbTextCompare (1)');
}
