/**
 * Value equality for PATCH: when a multi-valued attribute "already contains the value" (RFC 7644
 * §3.5.2.1, so an add changes nothing) and which elements a remove-by-value takes out.
 * Complex values with a `value` sub-attribute are compared by `value` (and `type` when both
 * carry one), so `{"$ref":null,"value":"u1"}` names the stored member `{"value":"u1","type":"User"}`.
 *
 * Example: sameValue(members, { value: 'u1' }, { value: 'u1', display: 'Babs' }) → true
 */
import { isPlainObject } from '../resource/types.ts';
import type { AttributeDefinition } from '../schema/types.ts';

/** Structural equality of JSON values, ignoring key order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/** Equality of two simple values under an attribute's `caseExact` (RFC 7643 §2.2). */
export function sameSimple(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && !definition.caseExact) {
    return a.toLowerCase() === b.toLowerCase();
  }
  return deepEqual(a, b);
}

function sub(definition: AttributeDefinition, name: string): AttributeDefinition | undefined {
  return definition.subAttributes?.find((s) => s.name === name);
}

/** True when `a` and `b` denote the same value of `definition` (one element when multi-valued). */
export function sameValue(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (definition.type !== 'complex') return sameSimple(definition, a, b);
  if (!isPlainObject(a) || !isPlainObject(b)) return deepEqual(a, b);
  const valueSub = sub(definition, 'value');
  if (valueSub && a.value !== undefined && b.value !== undefined) {
    if (!sameSimple(valueSub, a.value, b.value)) return false;
    const typeSub = sub(definition, 'type');
    if (typeSub && a.type !== undefined && b.type !== undefined) {
      return sameSimple({ ...typeSub, caseExact: false }, a.type, b.type);
    }
    return true;
  }
  return deepEqual(a, b);
}

/** The index of the first element of `elements` that is the same value as `value`, or -1. */
export function indexOfValue(
  definition: AttributeDefinition,
  elements: readonly unknown[],
  value: unknown,
): number {
  return elements.findIndex((element) => sameValue(definition, element, value));
}
