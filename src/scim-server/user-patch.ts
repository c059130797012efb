/**
 * PATCH of a User (RFC 7644 §3.5.2): read → applyPatchWithChanges → replace with the version
 * read. Without If-Match a version conflict re-reads and re-applies (write-retry.ts), so two
 * concurrent PATCHes of different attributes both land; with If-Match it is 412. A PATCH that
 * changes nothing writes nothing (§3.5.2.1: meta.lastModified stays).
 *
 * Answers 200 with the resource (RFC 7644 §3.5.2 default), or 204 when the client prefers
 * `return=minimal` (RFC 7240).
 *
 * Example: await patchUser(deps, scope, id, { Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }, {})
 */
import { applyPatchWithChanges, parsePatchRequest } from '../scim/index.ts';
import type { MemberRecord } from '../store/store.ts';
import { toScimError } from './error-mapping.ts';
import { etagOf } from './etag.ts';
import { checkUserProfile } from './profile-rules.ts';
import {
  asksForAttributes,
  checkIfMatch,
  preferredReturn,
  projectionFor,
  type ResourceOptions,
} from './resource-options.ts';
import { readForAnswer, resourceNotFound } from './resource-reads.ts';
import { answer } from './resource-writes.ts';
import type { ScimResult } from './scim-response.ts';
import type { ServiceDeps } from './service-deps.ts';
import { storedData, withId } from './stored-data.ts';
import { userSchema } from './tenant-schemas.ts';
import type { TenantScope } from './tenant-scope.ts';
import { retryWrites } from './write-retry.ts';

export async function patchUser(
  deps: ServiceDeps,
  scope: TenantScope,
  id: string,
  body: unknown,
  options: ResourceOptions,
): Promise<ScimResult> {
  const operations = parsePatchRequest(body);
  const tenantId = scope.tenant.id;
  let userName: unknown;
  const strict = options.ifMatch !== undefined;
  const minimal = preferredReturn(options) === 'minimal' && !asksForAttributes(options);
  // The answer's groups are read with the user: a PATCH of the user never changes them.
  const projection = minimal ? undefined : projectionFor('User', options);
  let groups: MemberRecord[] | undefined;
  const record = await retryWrites({ attempts: deps.limits.writeAttempts, strict }, async () => {
    const read = projection
      ? await readForAnswer(deps, scope, 'User', id, projection)
      : { record: await deps.resources.get(tenantId, 'User', id) };
    const existing = read.record;
    groups = read.groups;
    if (!existing) throw resourceNotFound('User', id);
    checkIfMatch(existing, options);
    const result = applyPatchWithChanges(withId(existing), operations, userSchema);
    if (!result.changed) return existing;
    const next = storedData(result.resource);
    checkUserProfile(scope.profile, next, existing.data);
    userName = next.userName;
    const { version, data } = existing;
    return deps.resources.replace(tenantId, 'User', id, next, userSchema, version, undefined, data);
  }).catch((error: unknown) => {
    throw toScimError(error, userName) ?? error;
  });
  if (minimal) return { status: 204, etag: etagOf(record.version) };
  return answer(deps, scope, record, options, 200, groups && { groups });
}
