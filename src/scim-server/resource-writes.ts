/**
 * POST (RFC 7644 §3.3), PUT (§3.5.1) and DELETE (§3.6) of Users and Groups.
 *
 * - Bodies are validated and normalised by the SCIM core (validateResource); a User must also
 *   pass the tenant's app profile (profile-rules.ts).
 * - A Group's `members` are rows: POST inserts them after the group (and removes the group
 *   again when a member id does not exist, so a failed POST leaves nothing); PUT replaces the
 *   whole set (removeAll + add), and a PUT without `members` empties the group, since PUT
 *   replaces the resource.
 * - PUT checks immutability (checkImmutable) and carries omitted immutable values over.
 * - A taken userName is 409 uniqueness naming it (compared case-insensitively by the store).
 *
 * Example: await createResource(deps, scope, 'User', body, {}) → { status: 201, body, etag, location }
 */

import {
  checkImmutable,
  isPlainObject,
  type ScimResource,
  validateResource,
} from '../scim/index.ts';
import type { ResourceKind, ResourceRecord } from '../store/store.ts';
import { toScimError } from './error-mapping.ts';
import { etagOf } from './etag.ts';
import { checkUserProfile } from './profile-rules.ts';
import { locationOf, type Preloaded, represent } from './represent.ts';
import { checkIfMatch, projectionFor, type ResourceOptions } from './resource-options.ts';
import { resourceNotFound } from './resource-reads.ts';
import type { ScimResult } from './scim-response.ts';
import type { ServiceDeps } from './service-deps.ts';
import { carryOverImmutable, storedData } from './stored-data.ts';
import { schemaOf } from './tenant-schemas.ts';
import type { TenantScope } from './tenant-scope.ts';
import { retryWrites } from './write-retry.ts';

/** The member ids of a validated Group body. */
function memberIds(resource: ScimResource): string[] {
  const members = Array.isArray(resource.members) ? resource.members : [];
  return members
    .filter((m) => isPlainObject(m) && typeof m.value === 'string')
    .map((m) => (m as { value: string }).value);
}

/** Rethrows store errors as SCIM errors, naming the userName on a uniqueness conflict. */
function rethrow(error: unknown, resource: ScimResource): never {
  throw toScimError(error, resource.userName) ?? error;
}

export async function answer(
  deps: ServiceDeps,
  scope: TenantScope,
  record: ResourceRecord,
  options: ResourceOptions,
  status: number,
  preloaded: Preloaded = {},
): Promise<ScimResult> {
  const projection = projectionFor(record.kind, options);
  const body = await represent(deps.resources, scope, record, projection, preloaded);
  const location = locationOf(scope.baseUrl, record.kind, record.id);
  return { status, body, etag: etagOf(record.version), location };
}

export async function createResource(
  deps: ServiceDeps,
  scope: TenantScope,
  kind: ResourceKind,
  body: unknown,
  options: ResourceOptions,
): Promise<ScimResult> {
  const schema = schemaOf(kind);
  const resource = validateResource(body, schema, 'create');
  if (kind === 'User') checkUserProfile(scope.profile, resource);
  const tenantId = scope.tenant.id;
  let record = await deps.resources
    .create(tenantId, kind, storedData(resource), schema)
    .catch((error: unknown) => rethrow(error, resource));
  const ids = kind === 'Group' ? memberIds(resource) : [];
  if (ids.length > 0) {
    try {
      record = await deps.resources.changeMembers(tenantId, record.id, { add: ids });
    } catch (error) {
      await deps.resources.delete(tenantId, kind, record.id);
      rethrow(error, resource);
    }
  }
  // Nothing is in a new group yet, and a new user is in no group.
  const preloaded = kind === 'User' ? { groups: [] } : ids.length === 0 ? { members: [] } : {};
  return answer(deps, scope, record, options, 201, preloaded);
}

export async function replaceResource(
  deps: ServiceDeps,
  scope: TenantScope,
  kind: ResourceKind,
  id: string,
  body: unknown,
  options: ResourceOptions,
): Promise<ScimResult> {
  const schema = schemaOf(kind);
  const incoming = validateResource(body, schema, 'replace');
  const tenantId = scope.tenant.id;
  const strict = options.ifMatch !== undefined;
  const record = await retryWrites({ attempts: deps.limits.writeAttempts, strict }, async () => {
    const existing = await deps.resources.get(tenantId, kind, id);
    if (!existing) throw resourceNotFound(kind, id);
    checkIfMatch(existing, options);
    checkImmutable(existing.data, incoming, schema);
    const next = storedData(carryOverImmutable(existing.data, incoming, schema));
    if (kind === 'User') checkUserProfile(scope.profile, next, existing.data);
    let version = existing.version;
    if (kind === 'Group') {
      const change = { removeAll: true, add: memberIds(incoming) };
      version = (await deps.resources.changeMembers(tenantId, id, change, version)).version;
    }
    return deps.resources.replace(
      tenantId,
      kind,
      id,
      next,
      schema,
      version,
      undefined,
      existing.data,
    );
  }).catch((error: unknown) => rethrow(error, incoming));
  return answer(deps, scope, record, options, 200);
}

export async function deleteResource(
  deps: ServiceDeps,
  scope: TenantScope,
  kind: ResourceKind,
  id: string,
  options: ResourceOptions,
): Promise<ScimResult> {
  const tenantId = scope.tenant.id;
  let ifVersion: number | undefined;
  if (options.ifMatch !== undefined) {
    const existing = await deps.resources.get(tenantId, kind, id);
    if (!existing) throw resourceNotFound(kind, id);
    checkIfMatch(existing, options);
    // The store deletes only that version: a write in between turns into 412, not a lost update.
    ifVersion = existing.version;
  }
  if (!(await deps.resources.delete(tenantId, kind, id, ifVersion)))
    throw resourceNotFound(kind, id);
  return { status: 204 };
}
