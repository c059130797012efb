/**
 * The member ids a PATCH added to and removed from a Group, found by comparing the `members`
 * values before and after (by `value`, RFC 7643 §4.2). The storage layer writes these as row
 * deltas when it had to load the members; see plan-member-deltas.ts for the path that does not.
 *
 * Example: diffMembers({ members: [{ value: 'a' }] }, { members: [{ value: 'b' }] }, groups)
 *   → { added: ['b'], removed: ['a'] }
 */
import type { ScimResource } from '../resource/types.ts';
import { isPlainObject } from '../resource/types.ts';
import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.ts';
import { readSlot } from './attribute-slot.ts';
import type { MemberChanges } from './patch-operation.ts';

/** The core `members` attribute of the resource type, when it has one (Group does). */
export function membersAttribute(schema: ResourceSchema): ResolvedAttribute | undefined {
  const at = schema.resolve({ uri: schema.core.id, name: 'members' });
  return at?.attribute.multiValued && at.attribute.type === 'complex' ? at : undefined;
}

function memberIds(resource: ScimResource, at: ResolvedAttribute): string[] {
  const value = readSlot(resource, at);
  if (!Array.isArray(value)) return [];
  const ids: string[] = [];
  for (const element of value) {
    if (isPlainObject(element) && typeof element.value === 'string') ids.push(element.value);
  }
  return ids;
}

/** Ids in `after` but not `before` (added) and the reverse (removed), each in resource order. */
export function diffMembers(
  before: ScimResource,
  after: ScimResource,
  schema: ResourceSchema,
): MemberChanges {
  const at = membersAttribute(schema);
  if (!at) return { added: [], removed: [] };
  const was = memberIds(before, at);
  const now = memberIds(after, at);
  const wasSet = new Set(was);
  const nowSet = new Set(now);
  return {
    added: [...new Set(now.filter((id) => !wasSet.has(id)))],
    removed: [...new Set(was.filter((id) => !nowSet.has(id)))],
  };
}
