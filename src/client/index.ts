/**
 * The outbound SCIM client (architecture.md, ring 1): talks RFC 7644 to one target per client,
 * with `fetch`, the clock and sleep injected, a concurrency and rate limit per target, 429
 * Retry-After honoured, timeouts through AbortSignal, and every failure mapped to a SyncError
 * kind in one place (to-sync-error.ts). Imports the scim ring only.
 *
 * Example:
 *   const client = createScimClient({ baseUrl, token, fetch: globalThis.fetch, ratePerMinute: 400 });
 *   const probe = await client.testConnection(); // { ok: true, … } or a human explanation
 */
export type { BulkOperation, BulkOptions, BulkResult } from './bulk.ts';
export { assumedCapabilities, readCapabilities, type TargetCapabilities } from './capabilities.ts';
export { createScimClient } from './create-scim-client.ts';
export {
  bulkRequestSchema,
  bulkResponseSchema,
  type PatchOperationBody,
  patchBody,
  resourceBody,
} from './request-bodies.ts';
export { parseRetryAfter } from './retry-after.ts';
export type {
  ListOptions,
  ListPage,
  ReadOptions,
  ScimClient,
  ScimClientOptions,
  SearchOptions,
  SearchResult,
} from './scim-client.ts';
export { isSyncError, SyncError, type SyncErrorInit, type SyncErrorKind } from './sync-error.ts';
export type { ConnectionProblem, ConnectionTest } from './test-connection.ts';
export { type Clock, realClock, realSleep, type Sleep } from './timers.ts';
export { type CallFailure, toSyncError } from './to-sync-error.ts';
export {
  defaultRetryPolicy,
  type FetchLike,
  type RetryPolicy,
  type TransportStats,
} from './transport.ts';
