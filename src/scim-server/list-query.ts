/**
 * The parameters of a list or search request (RFC 7644 §3.4.2, §3.4.3; RFC 9865 `cursor`) read
 * into a store query and a projection. Parameters come from the query string (GET) or a
 * SearchRequest body (POST /.search); both give a ListParams.
 *
 * - `filter`: parsed here (400 invalidFilter quoting it); attribute names are checked against
 *   the schema by the store before any row is read. A blank filter means none.
 * - `sortBy` / `sortOrder`: checked here (400 invalidValue for an unknown or unsortable one).
 * - `startIndex` / `count`: RFC-lenient (see normalizePage); `count` is clamped to maxResults.
 * - `cursor`: present (even empty, which asks for the first page) switches to cursor paging.
 *
 * Example: parseListQuery({ filter: 'userName eq "bjensen"', count: '2' }, userSchema, limits)
 *   → { query: { filter, startIndex: 1, count: 2 }, projection }
 */

import {
  type AttributeList,
  compileProjection,
  normalizePage,
  type Projection,
  parseAttributeName,
  parseFilter,
  parseSortOrder,
  type ResourceSchema,
  resolveSortBy,
} from '../scim/index.ts';
import type { ResourceQuery } from '../store/store.ts';
import type { ScimLimits } from './scim-limits.ts';

export interface ListParams {
  filter?: string;
  sortBy?: string;
  sortOrder?: string;
  startIndex?: unknown;
  count?: unknown;
  cursor?: string;
  attributes?: AttributeList;
  excludedAttributes?: AttributeList;
}

export interface ListQuery {
  query: ResourceQuery;
  projection: Projection;
}

const compiledBySchema = new WeakMap<ResourceSchema, Map<string, Projection>>();

/** The compiled projection; the same few query strings come again and again, so they are kept. */
function projectionOf(schema: ResourceSchema, params: ListParams): Projection {
  const { attributes, excludedAttributes } = params;
  const plain = typeof attributes !== 'object' && typeof excludedAttributes !== 'object';
  let compiled = compiledBySchema.get(schema);
  if (!compiled) {
    compiled = new Map();
    compiledBySchema.set(schema, compiled);
  }
  const key = `${attributes ?? '\u0001'}\u0000${excludedAttributes ?? '\u0001'}`;
  const hit = plain ? compiled.get(key) : undefined;
  if (hit) return hit;
  const projection = compileProjection(schema, { attributes, excludedAttributes });
  if (plain) {
    if (compiled.size >= 500) compiled.clear();
    compiled.set(key, projection);
  }
  return projection;
}

export function parseListQuery(
  params: ListParams,
  schema: ResourceSchema,
  limits: Pick<ScimLimits, 'defaultCount' | 'maxResults'>,
): ListQuery {
  const page = normalizePage(
    { startIndex: params.startIndex, count: params.count },
    { defaultCount: limits.defaultCount, maxCount: limits.maxResults },
  );
  const query: ResourceQuery = { startIndex: page.startIndex, count: page.count };
  const filter = params.filter?.trim();
  if (filter) query.filter = parseFilter(filter);
  const sortBy = params.sortBy?.trim();
  if (sortBy) {
    query.sortBy = parseAttributeName(sortBy);
    resolveSortBy(schema, query.sortBy);
    query.sortOrder = parseSortOrder(params.sortOrder);
  }
  if (params.cursor !== undefined) query.cursor = params.cursor.trim();
  return {
    query,
    projection: projectionOf(schema, params),
  };
}
