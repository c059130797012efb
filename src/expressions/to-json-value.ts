/**
 * A JSON-ready form of an expression value, for previews, logs and fixtures: DateTime values
 * become their "M/d/yyyy h:mm:ss tt" text (how Entra shows them), everything else is already
 * JSON. The engine may instead format a `Date` to suit the target attribute (ISO 8601 for a
 * SCIM dateTime).
 *
 * Example: toJsonValue([new Date('2012-03-23T07:00:00Z')]) → ['3/23/2012 7:00:00 AM']
 */
import { formatEntraDate } from './dates/entra-date-format.ts';
import type { ComplexValue, ExpressionValue } from './values.ts';

export type JsonValue = string | number | boolean | null | ComplexValue | readonly JsonValue[];

export function toJsonValue(value: ExpressionValue): JsonValue {
  if (value instanceof Date) return formatEntraDate(value);
  if (Array.isArray(value)) return value.map((element) => toJsonValue(element));
  return value as JsonValue;
}
