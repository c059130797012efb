/**
 * Reads what a SCIM request says outside its body: query parameters (names matched
 * case-insensitively, `+` read as a space as Entra encodes filters), the projection and
 * precondition headers, and the parameters of a SearchRequest body (RFC 7644 §3.4.3), all as
 * the plain shapes the operations take.
 *
 * Example: listParamsOf(new URL('http://h/scim/v2/acme/Users?Filter=userName+eq+%22a%22'))
 *   → { filter: 'userName eq "a"' }
 */
import type { Context } from 'hono';
import { badRequest, getKey, isPlainObject, quote } from '../scim/index.ts';
import type { ListParams } from './list-query.ts';
import type { ResourceOptions } from './resource-options.ts';

export const searchRequestSchema = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** The first value of each query parameter, by lower-cased name. */
export function queryOf(url: string): Map<string, string> {
  const params = new Map<string, string>();
  const query = url.indexOf('?');
  if (query === -1) return params;
  for (const [name, value] of new URLSearchParams(url.slice(query + 1))) {
    const key = name.toLowerCase();
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

export function listParamsOf(query: Map<string, string>): ListParams {
  return {
    filter: query.get('filter'),
    sortBy: query.get('sortby'),
    sortOrder: query.get('sortorder'),
    startIndex: query.get('startindex'),
    count: query.get('count'),
    cursor: query.get('cursor'),
    attributes: query.get('attributes'),
    excludedAttributes: query.get('excludedattributes'),
  };
}

export function optionsOf(
  c: Context,
  query: Map<string, string> = queryOf(c.req.url),
): ResourceOptions {
  return {
    attributes: query.get('attributes'),
    excludedAttributes: query.get('excludedattributes'),
    ifMatch: c.req.header('if-match'),
    ifNoneMatch: c.req.header('if-none-match'),
    prefer: c.req.header('prefer'),
  };
}

function text(body: Record<string, unknown>, name: string): string | undefined {
  const value = getKey(body, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw badRequest(
      'invalidValue',
      `SearchRequest "${name}" must be a string, got ${quote(value)}`,
    );
  }
  return value;
}

function names(body: Record<string, unknown>, name: string): string | undefined {
  const value = getKey(body, name);
  if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  throw badRequest(
    'invalidValue',
    `SearchRequest "${name}" must be a list of attribute names, got ${quote(value)}`,
  );
}

/** The ListParams of a POST /.search body. */
export function searchParamsOf(body: unknown): ListParams {
  if (!isPlainObject(body)) {
    throw badRequest('invalidSyntax', `A SearchRequest must be a JSON object, got ${quote(body)}`);
  }
  const schemas = getKey(body, 'schemas');
  const listed = Array.isArray(schemas)
    ? schemas
    : schemas === undefined || schemas === null
      ? undefined
      : [schemas];
  if (
    listed &&
    !listed.some(
      (s) => typeof s === 'string' && s.toLowerCase() === searchRequestSchema.toLowerCase(),
    )
  ) {
    throw badRequest(
      'invalidSyntax',
      `A SearchRequest's "schemas" must contain "${searchRequestSchema}", got ${quote(schemas)}`,
    );
  }
  return {
    filter: text(body, 'filter'),
    sortBy: text(body, 'sortBy'),
    sortOrder: text(body, 'sortOrder'),
    startIndex: getKey(body, 'startIndex'),
    count: getKey(body, 'count'),
    cursor: text(body, 'cursor'),
    attributes: names(body, 'attributes'),
    excludedAttributes: names(body, 'excludedAttributes'),
  };
}
