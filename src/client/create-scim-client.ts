/**
 * The outbound SCIM 2.0 client of a provisioning job (RFC 7644): one per target, with its own
 * concurrency limit, rate limit and keep-alive connections (undici's fetch pools them; the
 * client always reads bodies to the end and never sends `Connection: close`). Everything that
 * touches the world is injected: `fetch` (in tests, a Hono app's `app.request`), the clock and
 * sleep. Every failure is a SyncError (see to-sync-error.ts); a Bulk answer is data.
 *
 * Example:
 *   const client = createScimClient({ baseUrl: 'https://app.example.com/scim/v2', token, fetch });
 *   const { totalResults, resources } = await client.search('/Users', filterAst, { count: 2, attributes: ['id'] });
 *   const created = await client.create('/Users', exported.resource);
 *   await client.patch('/Users', created.id as string, [{ op: 'replace', path: 'active', value: false }]);
 *   for await (const group of client.list('/Groups', { excludedAttributes: ['members'] })) …
 */
import { type FilterNode, type ScimResource, stringifyFilter } from '../scim/index.ts';
import { runBulk } from './bulk.ts';
import { assumedCapabilities, readCapabilities, type TargetCapabilities } from './capabilities.ts';
import { patchBody, resourceBody } from './request-bodies.ts';
import type {
  ListOptions,
  ReadOptions,
  ScimClient,
  ScimClientOptions,
  SearchOptions,
  SearchResult,
} from './scim-client.ts';
import { endpointPath, normalizeBaseUrl, type Query, resourcePath } from './scim-url.ts';
import { isSyncError } from './sync-error.ts';
import { testConnection } from './test-connection.ts';
import { realClock, realSleep } from './timers.ts';
import { toSyncError } from './to-sync-error.ts';
import { createTransport, type ScimAnswer } from './transport.ts';

export type * from './scim-client.ts';

function projection(options: ReadOptions = {}): Query {
  return {
    attributes: options.attributes?.length ? options.attributes.join(',') : undefined,
    excludedAttributes: options.excludedAttributes?.length
      ? options.excludedAttributes.join(',')
      : undefined,
  };
}

function resourceOf(answer: ScimAnswer, request: string): ScimResource {
  const body = answer.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw toSyncError(
      {
        kind: 'malformed',
        status: answer.status,
        detail: 'the target answered without a resource',
      },
      request,
    );
  }
  return body as ScimResource;
}

function listOf(answer: ScimAnswer, request: string): SearchResult {
  const body = resourceOf(answer, request);
  const resources = Array.isArray(body.Resources) ? (body.Resources as ScimResource[]) : [];
  const total =
    typeof body.totalResults === 'number' ? body.totalResults : Number(body.totalResults);
  if (!Number.isFinite(total)) {
    throw toSyncError(
      { kind: 'malformed', status: answer.status, detail: 'the ListResponse has no totalResults' },
      request,
    );
  }
  return { totalResults: total, resources };
}

/** Creates a client; a Tenant URL that is not an http(s) URL throws SyncError stop. */
export function createScimClient(options: ScimClientOptions): ScimClient {
  const base = normalizeBaseUrl(options.baseUrl);
  if (!base.ok) throw toSyncError({ kind: 'config', detail: base.detail });
  const baseUrl = base.url;
  const clock = options.clock ?? realClock;
  const transport = createTransport({
    baseUrl,
    token: options.token,
    fetch: options.fetch,
    concurrency: options.concurrency ?? 8,
    ratePerMinute: options.ratePerMinute,
    burst: options.burst,
    timeoutMs: options.timeoutMs ?? 60_000,
    clock,
    sleep: options.sleep ?? realSleep,
    retry: options.retry,
    userAgent: options.userAgent,
  });
  const randomId = options.randomId ?? (() => crypto.randomUUID());
  let capabilities: Promise<TargetCapabilities> | undefined;

  async function search(endpoint: string, filter: FilterNode, options: SearchOptions = {}) {
    const path = endpointPath(endpoint);
    const query: Query = {
      filter: stringifyFilter(filter),
      startIndex: options.startIndex,
      count: options.count,
      ...projection(options),
    };
    const answer = await transport.send({ method: 'GET', path, query });
    return listOf(answer, `GET ${path}`);
  }

  async function* listPages(endpoint: string, options: ListOptions = {}) {
    const path = endpointPath(endpoint);
    const pageSize = Math.max(1, options.pageSize ?? 100);
    let startIndex = Math.max(1, options.startIndex ?? 1);
    const filter = options.filter ? stringifyFilter(options.filter) : undefined;
    for (;;) {
      const query: Query = { filter, startIndex, count: pageSize, ...projection(options) };
      const answer = await transport.send({ method: 'GET', path, query });
      const page = listOf(answer, `GET ${path}`);
      yield { ...page, startIndex };
      startIndex += page.resources.length;
      if (page.resources.length === 0 || startIndex > page.totalResults) return;
    }
  }

  function discover(): Promise<TargetCapabilities> {
    capabilities ??= transport.send({ method: 'GET', path: '/ServiceProviderConfig' }).then(
      (answer) => readCapabilities(answer.body),
      (error: unknown) => {
        if (isSyncError(error) && error.kind === 'notFound') return assumedCapabilities;
        capabilities = undefined;
        throw error;
      },
    );
    return capabilities;
  }

  async function* list(endpoint: string, options: ListOptions = {}) {
    for await (const page of listPages(endpoint, options)) yield* page.resources;
  }

  return {
    baseUrl,
    async get(endpoint, id, options) {
      const path = resourcePath(endpoint, id);
      const answer = await transport.send({ method: 'GET', path, query: projection(options) });
      return resourceOf(answer, `GET ${path}`);
    },
    search,
    list,
    listPages,
    async create(endpoint, resource, options) {
      const path = endpointPath(endpoint);
      const answer = await transport.send({
        method: 'POST',
        path,
        query: projection(options),
        body: resourceBody(endpoint, resource),
      });
      return resourceOf(answer, `POST ${path}`);
    },
    async replace(endpoint, id, resource) {
      const path = resourcePath(endpoint, id);
      const answer = await transport.send({
        method: 'PUT',
        path,
        body: resourceBody(endpoint, resource),
      });
      return resourceOf(answer, `PUT ${path}`);
    },
    async patch(endpoint, id, operations, options) {
      const path = resourcePath(endpoint, id);
      const answer = await transport.send({
        method: 'PATCH',
        path,
        query: projection(options),
        body: patchBody(operations),
      });
      return answer.status === 204 || answer.body === undefined
        ? undefined
        : resourceOf(answer, `PATCH ${path}`);
    },
    async delete(endpoint, id) {
      await transport.send({ method: 'DELETE', path: resourcePath(endpoint, id) });
    },
    async bulk(operations, options) {
      return runBulk(transport, await discover(), operations, options);
    },
    discover,
    testConnection: () => testConnection(transport, randomId),
    stats: () => transport.stats(),
  };
}
