/**
 * What "null" and "empty" mean for IsNull, IsNullOrEmpty, IsPresent, Coalesce and
 * IgnoreFlowIfNullOrEmpty (Entra "functions for customizing application data"): an attribute
 * is null when it is absent, so an empty multi-valued attribute is null too; "empty" adds the
 * empty string. Whitespace is not empty (.NET's IsNullOrEmpty, not IsNullOrWhiteSpace).
 *
 * Example: isNullOrEmpty('') → true; isNull('') → false; isNull([]) → true
 */
import type { ExpressionValue } from './values.ts';

export function isNull(value: ExpressionValue): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

export function isNullOrEmpty(value: ExpressionValue): boolean {
  return isNull(value) || value === '';
}
