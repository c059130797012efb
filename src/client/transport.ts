/**
 * Sends one SCIM request and returns the parsed answer, or throws its SyncError. Around each
 * attempt: the concurrency limit, the token bucket, a timeout through an AbortSignal (reading
 * the body included), and the bearer token. Between attempts:
 *
 * - 429, and 503 (the target refused the work): retried for any method after Retry-After
 *   (seconds or HTTP-date) or an exponential back-off; a 429 pauses the whole client;
 * - network failures, timeouts and other 5xx: retried only for GET, PUT and DELETE, since a
 *   POST or PATCH may have been carried out before the answer was lost;
 * - a wait longer than `maxRetryWaitMs`, or attempts used up: the SyncError is thrown with its
 *   `retryAfterMs` so the engine escrows the object rather than holding the cycle.
 *
 * Bodies are always read to the end so undici can reuse the connection (keep-alive); nothing
 * here sets `Connection: close`.
 *
 * Example:
 *   const transport = createTransport({ baseUrl, token, fetch, concurrency: 4, timeoutMs: 60000, clock, sleep });
 *   const { body } = await transport.send({ method: 'GET', path: '/Users', query: { count: 2 } });
 */

import { createConcurrencyLimit } from './concurrency-limit.ts';
import { type Query, scimUrl } from './scim-url.ts';
import type { SyncError } from './sync-error.ts';
import type { Clock, Sleep } from './timers.ts';
import { type CallFailure, quoteBody, toSyncError } from './to-sync-error.ts';
import { createTokenBucket } from './token-bucket.ts';

/** The subset of WHATWG fetch the client uses; a Hono app's `app.request` fits as it is. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response> | Response;

export interface RetryPolicy {
  /** Attempts per request, the first included. Default 4. */
  maxAttempts: number;
  /** First back-off when the target gives no Retry-After; doubles per attempt. Default 1 s. */
  baseDelayMs: number;
  /** Longest back-off between attempts. Default 30 s. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error goes to the engine. Default 60 s. */
  maxRetryWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryWaitMs: 60_000,
};

export interface TransportOptions {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  concurrency: number;
  ratePerMinute?: number;
  burst?: number;
  timeoutMs: number;
  clock: Clock;
  sleep: Sleep;
  retry?: Partial<RetryPolicy>;
  userAgent?: string;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the Tenant URL: `/Users/2819c223`. */
  path: string;
  query?: Query;
  /** Sent as JSON with Content-Type application/scim+json. */
  body?: unknown;
  /** Overrides the retry policy's attempts for this request (Test Connection uses 2). */
  maxAttempts?: number;
}

export interface ScimAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when the body was empty. */
  body: unknown;
}

export interface TransportStats {
  /** Requests sent (one per send, whatever the retries). */
  requests: number;
  /** Requests that ended in a SyncError. */
  failures: number;
  /** Attempts repeated after a retryable failure. */
  retries: number;
}

export interface Transport {
  send(spec: RequestSpec): Promise<ScimAnswer>;
  stats(): TransportStats;
}

type Attempt = { ok: true; answer: ScimAnswer } | { ok: false; failure: CallFailure };

const idempotent = new Set(['GET', 'PUT', 'DELETE']);

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function createTransport(options: TransportOptions): Transport {
  const { clock, sleep } = options;
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const limit = createConcurrencyLimit(options.concurrency);
  const bucket = createTokenBucket({
    ratePerMinute: options.ratePerMinute,
    burst: options.burst,
    clock,
    sleep,
  });
  const stats: TransportStats = { requests: 0, failures: 0, retries: 0 };
  const headers = (withBody: boolean): Record<string, string> => ({
    Authorization: `Bearer ${options.token}`,
    Accept: 'application/scim+json, application/json;q=0.9',
    'User-Agent': options.userAgent ?? 'Roster-Provisioning/0.1',
    ...(withBody && { 'Content-Type': 'application/scim+json' }),
  });

  async function attempt(spec: RequestSpec): Promise<Attempt> {
    const url = scimUrl(options.baseUrl, spec.path, spec.query);
    const controller = new AbortController();
    const timer = new AbortController();
    let timedOut = false;
    void sleep(options.timeoutMs, timer.signal).then(() => {
      if (timer.signal.aborted) return;
      timedOut = true;
      controller.abort(new Error(`timed out after ${options.timeoutMs} ms`));
    });
    try {
      const withBody = spec.body !== undefined;
      const init: RequestInit = {
        method: spec.method,
        headers: headers(withBody),
        signal: controller.signal,
      };
      if (withBody) init.body = JSON.stringify(spec.body);
      const response = await raceAbort(
        Promise.resolve().then(() => options.fetch(url, init)),
        controller.signal,
      );
      const text = await raceAbort(response.text(), controller.signal);
      let body: unknown;
      let json = true;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
          json = false;
        }
      }
      const { status } = response;
      if (status >= 200 && status < 300) {
        if (!json) {
          const detail = `the target answered ${status} with a body that is not JSON: ${quoteBody(text, 120)}`;
          return { ok: false, failure: { kind: 'malformed', status, detail } };
        }
        return { ok: true, answer: { status, headers: response.headers, body } };
      }
      const retryAfter = response.headers.get('retry-after');
      return { ok: false, failure: { kind: 'http', status, body, retryAfter, nowMs: clock() } };
    } catch (error) {
      if (timedOut)
        return { ok: false, failure: { kind: 'timeout', timeoutMs: options.timeoutMs } };
      return { ok: false, failure: { kind: 'network', cause: error } };
    } finally {
      timer.abort();
    }
  }

  function retryable(spec: RequestSpec, error: SyncError): boolean {
    if (error.kind !== 'transient') return false;
    if (error.status === 429 || error.status === 503) return true;
    return idempotent.has(spec.method);
  }

  async function send(spec: RequestSpec): Promise<ScimAnswer> {
    stats.requests++;
    const label = `${spec.method} ${spec.path}`;
    for (let n = 1; ; n++) {
      const outcome = await limit.run(async () => {
        await bucket.take();
        return attempt(spec);
      });
      if (outcome.ok) return outcome.answer;
      const error = toSyncError(outcome.failure, label);
      const wait =
        error.retryAfterMs ?? Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (n - 1));
      const attempts = spec.maxAttempts ?? retry.maxAttempts;
      if (!retryable(spec, error) || n >= attempts || wait > retry.maxRetryWaitMs) {
        stats.failures++;
        throw error;
      }
      stats.retries++;
      if (error.status === 429) bucket.pauseUntil(clock() + wait);
      else await sleep(wait);
    }
  }

  return { send, stats: () => ({ ...stats }) };
}
