/**
 * The console's one door to the server: JSON requests to the admin REST API (`/api/v1`), with
 * the session in an HttpOnly cookie the browser sends by itself. A refusal becomes an
 * ApiFailure carrying the API's `{"error":{"code","message","field"}}` in words; a network
 * failure becomes one too (code `network`), so screens show every failure the same way.
 *
 * Example: const http = createHttp(fetch); await http.get<{ baseUrl: string }>('/tenants/acme/scim')
 */

export type FailureCode =
  | 'invalid'
  | 'unsupportedMediaType'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'tooLarge'
  | 'locked'
  | 'internal'
  | 'unavailable'
  | 'network';

export class ApiFailure extends Error {
  readonly status: number;
  readonly code: FailureCode;
  readonly field: string | null;
  /** The error body's other members (an expression's `span`, a mapping's `issues`). */
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: FailureCode,
    message: string,
    field: string | null = null,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface Http {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete<T = void>(path: string): Promise<T>;
}

export const apiRoot = '/api/v1';

/** `/a/b` plus the defined query values, URL-encoded. */
export function withQuery(path: string, query?: Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The API's error body as an ApiFailure; a body that is not one still yields words. */
export async function failureOf(response: Response): Promise<ApiFailure> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (
    body as {
      error?: { code?: string; message?: string; field?: string | null } & Record<string, unknown>;
    }
  )?.error;
  if (error && typeof error.message === 'string') {
    const { code, message, field, ...details } = error;
    return new ApiFailure(
      response.status,
      (code ?? 'internal') as FailureCode,
      message,
      field ?? null,
      details,
    );
  }
  return new ApiFailure(
    response.status,
    response.status >= 500 ? 'unavailable' : 'invalid',
    `the server answered ${response.status} ${response.statusText || ''}`.trim(),
  );
}

export function createHttp(fetchFn: Fetch, root = apiRoot): Http {
  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchFn(`${root}${path}`, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiFailure(
        0,
        'network',
        `the server cannot be reached (${(error as Error).message}); is Roster running?`,
      );
    }
    if (!response.ok) throw await failureOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  return {
    get: (path, query) => send('GET', withQuery(path, query)),
    post: (path, body) => send('POST', path, body ?? {}),
    put: (path, body) => send('PUT', path, body),
    patch: (path, body) => send('PATCH', path, body),
    delete: (path) => send('DELETE', path),
  };
}
