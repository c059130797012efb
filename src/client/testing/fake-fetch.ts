/**
 * A scripted `fetch` for the client's tests: records every request (method, URL, headers,
 * parsed body, the fake time it was sent, its AbortSignal) and answers with whatever the
 * handler returns — a Response, a thrown error (network failure), or `'hang'` (never answers;
 * rejects when the request's signal aborts, as undici does).
 *
 * Example:
 *   const target = createFakeFetch(() => scimJson(200, { totalResults: 0, Resources: [] }), time.clock);
 *   createScimClient({ …, fetch: target.fetch });
 *   target.requests[0].url.searchParams.get('filter');
 */
import type { FetchLike } from '../transport.ts';

export interface RecordedRequest {
  method: string;
  url: URL;
  /** The URL exactly as the client built it. */
  href: string;
  headers: Headers;
  /** The parsed JSON body, or undefined. */
  body: unknown;
  /** Fake-clock time when the request was sent. */
  at: number;
  signal: AbortSignal | undefined;
  /** The Response handed back, to check that the client consumed its body. */
  response?: Response;
}

export type FakeAnswer = Response | 'hang' | Promise<Response | 'hang'>;

export interface FakeFetch {
  fetch: FetchLike;
  requests: RecordedRequest[];
  /** Requests in flight now, and the most ever in flight at once. */
  inFlight(): number;
  maxInFlight(): number;
}

export function scimJson(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/scim+json', ...headers },
  });
}

export function scimError(
  status: number,
  detail: string,
  scimType?: string,
  headers: Record<string, string> = {},
) {
  return scimJson(
    status,
    {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: String(status),
      ...(scimType && { scimType }),
      detail,
    },
    headers,
  );
}

export function createFakeFetch(
  handler: (request: RecordedRequest, index: number) => FakeAnswer,
  clock: () => number = () => 0,
): FakeFetch {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch: FetchLike = async (href, init) => {
    const text = typeof init.body === 'string' ? init.body : undefined;
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      url: new URL(href),
      href,
      headers: new Headers(init.headers),
      body: text === undefined ? undefined : JSON.parse(text),
      at: clock(),
      signal: init.signal ?? undefined,
    };
    const index = requests.push(request) - 1;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const answer = await handler(request, index);
      if (answer === 'hang') {
        return await new Promise<Response>((_, reject) => {
          const signal = init.signal;
          if (signal?.aborted) reject(signal.reason);
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      }
      request.response = answer;
      return answer;
    } finally {
      inFlight--;
    }
  };
  return { fetch, requests, inFlight: () => inFlight, maxInFlight: () => maxInFlight };
}
