/**
 * Edits of one complex value that add, replace and remove share, each returning a new object
 * (the caller's copy is never changed in place): merging sub-attributes into it, setting one
 * sub-attribute, removing one — with the immutable and required checks of RFC 7643 §2.2.
 *
 * Example: setSub(emails, { type: 'work' }, valueSub, 'x@y.test', 'replace', path)
 *   → { type: 'work', value: 'x@y.test' }
 */

import { coerceValue } from '../resource/coerce.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import { incomingElements } from './incoming-values.ts';
import { assertSubKept, assertSubRemovable } from './mutability.ts';
import { sameValue } from './same-value.ts';

type Element = Record<string, unknown>;

function subOf(definition: AttributeDefinition, name: string): AttributeDefinition | undefined {
  return definition.subAttributes?.find((s) => s.name === name);
}

/**
 * `existing` with `incoming`'s sub-attributes laid over it. Strict: an immutable sub-attribute
 * that would change is a 400. Lenient, for re-adding a value that is already there: the stored
 * `value` and `type` (its identity, see same-value.ts) and immutable sub-attributes are kept,
 * so adding `BJensen@Example.com` again does not respell the stored address.
 */
export function mergeComplex(
  definition: AttributeDefinition,
  existing: Element,
  incoming: Element,
  path: string,
  strict = true,
): Element {
  const out = { ...existing };
  for (const [key, value] of Object.entries(incoming)) {
    const sub = subOf(definition, key);
    const held = out[key] !== undefined;
    if (!strict && held && (sub?.mutability === 'immutable' || key === 'value' || key === 'type')) {
      continue;
    }
    if (sub?.mutability === 'immutable' && held) {
      assertSubKept(sub, definition.name, out[key], value, path);
    }
    out[key] = value;
  }
  return out;
}

/** `element` with sub-attribute `sub` set from `raw` (add appends when the sub is multi-valued). */
export function setSub(
  definition: AttributeDefinition,
  element: Element,
  sub: AttributeDefinition,
  raw: unknown,
  op: 'add' | 'replace',
  path: string,
): Element {
  const where = `${definition.name}.${sub.name}`;
  const out = { ...element };
  const value = sub.multiValued ? incomingElements(sub, raw, where) : coerceValue(sub, raw, where);
  if (value === null || (Array.isArray(value) && value.length === 0)) {
    if (op === 'add' || out[sub.name] === undefined) return out;
    assertSubRemovable(sub, definition.name, path);
    delete out[sub.name];
    return out;
  }
  if (sub.multiValued && op === 'add' && Array.isArray(out[sub.name])) {
    const current = out[sub.name] as unknown[];
    const fresh = (value as unknown[]).filter((v) => !current.some((c) => sameValue(sub, c, v)));
    out[sub.name] = [...current, ...fresh];
    return out;
  }
  assertSubKept(sub, definition.name, out[sub.name], value, path);
  out[sub.name] = value;
  return out;
}

/** `element` without sub-attribute `sub` (a required one is a 400 mutability). */
export function removeSub(
  definition: AttributeDefinition,
  element: Element,
  sub: AttributeDefinition,
  path: string,
): Element {
  if (element[sub.name] === undefined) return element;
  assertSubRemovable(sub, definition.name, path);
  const out = { ...element };
  delete out[sub.name];
  return out;
}
