/**
 * One attribute operator applied to one stored value, by the attribute's RFC 7643 §2.3 type
 * (RFC 7644 §3.4.2.2, Table 3):
 * - string, reference, binary: by code unit, case-folded with toLowerCase() unless `caseExact`
 *   (RFC 7644: "the case sensitivity … SHALL be determined by the attribute's caseExact");
 * - dateTime: as instants (a value without a zone is read as UTC); the literal must be a dateTime;
 * - integer, decimal: numerically; boolean: eq / ne only.
 * Refused with 400 `invalidFilter` when the pair is unsupported: gt/ge/lt/le on boolean or binary
 * (RFC), and — our choice — co/sw/ew on boolean, numbers and dateTime, whose values are not text.
 * Leniencies: "True"/"False" strings for booleans (Entra sends `roles[primary eq "True"]`),
 * numeric strings for numbers, and a number or boolean literal against a string attribute is
 * compared as its JSON text (`externalId eq 12345`, unquoted as in Microsoft's older examples).
 *
 * Example: comparisonTest(bindComparison(userNameDefinition, 'sw', 'J', fail))('jsmith') → true
 */

import { isDateTime } from '../resource/coerce.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import type { CompareOperator } from './ast.ts';

/** Tests one present (non-null) stored value. */
export type ValueTest = (value: unknown) => boolean;

const ordering = new Set<CompareOperator>(['gt', 'ge', 'lt', 'le']);
const textual = new Set<CompareOperator>(['co', 'sw', 'ew']);
const zoned = /(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch for an xsd:dateTime, or undefined. */
export function toInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !isDateTime(value)) return undefined;
  return Date.parse(zoned.test(value) ? value : `${value}Z`);
}

function order(op: CompareOperator, a: number | string, b: number | string): boolean {
  const sign = a < b ? -1 : a > b ? 1 : 0;
  if (op === 'eq') return sign === 0;
  if (op === 'ne') return sign !== 0;
  if (op === 'gt') return sign > 0;
  if (op === 'ge') return sign >= 0;
  if (op === 'lt') return sign < 0;
  return sign <= 0;
}

function textTest(op: CompareOperator, literal: string, fold: (s: string) => string): ValueTest {
  const want = fold(literal);
  return (value) => {
    if (typeof value !== 'string') return op === 'ne';
    const have = fold(value);
    if (op === 'co') return have.includes(want);
    if (op === 'sw') return have.startsWith(want);
    if (op === 'ew') return have.endsWith(want);
    return order(op, have, want);
  };
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const lower = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function toNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * A comparison bound to its attribute type: the literal already converted (folded text is
 * folded by the consumer), unsupported pairs already refused. The in-memory evaluator and the
 * store's SQL compiler both start from this, so they accept and refuse the same filters.
 */
export type ComparisonValue =
  | { type: 'text'; op: CompareOperator; value: string; caseExact: boolean }
  | { type: 'boolean'; op: CompareOperator; value: boolean }
  | { type: 'number'; op: CompareOperator; value: number }
  | { type: 'instant'; op: CompareOperator; value: number; text: string };

/** Binds `definition op literal`; `refuse(reason)` throws the invalidFilter error. */
export function bindComparison(
  definition: AttributeDefinition,
  op: CompareOperator,
  literal: string | number | boolean,
  refuse: (reason: string) => never,
): ComparisonValue {
  const type = definition.type;
  if (ordering.has(op) && (type === 'boolean' || type === 'binary')) {
    refuse(`"${op}" is not defined for ${type} attributes (RFC 7644 §3.4.2.2)`);
  }
  if (textual.has(op) && type !== 'string' && type !== 'reference' && type !== 'binary') {
    refuse(`"${op}" compares text and is not supported for ${type} attributes`);
  }
  if (type === 'string' || type === 'reference' || type === 'binary') {
    const value = typeof literal === 'string' ? literal : String(literal);
    return { type: 'text', op, value, caseExact: definition.caseExact };
  }
  if (type === 'boolean') {
    const value = toBoolean(literal);
    if (value === undefined) refuse('a boolean attribute compares with true or false');
    return { type: 'boolean', op, value };
  }
  if (type === 'integer' || type === 'decimal') {
    const value = toNumber(literal);
    if (value === undefined) refuse(`a ${type} attribute compares with a number`);
    return { type: 'number', op, value };
  }
  if (type === 'dateTime') {
    const value = toInstant(literal);
    if (value === undefined) {
      refuse(
        'a dateTime attribute compares with an xsd:dateTime string such as "2011-05-13T04:42:34Z"',
      );
    }
    return { type: 'instant', op, value, text: String(literal) };
  }
  return refuse('a complex attribute without a "value" sub-attribute cannot be compared');
}

/**
 * The in-memory test for a bound comparison. A stored value of the wrong shape never equals the
 * literal (so it satisfies only `ne`).
 */
export function comparisonTest(c: ComparisonValue): ValueTest {
  const { op } = c;
  if (c.type === 'text') {
    return textTest(op, c.value, c.caseExact ? (s: string) => s : (s: string) => s.toLowerCase());
  }
  if (c.type === 'boolean') return (value) => (toBoolean(value) === c.value) === (op === 'eq');
  const read = c.type === 'number' ? toNumber : toInstant;
  return (value) => {
    const have = read(value);
    return have === undefined ? op === 'ne' : order(op, have, c.value);
  };
}
