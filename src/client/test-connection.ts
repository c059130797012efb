/**
 * Test Connection, as Entra does it (entra-scim-contract.md, "Test Connection / probe"):
 * `GET /Users?filter=userName eq "<random guid>"` must answer 200 with a ListResponse. Any
 * other outcome becomes a human explanation an admin can act on:
 *
 * | outcome                                   | problem       | what to check                  |
 * |-------------------------------------------|---------------|--------------------------------|
 * | DNS failure, refused, reset               | unreachable   | the host of the Tenant URL     |
 * | certificate or TLS failure                | tls           | the target's certificate       |
 * | no answer in time                         | timeout       | the target's health            |
 * | 401, 403                                  | unauthorized  | the Secret Token               |
 * | 404                                       | notFound      | the Tenant URL (Base URL) path |
 * | 200 that is not a SCIM ListResponse, HTML | notScim       | the Tenant URL points at SCIM  |
 * | other 4xx (e.g. filter refused)           | rejected      | filtering on userName          |
 * | 5xx, 429 after retries                    | serverError   | the target's health            |
 *
 * Example: await testConnection(transport, () => crypto.randomUUID())
 *   → { ok: false, problem: 'unauthorized', status: 401, message: 'The target refused the credentials (401): check the Secret Token. …' }
 */
import { stringifyFilter } from '../scim/index.ts';
import { listResponseSchema } from './request-bodies.ts';
import { isSyncError, type SyncError } from './sync-error.ts';
import type { Transport } from './transport.ts';

export type ConnectionProblem =
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'unauthorized'
  | 'notFound'
  | 'notScim'
  | 'rejected'
  | 'serverError';

export type ConnectionTest =
  | { ok: true; status: number; message: string }
  | { ok: false; problem: ConnectionProblem; status?: number; message: string; detail: string };

function codes(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') out.push(code);
    out.push(current.message);
    current = current.cause;
  }
  return out;
}

const tlsPattern = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|certificate|handshake/i;

function explain(error: SyncError): ConnectionTest {
  const status = error.status;
  const fail = (problem: ConnectionProblem, message: string): ConnectionTest => ({
    ok: false,
    problem,
    ...(status !== undefined && { status }),
    message,
    detail: error.detail,
  });
  if (status === undefined) {
    if (/^no answer within/.test(error.detail)) {
      return fail('timeout', `The target did not answer in time: ${error.detail}.`);
    }
    if (codes(error.cause).some((c) => tlsPattern.test(c))) {
      return fail(
        'tls',
        `The TLS connection to the target failed: check its certificate (${error.detail}).`,
      );
    }
    if (error.kind === 'stop')
      return fail('unreachable', `The Tenant URL is not usable: ${error.detail}.`);
    return fail(
      'unreachable',
      `The target could not be reached: check the host name and port of the Tenant URL (${error.detail}).`,
    );
  }
  if (status === 401 || status === 403) {
    return fail(
      'unauthorized',
      `The target refused the credentials (${status}): check the Secret Token.`,
    );
  }
  if (status === 404) {
    return fail(
      'notFound',
      'The target answered 404 for /Users: check the Tenant URL (Base URL) — it should end at the SCIM root, e.g. https://example.com/scim/v2.',
    );
  }
  if (error.kind === 'transient' && status >= 200 && status < 300) {
    return fail('notScim', `The Tenant URL did not answer as a SCIM service: ${error.detail}.`);
  }
  if (status >= 500 || status === 429 || status === 408) {
    return fail('serverError', `The target failed (${status}): ${error.detail}.`);
  }
  return fail(
    'rejected',
    `The target refused the probe query (${status}): it must support filtering Users on userName (RFC 7644 §3.4.2.2). ${error.detail}`,
  );
}

function isListResponse(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const o = body as Record<string, unknown>;
  const schemas = Array.isArray(o.schemas) ? o.schemas : [];
  return (
    typeof o.totalResults === 'number' ||
    schemas.some(
      (s) => typeof s === 'string' && s.toLowerCase() === listResponseSchema.toLowerCase(),
    )
  );
}

/** Sends the probe and explains the outcome; see the file comment. */
export async function testConnection(
  transport: Transport,
  randomId: () => string,
): Promise<ConnectionTest> {
  const filter = stringifyFilter({
    kind: 'compare',
    path: { name: 'userName' },
    op: 'eq',
    value: randomId(),
  });
  try {
    const answer = await transport.send({
      method: 'GET',
      path: '/Users',
      query: { filter },
      maxAttempts: 2,
    });
    if (!isListResponse(answer.body)) {
      return {
        ok: false,
        problem: 'notScim',
        status: answer.status,
        message:
          'The Tenant URL answered, but not with a SCIM ListResponse: check that it points at the SCIM root.',
        detail: JSON.stringify(answer.body ?? null).slice(0, 200),
      };
    }
    return {
      ok: true,
      status: answer.status,
      message: 'The target answered the probe query as a SCIM service.',
    };
  } catch (error) {
    if (!isSyncError(error)) throw error;
    return explain(error);
  }
}
