/**
 * The admin API's error: a status, a code a client can switch on, a message in words and the
 * field it is about, sent as `{"error":{"code","message","field"}}`. AccountErrors and
 * ScimErrors from inner rings are translated here; anything else is a 500 whose cause goes to
 * the log, not to the client.
 *
 * Example: throw new ApiError(400, 'invalid', 'count must be a whole number from 0 to 200', 'count')
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ScimError } from '../scim/index.ts';
import { type AccountErrorKind, isAccountError } from '../scim-server/index.ts';

export type ApiErrorCode =
  | 'invalid'
  | 'unsupportedMediaType'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'tooLarge'
  | 'locked'
  | 'internal'
  | 'unavailable';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; field: string | null };
}

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ApiErrorCode;
  readonly field: string | null;
  /** Seconds, sent as Retry-After (with `locked`). */
  readonly retryAfter: number | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: ApiErrorCode,
    message: string,
    field?: string | null,
    retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field ?? null;
    this.retryAfter = retryAfter;
  }

  toJSON(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, field: this.field } };
  }
}

const accountStatus: Record<AccountErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  locked: 429,
  conflict: 409,
  notFound: 404,
};

/** Any thrown value as an ApiError; `unexpected` is true when it was a bug, not a refusal. */
export function toApiError(error: unknown): { apiError: ApiError; unexpected: boolean } {
  if (error instanceof ApiError) return { apiError: error, unexpected: false };
  if (isAccountError(error))
    return {
      apiError: new ApiError(
        accountStatus[error.kind],
        error.kind,
        error.message,
        error.field,
        error.retryAfter,
      ),
      unexpected: false,
    };
  if (error instanceof ScimError && error.status === 400)
    return { apiError: new ApiError(400, 'invalid', error.detail), unexpected: false };
  return {
    apiError: new ApiError(
      500,
      'internal',
      'the server failed to answer this request; the cause is in its log',
    ),
    unexpected: true,
  };
}

/** The JSON response for an ApiError (with Retry-After and WWW-Authenticate where they apply). */
export function errorResponse(c: Context, error: ApiError): Response {
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  if (error.status === 401) c.header('WWW-Authenticate', 'Bearer realm="roster"');
  return c.json(error.toJSON(), error.status);
}
