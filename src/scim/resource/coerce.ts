/**
 * Coerces one incoming value to its attribute's RFC 7643 §2.3 type, accepting the shapes real
 * IdPs send (entra-scim-contract.md): "True"/"False" strings for booleans, numeric strings for
 * numbers, a complex value given as a JSON string or as its bare `value`, a one-element array
 * for a single-valued attribute. Anything else is a 400 `invalidValue` that quotes the input.
 *
 * Example: coerceValue(activeDefinition, 'False', 'active') → false
 */
import { badRequest, quote } from '../errors.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import { isPlainObject } from './types.ts';

export interface CoerceOptions {
  /** Reject string values outside `canonicalValues` (RFC 7643 §2.3.1 lets a server do so). */
  strictCanonicalValues?: boolean;
}

const dateTimePattern = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/** True when `text` is an xsd:dateTime (RFC 7643 §2.3.5) naming a real instant. */
export function isDateTime(text: string): boolean {
  return dateTimePattern.test(text) && !Number.isNaN(Date.parse(text));
}

/**
 * Coerces `value` for `definition` (multi-valued attributes give arrays). Returns null for an
 * explicit null, which callers treat as "unassigned" (RFC 7643 §2.5).
 */
export function coerceValue(
  definition: AttributeDefinition,
  value: unknown,
  where: string,
  options: CoerceOptions = {},
): unknown {
  if (value === null || value === undefined) return null;
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    const out: unknown[] = [];
    items.forEach((item, i) => {
      const coerced = coerceSingle(definition, item, `${where}[${i}]`, options);
      if (coerced !== null) out.push(coerced);
    });
    return out;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    if (value.length > 1) {
      throw badRequest(
        'invalidValue',
        `Attribute "${where}" is single-valued but got ${value.length} values: ${quote(value)}`,
      );
    }
    return coerceSingle(definition, value[0], where, options);
  }
  return coerceSingle(definition, value, where, options);
}

function fail(where: string, expected: string, value: unknown): never {
  throw badRequest('invalidValue', `Attribute "${where}" must be ${expected}, got ${quote(value)}`);
}

function coerceSingle(
  definition: AttributeDefinition,
  value: unknown,
  where: string,
  options: CoerceOptions,
): unknown {
  if (value === null || value === undefined) return null;
  switch (definition.type) {
    case 'string':
    case 'reference': {
      if (typeof value !== 'string')
        fail(where, `a ${definition.type === 'string' ? 'string' : 'reference (string)'}`, value);
      const canonical = definition.canonicalValues;
      if (options.strictCanonicalValues && canonical && canonical.length > 0) {
        if (!canonical.some((c) => c.toLowerCase() === value.toLowerCase())) {
          fail(where, `one of ${canonical.map((c) => `"${c}"`).join(', ')}`, value);
        }
      }
      return value;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const lower = value.trim().toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
      }
      return fail(where, 'a boolean (true or false)', value);
    }
    case 'integer': {
      const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) fail(where, 'an integer', value);
      return n;
    }
    case 'decimal': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) fail(where, 'a decimal number', value);
      return n;
    }
    case 'dateTime': {
      if (typeof value !== 'string' || !isDateTime(value))
        fail(where, 'an xsd:dateTime such as "2026-01-31T12:00:00Z"', value);
      return value;
    }
    case 'binary': {
      if (typeof value !== 'string' || value.length % 4 !== 0 || !base64Pattern.test(value)) {
        fail(where, 'base64-encoded binary', value);
      }
      return value;
    }
    case 'complex':
      return coerceComplex(definition, value, where, options);
  }
}

function coerceComplex(
  definition: AttributeDefinition,
  value: unknown,
  where: string,
  options: CoerceOptions,
): unknown {
  let object = value;
  if (typeof value === 'string') {
    // Entra sends role values as a JSON string holding an object, and a manager as its bare id.
    const trimmed = value.trim();
    if (trimmed.startsWith('{')) {
      try {
        object = JSON.parse(trimmed);
      } catch {
        fail(where, 'a complex value (a JSON object)', value);
      }
    } else if (definition.subAttributes?.some((s) => s.name === 'value')) {
      object = { value };
    }
  }
  if (!isPlainObject(object)) return fail(where, 'a complex value (a JSON object)', value);
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(object)) {
    const sub = definition.subAttributes?.find((s) => s.name.toLowerCase() === key.toLowerCase());
    if (!sub) continue; // RFC 7644 §3.3: unknown attributes are ignored
    const coerced = coerceValue(sub, raw, `${where}.${sub.name}`, options);
    if (coerced !== null) out[sub.name] = coerced;
  }
  return Object.keys(out).length === 0 ? null : out;
}
