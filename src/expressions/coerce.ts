/**
 * How a function reads its arguments. Entra's functions are typed loosely (VBA-style), so
 * each argument is converted to what the parameter needs, with one rule set for all:
 *
 * - text: strings as they are; numbers in plain decimal; booleans as "True"/"False" (.NET's
 *   Boolean.ToString, which is why `Switch([IsSoftDeleted], , "False", "True", …)` works);
 *   DateTime values as "M/d/yyyy h:mm:ss tt" in UTC; complex values as JSON.
 * - single value: a list of one reads as its element, an empty list as null; a longer list
 *   where one value is expected is an evaluation error (not a silent pick).
 * - numbers: numbers, decimal strings (surrounding whitespace allowed) and VBA hex strings
 *   ("&HF7"); integer parameters truncate toward zero, as VBA's Fix does. Booleans are not
 *   numbers here (VBA's True = -1 surprises more than it helps).
 * - booleans: booleans, "True"/"False" in any case, and numbers (non-zero is True, as CBool).
 * - dates: DateTime values, and strings in the shapes `dates/parse-date.ts` reads.
 *
 * Example: toText(true) → 'True'; toInteger('7', 'value', 'DateAdd') → 7
 */
import { formatEntraDate } from './dates/entra-date-format.ts';
import { parseDate } from './dates/parse-date.ts';
import { failEvaluation } from './evaluation-error.ts';
import type { ElementValue, ExpressionValue } from './values.ts';

/** The single value of `value`, or null; fails for a list of two or more. */
export function single(value: ExpressionValue, what: string): ElementValue | null {
  if (!Array.isArray(value)) return value as ElementValue | null;
  if (value.length === 0) return null;
  if (value.length === 1) return value[0]!;
  return failEvaluation(`${what} expects a single value but got a list of ${value.length}`);
}

export function elementText(value: ElementValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof Date) return formatEntraDate(value);
  return JSON.stringify(value);
}

export function toText(value: ExpressionValue, what: string): string | null {
  const one = single(value, what);
  return one === null ? null : elementText(one);
}

export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) >= 1e21) return BigInt(value).toString();
  return String(value);
}

const decimal = /^[+-]?\d+(?:\.\d+)?$/;
const hex = /^&H[0-9A-F]{1,13}$/i;

export function toNumber(value: ExpressionValue, what: string): number | null {
  const one = single(value, what);
  if (one === null) return null;
  if (typeof one === 'number') return one;
  if (typeof one === 'string') {
    const text = one.trim();
    if (decimal.test(text)) return Number(text);
    if (hex.test(text)) return Number.parseInt(text.slice(2), 16);
  }
  return failEvaluation(`${what} must be a number, got ${describe(one)}`);
}

export function toInteger(value: ExpressionValue, what: string): number | null {
  const number = toNumber(value, what);
  return number === null ? null : Math.trunc(number);
}

export function toBoolean(value: ExpressionValue, what: string): boolean | null {
  const one = single(value, what);
  if (one === null) return null;
  if (typeof one === 'boolean') return one;
  if (typeof one === 'number') return one !== 0;
  if (typeof one === 'string') {
    const text = one.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (decimal.test(text)) return Number(text) !== 0;
  }
  return failEvaluation(`${what} must be True or False, got ${describe(one)}`);
}

export function toDate(value: ExpressionValue, what: string): Date | null {
  const one = single(value, what);
  if (one === null) return null;
  if (one instanceof Date) return one;
  if (typeof one === 'string') {
    const date = parseDate(one);
    if (date) return date;
  }
  return failEvaluation(`${what} must be a date, got ${describe(one)}`);
}

/** The elements of a multi-valued value: null → [], a single value → [it]. */
export function toList(value: ExpressionValue): readonly ElementValue[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value as ElementValue];
}

/** A short quotation of a value for error messages. */
export function describe(value: ExpressionValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  const text = elementText(value as ElementValue);
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return typeof value === 'string' ? JSON.stringify(short) : short;
}
