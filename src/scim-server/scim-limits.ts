/**
 * The knobs of the SCIM endpoint, with defaults sized for Entra (25 requests/s per tenant,
 * 60 s timeout) and Okta (pages of 100). All are per process.
 *
 * Example: createScimApp({ store, log, limits: { ratePerSecond: 0 } }) // rate limiting off
 */

export interface ScimLimits {
  /** Largest request body outside /Bulk, in bytes (413 past it). */
  bodyBytes: number;
  /** /Bulk: most operations per request and largest body (advertised in ServiceProviderConfig). */
  bulkMaxOperations: number;
  bulkMaxPayloadBytes: number;
  /** Page size without `count`, and the most a page may hold (larger counts are clamped). */
  defaultCount: number;
  maxResults: number;
  /** Token bucket per SCIM token; 0 turns rate limiting off. */
  ratePerSecond: number;
  burst: number;
  /** How long a token's tenant and profile are cached; a revoked token works at most this long. */
  authCacheMs: number;
  /** At most one last-used write per token per this interval. */
  touchIntervalMs: number;
  /** Optimistic attempts of a write without If-Match before answering 503. */
  writeAttempts: number;
}

export const defaultScimLimits: Readonly<ScimLimits> = Object.freeze({
  bodyBytes: 2 * 1024 * 1024,
  bulkMaxOperations: 1000,
  bulkMaxPayloadBytes: 4 * 1024 * 1024,
  defaultCount: 100,
  maxResults: 1000,
  ratePerSecond: 50,
  burst: 100,
  authCacheMs: 1000,
  touchIntervalMs: 60_000,
  writeAttempts: 10,
});
