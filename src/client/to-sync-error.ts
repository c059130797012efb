/**
 * The one place where what happened to a call becomes a SyncError kind (architecture.md):
 *
 * | what happened                                   | kind        |
 * |-------------------------------------------------|-------------|
 * | no answer: DNS, refused, reset, TLS, timeout     | transient   |
 * | 2xx with a body that is not JSON                 | transient   |
 * | 408, 429, 500, 502, 503, 504 and other 5xx       | transient   |
 * | 501, 505 (the target cannot do this, ever)       | rejected    |
 * | 404                                              | notFound    |
 * | 409                                              | exists      |
 * | 401; 403 other than scimType `sensitive`         | stop        |
 * | 403 `sensitive`, 400, 412, 413 and the other 4xx | rejected    |
 * | an unexpected 1xx/3xx                            | rejected    |
 * | bad client configuration (Tenant URL)            | stop        |
 *
 * The detail is the target's RFC 7644 §3.12 `detail` when it sent one, else a short quote of
 * its answer; Retry-After (seconds or HTTP-date) becomes `retryAfterMs`.
 *
 * Example: toSyncError({ kind: 'http', status: 409, body: { scimType: 'uniqueness', detail: 'taken' } })
 *   → SyncError { kind: 'exists', status: 409, scimType: 'uniqueness', detail: 'taken' }
 */
import { parseRetryAfter } from './retry-after.ts';
import { SyncError, type SyncErrorKind } from './sync-error.ts';

export type CallFailure =
  /** The target answered with a status that is not a success. */
  | { kind: 'http'; status: number; body?: unknown; retryAfter?: string | null; nowMs?: number }
  /** fetch threw: DNS, connection refused or reset, TLS. */
  | { kind: 'network'; cause: unknown }
  /** No complete answer within the timeout. */
  | { kind: 'timeout'; timeoutMs: number }
  /** A success status whose body could not be used (not JSON, not the expected message). */
  | { kind: 'malformed'; status: number; detail: string }
  /** The client itself is misconfigured. */
  | { kind: 'config'; detail: string };

function kindOf(status: number, scimType: string | undefined): SyncErrorKind {
  if (status === 404) return 'notFound';
  if (status === 409) return 'exists';
  if (status === 401) return 'stop';
  if (status === 403) return scimType === 'sensitive' ? 'rejected' : 'stop';
  if (status === 408 || status === 429) return 'transient';
  if (status === 501 || status === 505) return 'rejected';
  if (status >= 500 && status <= 599) return 'transient';
  return 'rejected';
}

/** A short, single-line quote of a body that is not a SCIM error. */
export function quoteBody(body: unknown, max = 200): string {
  const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function describeNetwork(cause: unknown): string {
  const parts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message);
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(cause);
}

const statusTexts: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Maps one failed call to its SyncError; see the table above. */
export function toSyncError(failure: CallFailure, request?: string): SyncError {
  const at = request === undefined ? {} : { request };
  switch (failure.kind) {
    case 'network':
      return new SyncError({
        kind: 'transient',
        detail: `no answer from the target: ${describeNetwork(failure.cause)}`,
        cause: failure.cause,
        ...at,
      });
    case 'timeout':
      return new SyncError({
        kind: 'transient',
        detail: `no answer within ${failure.timeoutMs} ms`,
        ...at,
      });
    case 'malformed':
      return new SyncError({
        kind: 'transient',
        status: failure.status,
        detail: failure.detail,
        ...at,
      });
    case 'config':
      return new SyncError({ kind: 'stop', detail: failure.detail, ...at });
    case 'http': {
      const body = failure.body;
      const scim =
        typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const scimType = typeof scim.scimType === 'string' ? scim.scimType : undefined;
      const detail =
        typeof scim.detail === 'string' && scim.detail !== ''
          ? scim.detail
          : body === undefined || body === ''
            ? (statusTexts[failure.status] ?? 'no detail')
            : quoteBody(body);
      const retryAfterMs = parseRetryAfter(failure.retryAfter, failure.nowMs ?? Date.now());
      return new SyncError({
        kind: kindOf(failure.status, scimType),
        status: failure.status,
        detail,
        ...(scimType !== undefined && { scimType }),
        ...(retryAfterMs !== undefined && { retryAfterMs }),
        ...at,
      });
    }
  }
}
