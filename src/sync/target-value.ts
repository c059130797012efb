/**
 * Turns an expression value into the RFC 7643 §2.3 JSON type of the target attribute, so that
 * the target receives standard shapes: `active` gets `true`, not Entra's "True"; a DateTime
 * becomes an xsd:dateTime for a dateTime attribute and Entra's "M/d/yyyy h:mm:ss tt" text for a
 * string one; numbers and booleans written to a string attribute become text ("True", as CStr
 * gives). A list for a single-valued attribute is an error unless it holds one value. An empty
 * string is no value (nothing is sent, as for null).
 *
 * Example: toTargetValue('False', activeDefinition) → { ok: true, value: false }
 *          toTargetValue(['a', 'b'], titleDefinition) → { ok: false, message: 'single-valued …' }
 */
import { type ElementValue, toJsonValue } from '../expressions/index.ts';
import { type AttributeDefinition, coerceValue, isPlainObject, ScimError } from '../scim/index.ts';

export type TargetValueResult =
  | { ok: true; value: unknown }
  | { ok: true; value: undefined; empty: true }
  | { ok: false; message: string };

const empty: TargetValueResult = { ok: true, value: undefined, empty: true };

function asText(value: ElementValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof Date) return toJsonValue(value) as string;
  return undefined;
}

/** The value without Dates (ISO 8601) and without null/undefined keys in objects. */
function plain(value: ElementValue): unknown {
  if (value instanceof Date) return value.toISOString();
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
    );
  }
  return value;
}

function one(
  value: ElementValue,
  definition: AttributeDefinition,
  where: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (definition.type === 'string' || definition.type === 'reference') {
    const text = asText(value);
    if (text === undefined) return { ok: false, message: `"${where}" wants text, got an object` };
    return { ok: true, value: text };
  }
  try {
    const single = { ...definition, multiValued: false };
    const coerced = coerceValue(single, plain(value), where);
    return { ok: true, value: coerced };
  } catch (error) {
    if (error instanceof ScimError) return { ok: false, message: error.detail };
    throw error;
  }
}

/** Converts `value` for `definition` (undefined: an opaque extension attribute, sent as JSON). */
export function toTargetValue(
  value: ElementValue | readonly ElementValue[],
  definition: AttributeDefinition | undefined,
  where: string,
): TargetValueResult {
  const items: readonly ElementValue[] = Array.isArray(value) ? value : [value as ElementValue];
  if (definition === undefined) {
    const out = items.filter((item) => item !== '').map(plain);
    if (out.length === 0) return empty;
    return { ok: true, value: Array.isArray(value) ? out : out[0] };
  }
  if (!definition.multiValued && items.length > 1) {
    return {
      ok: false,
      message: `"${where}" is single-valued but the source gave ${items.length} values`,
    };
  }
  const out: unknown[] = [];
  for (const item of items) {
    if (item === '') continue;
    const converted = one(item, definition, where);
    if (!converted.ok) return converted;
    if (converted.value !== null && converted.value !== undefined) out.push(converted.value);
  }
  if (out.length === 0) return empty;
  return { ok: true, value: definition.multiValued ? out : out[0] };
}
