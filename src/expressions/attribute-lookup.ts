/**
 * Reads `[attribute]` references from the evaluation context. Names match case-insensitively
 * (an exact match is tried first); the lower-case index of an attributes object is built on
 * the first miss and kept in a WeakMap, so one object evaluated by many mappings pays once.
 * `[IsSoftDeleted]` reads the context's `isSoftDeleted` when given, else an attribute of that
 * name, else False: Entra always has it (customize-application-attributes.md, "What you should
 * know").
 *
 * Example: lookupAttribute({ attributes: { givenName: 'Ann' } }, 'GIVENNAME') → 'Ann'
 */
import type { AttributeValue, ExpressionValue } from './values.ts';
import { normalizeAttribute } from './values.ts';

export type Attributes = Readonly<Record<string, AttributeValue>>;

const lowerIndexes = new WeakMap<Attributes, Map<string, string>>();

export function lookupAttribute(
  attributes: Attributes,
  isSoftDeleted: boolean | undefined,
  name: string,
): ExpressionValue {
  const lower = name.toLowerCase();
  if (lower === 'issoftdeleted' && isSoftDeleted !== undefined) return isSoftDeleted;
  if (Object.hasOwn(attributes, name)) return normalizeAttribute(attributes[name]);
  let index = lowerIndexes.get(attributes);
  if (!index) {
    index = new Map();
    for (const key of Object.keys(attributes)) {
      const keyLower = key.toLowerCase();
      if (!index.has(keyLower)) index.set(keyLower, key);
    }
    lowerIndexes.set(attributes, index);
  }
  const key = index.get(lower);
  if (key !== undefined) return normalizeAttribute(attributes[key]);
  return lower === 'issoftdeleted' ? false : null;
}
