/**
 * Reads and writes one top-level attribute of the working copy of a resource: core attributes
 * at the top level, extension attributes under their schema URN (RFC 7643 §3.3), keys matched
 * case-insensitively and written back in canonical spelling. Writing an empty value (null, [],
 * {}) unassigns the attribute (RFC 7643 §2.5), so "absent" has one representation.
 *
 * Example: writeSlot(user, users.resolve({ name: 'NICKNAME' })!, 'Babs') sets user.nickName
 */

import { isPlainObject, type ScimResource } from '../resource/types.ts';
import type { ResolvedAttribute } from '../schema/resource-schema.ts';

/** The key of `object` equal to `name` ignoring case, preferring the exact spelling. */
function findKey(object: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

/** Sets `object[name]` in canonical spelling (in place when it is there), dropping case variants. */
export function setKey(object: Record<string, unknown>, name: string, value: unknown): void {
  const lower = name.toLowerCase();
  for (const k of Object.keys(object)) {
    if (k !== name && k.toLowerCase() === lower) delete object[k];
  }
  object[name] = value;
}

/** Deletes every key of `object` equal to `name` ignoring case. */
export function deleteKey(object: Record<string, unknown>, name: string): void {
  const lower = name.toLowerCase();
  for (const k of Object.keys(object)) if (k.toLowerCase() === lower) delete object[k];
}

/** True for the RFC 7643 §2.5 "unassigned" states: absent, null, [] and {}. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** The current value of the attribute, or undefined when it is unassigned. */
export function readSlot(resource: ScimResource, at: ResolvedAttribute): unknown {
  let container: Record<string, unknown> = resource;
  if (!at.inCore) {
    const key = findKey(resource, at.schema);
    const extension = key === undefined ? undefined : resource[key];
    if (!isPlainObject(extension)) return undefined;
    container = extension;
  }
  const key = findKey(container, at.name);
  const value = key === undefined ? undefined : container[key];
  return isEmpty(value) ? undefined : value;
}

/**
 * Writes the attribute (unassigns it when `value` is empty). Creates the extension object when
 * needed and removes it when its last attribute goes; `schemas` is fixed up by the caller.
 */
export function writeSlot(resource: ScimResource, at: ResolvedAttribute, value: unknown): void {
  const empty = isEmpty(value);
  if (at.inCore) {
    if (empty) deleteKey(resource, at.name);
    else setKey(resource, at.name, value);
    return;
  }
  const key = findKey(resource, at.schema);
  const current = key === undefined ? undefined : resource[key];
  const extension = isPlainObject(current) ? current : {};
  if (empty) deleteKey(extension, at.name);
  else setKey(extension, at.name, value);
  if (Object.keys(extension).length === 0) deleteKey(resource, at.schema);
  else setKey(resource, at.schema, extension);
}
