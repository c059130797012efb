/**
 * The core Group schema, urn:ietf:params:scim:schemas:core:2.0:Group, as RFC 7643 §8.7.1 lists
 * it: `displayName` and `members` with the sub-attributes `value`, `$ref` and `type` (all
 * immutable: members are added and removed, never edited). `members.display` appears in the
 * §8.4 example but not in §8.7.1, so it is not declared and an incoming one is ignored.
 *
 * One deliberate difference: `displayName` is `required: true`. §4.2 calls it REQUIRED and the
 * §8.7.1 description says so too; only the §8.7.1 flag says false.
 *
 * Example: coreGroupSchema.attributes.map((a) => a.name) → ['displayName', 'members']
 */
import { defineAttribute as attr } from './define.ts';
import type { SchemaDefinition } from './types.ts';

export const coreGroupSchemaId = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/**
 * The extra URN Microsoft Entra lists in `schemas` on POST /Groups (entra-scim-contract.md).
 * It names no attributes we know; validation accepts and drops it.
 */
export const entraGroupSchemaUrn =
  'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

export const coreGroupSchema: SchemaDefinition = {
  id: coreGroupSchemaId,
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string', {
      description: 'A human-readable name for the group. REQUIRED.',
      required: true,
    }),
    attr('members', 'complex', {
      multiValued: true,
      description: 'The members of the group: users or (nested) groups.',
      subAttributes: [
        attr('value', 'string', {
          description: 'The id of the member resource.',
          mutability: 'immutable',
        }),
        attr('$ref', 'reference', {
          description: 'The URI of the member resource.',
          referenceTypes: ['User', 'Group'],
          mutability: 'immutable',
        }),
        attr('type', 'string', {
          description: 'The kind of member: "User" or "Group".',
          canonicalValues: ['User', 'Group'],
          mutability: 'immutable',
        }),
      ],
    }),
  ],
};
