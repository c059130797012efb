/**
 * The SCIM client's public shape: its options and its operations (RFC 7644 §3), implemented by
 * createScimClient (create-scim-client.ts).
 *
 * Example: const client: ScimClient = createScimClient({ baseUrl, token, fetch });
 */
import type { FilterNode, ScimResource } from '../scim/index.ts';
import type { BulkOperation, BulkOptions, BulkResult } from './bulk.ts';
import type { TargetCapabilities } from './capabilities.ts';
import type { PatchOperationBody } from './request-bodies.ts';
import type { ConnectionTest } from './test-connection.ts';
import type { Clock, Sleep } from './timers.ts';
import type { FetchLike, RetryPolicy, TransportStats } from './transport.ts';

export interface ScimClientOptions {
  /** The Tenant URL (Base URL): the SCIM root, e.g. `https://app.example.com/scim/v2`. */
  baseUrl: string;
  /** The Secret Token, sent as `Authorization: Bearer …`. */
  token: string;
  fetch: FetchLike;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Requests per minute (token bucket); default unlimited. Wrike: 400. */
  ratePerMinute?: number;
  /** Bucket size; default one second's worth of the rate. */
  burst?: number;
  /** Per attempt, reading the body included. Default 60 s (Entra's limit). */
  timeoutMs?: number;
  clock?: Clock;
  sleep?: Sleep;
  retry?: Partial<RetryPolicy>;
  /** For Test Connection's probe value. Default crypto.randomUUID. */
  randomId?: () => string;
  userAgent?: string;
}

export interface ReadOptions {
  attributes?: readonly string[];
  excludedAttributes?: readonly string[];
}

export interface SearchOptions extends ReadOptions {
  /** Page size; for matching, 2 is enough to tell one hit from several. */
  count?: number;
  startIndex?: number;
}

export interface ListOptions extends ReadOptions {
  filter?: FilterNode;
  /** Default 100 (Okta's page size). */
  pageSize?: number;
  startIndex?: number;
}

export interface SearchResult {
  totalResults: number;
  resources: ScimResource[];
}

export interface ListPage extends SearchResult {
  /** 1-based index of the page's first resource. */
  startIndex: number;
}

export interface ScimClient {
  readonly baseUrl: string;
  /** GET /Users/{id}. 404: SyncError notFound. */
  get(endpoint: string, id: string, options?: ReadOptions): Promise<ScimResource>;
  /** GET /Users?filter=… (RFC 7644 §3.4.2): one page. */
  search(endpoint: string, filter: FilterNode, options?: SearchOptions): Promise<SearchResult>;
  /** Every resource, page by page (startIndex/count), streamed. */
  list(endpoint: string, options?: ListOptions): AsyncIterableIterator<ScimResource>;
  listPages(endpoint: string, options?: ListOptions): AsyncIterableIterator<ListPage>;
  /**
   * POST (RFC 7644 §3.3); returns the created resource (as projected by `options`, RFC 7644
   * §3.9: `{ attributes: ['id'] }` when only the id is needed). 409: SyncError exists.
   */
  create(endpoint: string, resource: ScimResource, options?: ReadOptions): Promise<ScimResource>;
  /** PUT (RFC 7644 §3.5.1). */
  replace(endpoint: string, id: string, resource: ScimResource): Promise<ScimResource>;
  /** PATCH (RFC 7644 §3.5.2); the resource when the target returns it (200), else undefined (204). */
  patch(
    endpoint: string,
    id: string,
    operations: readonly PatchOperationBody[],
    options?: ReadOptions,
  ): Promise<ScimResource | undefined>;
  /** DELETE (RFC 7644 §3.6). 404: SyncError notFound (the engine may count it as done). */
  delete(endpoint: string, id: string): Promise<void>;
  /** POST /Bulk (RFC 7644 §3.7), only when discover() says the target supports it. */
  bulk(operations: readonly BulkOperation[], options?: BulkOptions): Promise<BulkResult[]>;
  /** GET /ServiceProviderConfig once, then cached. */
  discover(): Promise<TargetCapabilities>;
  /** Entra's probe, with a human explanation of any failure. */
  testConnection(): Promise<ConnectionTest>;
  /** Request counts so far (for the job's quarantine rules). */
  stats(): TransportStats;
}
