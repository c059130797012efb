/**
 * Reads the `schemas` attribute of a POST/PUT body (RFC 7643 §3): it must be an array of
 * strings containing the resource type's core schema URN (compared case-insensitively). Known
 * URNs are returned; unknown ones are dropped, or with `unknownSchemas: 'reject'` refused,
 * except the URNs in `toleratedUrns` (Entra's ADSCIM Group URN), which are always let by.
 *
 * Example: readSchemas({ schemas: [coreGroupSchemaId, entraGroupSchemaUrn] }, groups, 'reject')
 *   → Set { 'urn:ietf:params:scim:schemas:core:2.0:group' }
 */
import { badRequest, quote } from '../errors.ts';
import { entraGroupSchemaUrn } from '../schema/core-group.ts';
import type { ResourceSchema } from '../schema/resource-schema.ts';
import { getKey } from './read.ts';

/** URNs dropped silently even with `unknownSchemas: 'reject'`: they name no attributes. */
export const toleratedUrns: ReadonlySet<string> = new Set([entraGroupSchemaUrn.toLowerCase()]);

/** The known URNs listed in `schemas`, lower-cased; throws when the list is unusable. */
export function readSchemas(
  input: Record<string, unknown>,
  schema: ResourceSchema,
  unknownSchemas: 'drop' | 'reject',
): Set<string> {
  const raw = getKey(input, 'schemas');
  const core = schema.core.id;
  if (!Array.isArray(raw) || !raw.every((u) => typeof u === 'string')) {
    const got = raw === undefined ? 'nothing' : quote(raw);
    throw badRequest(
      'invalidValue',
      `Attribute "schemas" must be an array of schema URIs containing "${core}", got ${got}`,
    );
  }
  const listed = new Set<string>();
  for (const urn of raw as string[]) {
    const known = schema.schemaById(urn.trim());
    if (known) listed.add(known.id.toLowerCase());
    else if (unknownSchemas === 'reject' && !toleratedUrns.has(urn.trim().toLowerCase())) {
      throw badRequest(
        'invalidValue',
        `Attribute "schemas" lists ${quote(urn)}, which is not a schema of resource type "${schema.resourceType.name}"`,
      );
    }
  }
  if (!listed.has(core.toLowerCase())) {
    throw badRequest(
      'invalidValue',
      `Attribute "schemas" must contain "${core}", got ${quote(raw)}`,
    );
  }
  return listed;
}
