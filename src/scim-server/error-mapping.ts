/**
 * Turns what an operation throws into the SCIM error a client sees (RFC 7644 §3.12):
 * - ScimError: as it is;
 * - StoreError conflict on `userName` → 409 uniqueness naming the userName (when known);
 *   conflict on `version` → 412 (the resource changed since the client's If-Match);
 * - StoreError notFound on `member` → 400 invalidValue naming the ids (the Group exists, a value
 *   in the body does not: the request, not the URL, is wrong); any other notFound → 404;
 * - anything else → undefined: an unexpected failure the caller logs and answers with 500.
 *
 * Example: toScimError(new StoreError('conflict', 'userName', '…'), 'bjensen')
 *   → ScimError 409 uniqueness 'userName "bjensen" is already taken in this tenant'
 */

import { badRequest, quote, ScimError } from '../scim/index.ts';
import type { StoreError } from '../store/store.ts';

/** A StoreError without importing the store's runtime code (ring rule: types only). */
function asStoreError(error: unknown): StoreError | undefined {
  return error instanceof Error &&
    error.name === 'StoreError' &&
    'kind' in error &&
    'subject' in error
    ? (error as StoreError)
    : undefined;
}

export function isVersionConflict(error: unknown): boolean {
  const store = asStoreError(error);
  return store?.kind === 'conflict' && store.subject === 'version';
}

export const uniquenessError = (userName: unknown) =>
  new ScimError(
    409,
    'uniqueness',
    userName === undefined
      ? 'userName is already taken in this tenant'
      : `userName ${quote(userName)} is already taken in this tenant (compared case-insensitively)`,
  );

export const preconditionFailed = (detail: string) => new ScimError(412, undefined, detail);

/** The client-facing error for `error`, or undefined when it is an unexpected failure. */
export function toScimError(error: unknown, userName?: unknown): ScimError | undefined {
  if (error instanceof ScimError) return error;
  const store = asStoreError(error);
  if (!store) return undefined;
  if (store.kind === 'conflict') {
    if (store.subject === 'userName') return uniquenessError(userName);
    if (store.subject === 'version') {
      return preconditionFailed(`The resource changed on the server: ${store.message}`);
    }
    return new ScimError(409, undefined, store.message);
  }
  if (store.subject === 'member') {
    return badRequest('invalidValue', `A member does not exist in this tenant: ${store.message}`);
  }
  return new ScimError(404, undefined, store.message);
}
