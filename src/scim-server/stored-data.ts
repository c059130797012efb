/**
 * The part of a resource the store keeps (`ResourceRecord.data`): everything but `id` and
 * `meta` (assembled at the edge), `members` (rows) and `groups` (derived), and `password`
 * (Roster is not a sign-in system: a password sent by an IdP is accepted and discarded, never
 * stored and never returned; ServiceProviderConfig says changePassword false).
 *
 * On PUT (RFC 7644 §3.5.1) an immutable attribute the body leaves out is "not asserted", so its
 * stored value is carried over (`carryOverImmutable`, the contract of checkImmutable).
 *
 * Example: storedData({ schemas, id: 'x', userName: 'b', password: 'p' }) → { schemas, userName: 'b' }
 */

import {
  type AttributeDefinition,
  commonAttributes,
  getKey,
  isPlainObject,
  type ResourceSchema,
  type ScimResource,
} from '../scim/index.ts';
import type { ResourceRecord } from '../store/store.ts';

const notStored = new Set(['id', 'meta', 'members', 'groups', 'password']);

export function storedData(resource: ScimResource): ScimResource {
  const out: ScimResource = {};
  for (const [key, value] of Object.entries(resource)) {
    if (!notStored.has(key)) out[key] = value;
  }
  return out;
}

/** The stored data with its `id`, the working copy a PATCH applies to (Okta repeats the id). */
export const withId = (record: ResourceRecord): ScimResource => ({ ...record.data, id: record.id });

/** Copies into `to` the immutable attributes that `to` lacks and `from` has; true if any. */
function carry(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  attributes: readonly AttributeDefinition[],
): boolean {
  let carried = false;
  for (const { name, mutability } of attributes) {
    if (mutability !== 'immutable' || to[name] !== undefined || from[name] === undefined) continue;
    to[name] = from[name];
    carried = true;
  }
  return carried;
}

/** `next` with every immutable attribute it leaves out copied from `existing`. */
export function carryOverImmutable(
  existing: ScimResource,
  next: ScimResource,
  schema: ResourceSchema,
): ScimResource {
  const out = { ...next };
  carry(existing, out, [...commonAttributes, ...schema.core.attributes]);
  for (const { schema: extension } of schema.extensions) {
    const before = getKey(existing, extension.id);
    if (!isPlainObject(before)) continue;
    const current = getKey(out, extension.id);
    const after = isPlainObject(current) ? { ...current } : {};
    if (carry(before, after, extension.attributes)) out[extension.id] = after;
  }
  return out;
}
