/**
 * Reads attribute values out of a resource by resolved reference, tolerating keys spelled in
 * another case (RFC 7643 §2.1: attribute names are case-insensitive).
 *
 * Example: readValues(user, users.resolve({ name: 'emails', subAttr: 'value' })!) → ['a@x.test', 'b@x.test']
 */
import type { ResolvedAttribute } from '../schema/resource-schema.ts';
import { isPlainObject, type ScimResource } from './types.ts';

/** The value under `key`, by exact key first and then case-insensitively. */
export function getKey(object: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(object, key)) return object[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(object)) if (k.toLowerCase() === lower) return object[k];
  return undefined;
}

/** The object that holds the attribute: the resource itself, or its extension object. */
export function containerOf(
  resource: ScimResource,
  at: ResolvedAttribute,
): Record<string, unknown> | undefined {
  if (at.inCore) return resource;
  const extension = getKey(resource, at.schema);
  return isPlainObject(extension) ? extension : undefined;
}

/** The raw value of the top-level attribute (`emails` for `emails.value`), or undefined. */
export function readAttribute(resource: ScimResource, at: ResolvedAttribute): unknown {
  const container = containerOf(resource, at);
  return container === undefined ? undefined : getKey(container, at.name);
}

/**
 * Every value the reference denotes, flattened: the elements of a multi-valued attribute, the
 * sub-attribute of each element, or the single value. Absent and null values are left out.
 */
export function readValues(resource: ScimResource, at: ResolvedAttribute): unknown[] {
  const raw = readAttribute(resource, at);
  const items = Array.isArray(raw) ? raw : [raw];
  const out: unknown[] = [];
  for (const item of items) {
    const value =
      at.subAttr === undefined ? item : isPlainObject(item) ? getKey(item, at.subAttr) : undefined;
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out.push(...value.filter((v) => v !== undefined && v !== null));
    else out.push(value);
  }
  return out;
}
