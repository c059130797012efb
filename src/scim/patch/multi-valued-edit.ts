/**
 * Edits of a multi-valued attribute's element list, each returning a new array: appending
 * without duplicates (RFC 7644 §3.5.2.1 "If the target location already contains the value
 * specified, no changes SHOULD be made"), removing listed values, and keeping a single
 * `primary: true` (RFC 7644 §3.5.2). Lookups go through a hash of each element's `value`, so
 * adding to or removing from a list of 100k members stays linear.
 *
 * Example: appendUnique(members, [{ value: 'u1' }], [{ value: 'u1' }, { value: 'u2' }], path)
 *   → { elements: [{ value: 'u1' }, { value: 'u2' }], touched: [0, 1] }
 */
import { isPlainObject } from '../resource/types.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import { mergeComplex } from './element-edit.ts';
import { sameValue } from './same-value.ts';

/** An index key under which equal values are sure to meet (see sameValue). */
function bucketKey(definition: AttributeDefinition, value: unknown): string {
  const key = isPlainObject(value) && definition.type === 'complex' ? value.value : value;
  if (typeof key !== 'string') return JSON.stringify(key ?? null);
  const sub =
    definition.type === 'complex'
      ? definition.subAttributes?.find((s) => s.name === 'value')
      : definition;
  return sub?.caseExact === false ? key.toLowerCase() : key;
}

/**
 * `current` plus each incoming value not already present; a value already present gets the
 * incoming sub-attributes merged in (leniently). `touched` lists the indexes added or updated.
 */
export function appendUnique(
  definition: AttributeDefinition,
  current: readonly unknown[],
  incoming: readonly unknown[],
  path: string,
): { elements: unknown[]; touched: number[] } {
  const elements = [...current];
  const touched: number[] = [];
  const buckets = new Map<string, number[]>();
  const remember = (key: string, i: number) => {
    const list = buckets.get(key);
    if (list) list.push(i);
    else buckets.set(key, [i]);
  };
  elements.forEach((e, i) => {
    remember(bucketKey(definition, e), i);
  });
  for (const value of incoming) {
    const key = bucketKey(definition, value);
    const found = buckets.get(key)?.find((i) => sameValue(definition, elements[i], value));
    if (found === undefined) {
      elements.push(value);
      remember(key, elements.length - 1);
      touched.push(elements.length - 1);
      continue;
    }
    const existing = elements[found];
    if (isPlainObject(existing) && isPlainObject(value)) {
      elements[found] = mergeComplex(definition, existing, value, path, false);
    }
    touched.push(found);
  }
  return { elements, touched };
}

/** `current` without the values equal to one of `listed` (Entra's remove-members-by-value form). */
export function withoutValues(
  definition: AttributeDefinition,
  current: readonly unknown[],
  listed: readonly unknown[],
): unknown[] {
  const buckets = new Map<string, unknown[]>();
  for (const value of listed) {
    const key = bucketKey(definition, value);
    const list = buckets.get(key);
    if (list) list.push(value);
    else buckets.set(key, [value]);
  }
  return current.filter((element) => {
    const candidates = buckets.get(bucketKey(definition, element));
    return !candidates?.some((value) => sameValue(definition, element, value));
  });
}

/** RFC 7644 §3.5.2: a value set to `primary: true` makes every other value `primary: false`. */
export function keepOnePrimary(
  definition: AttributeDefinition,
  elements: unknown[],
  touched: readonly number[],
): void {
  if (!definition.subAttributes?.some((s) => s.name === 'primary')) return;
  const winner = touched.find((i) => {
    const e = elements[i];
    return isPlainObject(e) && e.primary === true;
  });
  if (winner === undefined) return;
  elements.forEach((e, i) => {
    if (i !== winner && isPlainObject(e) && e.primary === true)
      elements[i] = { ...e, primary: false };
  });
}
