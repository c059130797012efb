/**
 * A query at the service provider's root (RFC 7644 §3.4.2.1, POST /.search §3.4.3): Users
 * then Groups as one result set, paged by index over the concatenation. A filter or sortBy
 * that one resource type cannot answer (`userName` for Groups) means no match there; only
 * when no type can answer it is it a 400. Sorting applies within each type. Cursor paging
 * (RFC 9865) is offered per resource type only: here it is 400 invalidCursor.
 *
 * Example: await searchRoot(deps, scope, { filter: 'displayName sw "Sales"' }) → ListResponse
 */

import { badRequest, listResponse, ScimError, type ScimResource } from '../scim/index.ts';
import type { ResourceKind } from '../store/store.ts';
import { type ListParams, parseListQuery } from './list-query.ts';
import { represent } from './represent.ts';
import type { ScimResult } from './scim-response.ts';
import type { ServiceDeps } from './service-deps.ts';
import { schemaOf } from './tenant-schemas.ts';
import type { TenantScope } from './tenant-scope.ts';

const unanswerable = (error: unknown) =>
  error instanceof ScimError &&
  (error.scimType === 'invalidFilter' || error.scimType === 'invalidValue');

export async function searchRoot(
  deps: ServiceDeps,
  scope: TenantScope,
  params: ListParams,
): Promise<ScimResult> {
  if (params.cursor !== undefined) {
    throw badRequest(
      'invalidCursor',
      'Cursor paging is offered on /Users and /Groups, not at the root',
    );
  }
  const kinds: ResourceKind[] = scope.profile.groups ? ['User', 'Group'] : ['User'];
  let skip: number | undefined;
  let left = 0;
  let totalResults = 0;
  let answered = 0;
  let firstError: unknown;
  let startIndex = 1;
  const resources: ScimResource[] = [];
  for (const kind of kinds) {
    const schema = schemaOf(kind);
    try {
      const { query, projection } = parseListQuery(params, schema, deps.limits);
      if (skip === undefined) {
        skip = query.startIndex - 1;
        left = query.count;
        startIndex = query.startIndex;
      }
      const page = await deps.resources.query(scope.tenant.id, kind, schema, {
        ...query,
        startIndex: skip + 1,
        count: left,
      });
      answered++;
      totalResults += page.totalResults;
      skip = Math.max(0, skip - page.totalResults);
      left -= page.records.length;
      for (const record of page.records) {
        resources.push(await represent(deps.resources, scope, record, projection));
      }
    } catch (error) {
      if (!unanswerable(error)) throw error;
      firstError ??= error;
    }
  }
  if (answered === 0) throw firstError;
  return { status: 200, body: listResponse(resources, { totalResults, startIndex }) };
}
