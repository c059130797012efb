/**
 * The RFC 7644 §3.4.2 ListResponse message, with the RFC 9865 cursor attributes.
 *
 * Example:
 *   listResponse([user], { totalResults: 100, startIndex: 1 })
 *   → { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 100,
 *       itemsPerPage: 1, startIndex: 1, Resources: [user] }
 */

export const listResponseSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface ListResponse<T> {
  schemas: [typeof listResponseSchema];
  totalResults?: number;
  itemsPerPage: number;
  startIndex?: number;
  nextCursor?: string;
  previousCursor?: string;
  Resources: T[];
}

export interface ListPage {
  /** All matches, not just this page. May be left out only on a cursor page (RFC 9865). */
  totalResults?: number;
  /** 1-based index of the first resource on this page; defaults to 1 on an index page. */
  startIndex?: number;
  /** Defaults to the number of resources given. */
  itemsPerPage?: number;
  /** RFC 9865: present on every cursor page but the last. */
  nextCursor?: string;
  /** RFC 9865: optional, never on the first page. */
  previousCursor?: string;
}

/**
 * Wraps one page of resources. `Resources` is always present, `[]` included: RFC 7644 only
 * requires it when totalResults is non-zero, but IdP probes expect the key. `startIndex` is
 * left out on a cursor page unless given. Throws a plain Error when `totalResults` is missing on
 * an index page: that is a caller bug, not client input.
 */
export function listResponse<T>(resources: readonly T[], page: ListPage): ListResponse<T> {
  const cursorPage = page.nextCursor !== undefined || page.previousCursor !== undefined;
  if (page.totalResults === undefined && !cursorPage) {
    throw new Error('listResponse: totalResults is required outside cursor pagination');
  }
  // Built key by key so that the JSON reads in the RFC's order.
  const body = { schemas: [listResponseSchema] } as ListResponse<T>;
  if (page.totalResults !== undefined) body.totalResults = page.totalResults;
  body.itemsPerPage = page.itemsPerPage ?? resources.length;
  if (page.startIndex !== undefined || !cursorPage) body.startIndex = page.startIndex ?? 1;
  if (page.nextCursor !== undefined) body.nextCursor = page.nextCursor;
  if (page.previousCursor !== undefined) body.previousCursor = page.previousCursor;
  body.Resources = [...resources];
  return body;
}
