/**
 * ScimErrors the HTTP layer raises itself, some with response headers the RFCs ask for:
 * 401 with `WWW-Authenticate` (RFC 6750 §3), 429 with `Retry-After` (RFC 6585 §4), 405 with
 * `Allow` (RFC 9110 §15.5.6). The body is still the RFC 7644 §3.12 error.
 *
 * Example: throw tooManyRequests(2) → 429 {"status":"429","detail":"…"} and `Retry-After: 2`
 */
import { ScimError } from '../scim/index.ts';

export class ScimHttpError extends ScimError {
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, detail: string, headers: Record<string, string> = {}) {
    super(status, undefined, detail);
    this.headers = headers;
  }
}

export const unauthorized = (tokenGiven: boolean) =>
  new ScimHttpError(
    401,
    tokenGiven
      ? 'The bearer token is not valid for this tenant'
      : 'This endpoint needs an Authorization: Bearer <token> header',
    {
      'WWW-Authenticate': tokenGiven
        ? 'Bearer realm="SCIM", error="invalid_token"'
        : 'Bearer realm="SCIM"',
    },
  );

export const tooManyRequests = (retryAfterSeconds: number) =>
  new ScimHttpError(429, `Too many requests for this token; retry after ${retryAfterSeconds} s`, {
    'Retry-After': String(retryAfterSeconds),
  });

export const methodNotAllowed = (method: string, allow: readonly string[]) =>
  new ScimHttpError(405, `Method ${method} is not allowed here; allowed: ${allow.join(', ')}`, {
    Allow: allow.join(', '),
  });

export const notFound = (detail: string) => new ScimHttpError(404, detail);

export const payloadTooLarge = (limit: number, what = 'request body') =>
  new ScimHttpError(413, `The ${what} exceeds the maximum of ${limit} bytes`);

/** 503 when optimistic retries on a busy resource ran out; clients retry later. */
export const busy = (detail: string) => new ScimHttpError(503, detail, { 'Retry-After': '1' });
