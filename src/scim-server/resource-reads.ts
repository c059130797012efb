/**
 * GET of one resource (RFC 7644 §3.4.1, with If-None-Match → 304, §3.14) and of a list
 * (§3.4.2: filter, sort, index or RFC 9865 cursor paging, projection). Ids of another tenant
 * are simply not found: every store call is scoped to the caller's tenant.
 *
 * Example: await getResource(deps, scope, 'User', id, {}) → { status: 200, body, etag }
 */

import { listResponse, needsAttribute, type Projection } from '../scim/index.ts';
import type { MemberRecord, ResourceKind, ResourceRecord } from '../store/store.ts';
import { etagOf, matchesEtags } from './etag.ts';
import { notFound } from './http-error.ts';
import { type ListParams, parseListQuery } from './list-query.ts';
import { locationOf, represent, showsGroups } from './represent.ts';
import { projectionFor, type ResourceOptions } from './resource-options.ts';
import type { ScimResult } from './scim-response.ts';
import type { ServiceDeps } from './service-deps.ts';
import { schemaOf } from './tenant-schemas.ts';
import type { TenantScope } from './tenant-scope.ts';

export const resourceNotFound = (kind: ResourceKind, id: string) =>
  notFound(`${kind} ${JSON.stringify(id)} not found`);

/**
 * A resource and, for a User whose answer shows `groups`, its groups in the same read (one
 * statement instead of two; groups are derived from memberships, so a write of the user
 * itself does not change them).
 */
export async function readForAnswer(
  deps: ServiceDeps,
  scope: TenantScope,
  kind: ResourceKind,
  id: string,
  projection: Projection,
): Promise<{ record?: ResourceRecord; groups?: MemberRecord[] }> {
  if (showsGroups(scope, kind, projection)) {
    const found = await deps.resources.getUserWithGroups(scope.tenant.id, id);
    return { record: found?.record, groups: found?.groups };
  }
  return { record: await deps.resources.get(scope.tenant.id, kind, id) };
}

export async function getResource(
  deps: ServiceDeps,
  scope: TenantScope,
  kind: ResourceKind,
  id: string,
  options: ResourceOptions,
): Promise<ScimResult> {
  const projection = projectionFor(kind, options);
  const { record, groups } = await readForAnswer(deps, scope, kind, id, projection);
  if (!record) throw resourceNotFound(kind, id);
  const etag = etagOf(record.version);
  if (options.ifNoneMatch !== undefined && matchesEtags(options.ifNoneMatch, record.version)) {
    return { status: 304, etag };
  }
  const location = locationOf(scope.baseUrl, kind, id);
  const { memo } = deps;
  const memoable = memo && !(kind === 'Group' && needsAttribute(projection, 'members'));
  const json = memoable ? memo.get(record, groups, scope.baseUrl, projection) : undefined;
  if (json !== undefined) return { status: 200, json, etag, location };
  const body = await represent(deps.resources, scope, record, projection, groups && { groups });
  if (!memoable) return { status: 200, body, etag, location };
  return {
    status: 200,
    json: memo.set(record, groups, scope.baseUrl, projection, JSON.stringify(body)),
    etag,
    location,
  };
}

export async function listResources(
  deps: ServiceDeps,
  scope: TenantScope,
  kind: ResourceKind,
  params: ListParams,
): Promise<ScimResult> {
  const { query, projection } = parseListQuery(params, schemaOf(kind), deps.limits);
  query.withGroups = showsGroups(scope, kind, projection);
  const page = await deps.resources.query(scope.tenant.id, kind, schemaOf(kind), query);
  const resources = await Promise.all(
    page.records.map((record) => {
      const groups = page.groups?.get(record.id);
      return represent(deps.resources, scope, record, projection, groups && { groups });
    }),
  );
  const body = listResponse(
    resources,
    query.cursor === undefined
      ? { totalResults: page.totalResults, startIndex: query.startIndex }
      : { totalResults: page.totalResults, nextCursor: page.nextCursor },
  );
  if (query.cursor !== undefined) delete body.startIndex; // RFC 9865 §2.3: not on cursor pages
  return { status: 200, body };
}
