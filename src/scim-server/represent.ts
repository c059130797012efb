/**
 * A stored resource as a client sees it (RFC 7643 §3.1, RFC 7644 §3.4.2.5): `id` and `meta`
 * (resourceType, created, lastModified, location, version) assembled here, a Group's `members`
 * and a User's derived `groups` loaded only when the projection returns them, then the
 * projection applied. `excludedAttributes=members` therefore never reads a member row.
 *
 * A Group whose members are returned but which has none shows `members: []` (Entra expects
 * it on POST /Groups, and an answer that does not depend on the verb is easier to reason about).
 *
 * Example: await represent(store.resources, scope, record, compileProjection(groupSchema, { excludedAttributes: 'members' }))
 */

import {
  needsAttribute,
  type Projection,
  projectResource,
  type ScimResource,
} from '../scim/index.ts';
import type { MemberRecord, ResourceKind, ResourceRecord, ResourceStore } from '../store/store.ts';
import { etagOf } from './etag.ts';
import { endpointOf, schemaOf } from './tenant-schemas.ts';
import type { TenantScope } from './tenant-scope.ts';

export const locationOf = (baseUrl: string, kind: ResourceRecord['kind'], id: string) =>
  `${baseUrl}/${endpointOf(kind)}/${encodeURIComponent(id)}`;

export interface Preloaded {
  /** The group's members when the caller already knows them (e.g. `[]` right after POST). */
  members?: readonly MemberRecord[];
  /** The user's groups when known (e.g. `[]` right after POST: a new id is in no group). */
  groups?: readonly MemberRecord[];
}

const reference = (baseUrl: string, m: MemberRecord) => ({
  value: m.value,
  $ref: locationOf(baseUrl, m.type, m.value),
  ...(m.display !== undefined && { display: m.display }),
});

/** Whether the answer for a `kind` resource under `projection` shows a user's `groups`. */
export const showsGroups = (scope: TenantScope, kind: ResourceKind, projection: Projection) =>
  kind === 'User' && scope.profile.groups && needsAttribute(projection, 'groups');

/** The response representation of `record` under `projection`. */
export async function represent(
  resources: Pick<ResourceStore, 'members' | 'groupsOf'>,
  scope: TenantScope,
  record: ResourceRecord,
  projection: Projection,
  preloaded: Preloaded = {},
): Promise<ScimResource> {
  const { baseUrl } = scope;
  const full: ScimResource = {
    ...record.data,
    id: record.id,
    meta: {
      resourceType: record.kind,
      created: record.created,
      lastModified: record.lastModified,
      location: locationOf(baseUrl, record.kind, record.id),
      version: etagOf(record.version),
    },
  };
  let withMembers = false;
  if (record.kind === 'Group' && needsAttribute(projection, 'members')) {
    withMembers = true;
    const members = preloaded.members ?? (await resources.members(scope.tenant.id, record.id));
    full.members = members.map((m) => ({ ...reference(baseUrl, m), type: m.type }));
  }
  if (showsGroups(scope, record.kind, projection)) {
    const groups = preloaded.groups ?? (await resources.groupsOf(scope.tenant.id, record.id));
    full.groups = groups.map((g) => ({ ...reference(baseUrl, g), type: 'direct' }));
  }
  const out = projectResource(full, schemaOf(record.kind), projection);
  if (withMembers && out.members === undefined) out.members = [];
  return out;
}
