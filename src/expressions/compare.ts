/**
 * The comparison operators allowed in IIF's condition and anywhere an expression is expected
 * (Entra "functions for customizing application data", § IIF: `=`, `<>`, `>`, `>=`, `<`, `<=`).
 *
 * - If either side is null, the comparison is False, whatever the operator: the reference says
 *   "if the source attribute used within the IIF function is empty or null, the condition check
 *   fails". (`<>` too: `IIF([country] <> "USA", …)` takes the False branch for a user with no
 *   country.) Test for absence with IsNullOrEmpty/IsPresent, which do work inside IIF here.
 * - A DateTime against a date string compares instants; a boolean against "True"/"False"
 *   compares booleans; a number against a number or a numeric string compares numbers.
 * - Everything else compares as text, ordinal and case-sensitive, like Switch.
 *
 * Example: compareValues('>', 13, '5') → true; compareValues('=', 'usa', 'USA') → false
 */
import type { CompareOperator } from './ast.ts';
import { elementText, single } from './coerce.ts';
import { parseDate } from './dates/parse-date.ts';
import type { ElementValue, ExpressionValue } from './values.ts';

export function compareValues(
  op: CompareOperator,
  leftValue: ExpressionValue,
  rightValue: ExpressionValue,
): boolean {
  const left = single(leftValue, `the left side of '${op}'`);
  const right = single(rightValue, `the right side of '${op}'`);
  if (left === null || right === null) return false;
  const order = ordered(left, right);
  switch (op) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function ordered(left: ElementValue, right: ElementValue): number {
  if (left instanceof Date || right instanceof Date) {
    const a = asTime(left);
    const b = asTime(right);
    if (a !== undefined && b !== undefined) return Math.sign(a - b);
  } else if (typeof left === 'boolean' || typeof right === 'boolean') {
    const a = asBoolean(left);
    const b = asBoolean(right);
    if (a !== undefined && b !== undefined) return Number(a) - Number(b);
  } else if (typeof left === 'number' || typeof right === 'number') {
    const a = asNumber(left);
    const b = asNumber(right);
    if (a !== undefined && b !== undefined) return Math.sign(a - b);
  }
  const a = elementText(left);
  const b = elementText(right);
  return a === b ? 0 : a < b ? -1 : 1;
}

function asTime(value: ElementValue): number | undefined {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' ? parseDate(value)?.getTime() : undefined;
}

function asBoolean(value: ElementValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function asNumber(value: ElementValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || !/^\s*[+-]?\d+(?:\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}
