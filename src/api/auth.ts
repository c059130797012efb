/**
 * Who is calling the admin API. The operator presents `Authorization: Bearer <ROSTER_ADMIN_TOKEN>`
 * and may do everything; a tenant admin presents the session from sign-in (the `roster_session`
 * cookie, or the same token as a Bearer) and may act on their own tenant only. Tokens are
 * compared as SHA-256 digests in constant time.
 *
 * Example: api.get('/tenants', operatorOnly(deps), handler)
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { bearerToken } from '../scim-server/index.ts';
import { ApiError } from './api-error.ts';
import type { Session, SessionStore } from './session-store.ts';

export const sessionCookie = 'roster_session';

export type Caller = { kind: 'operator' } | { kind: 'admin'; session: Session; token: string };

export interface ApiEnv {
  Variables: { caller: Caller };
}

export interface AuthDeps {
  sessions: SessionStore;
  /** The operator's token; when absent, only tenant admins can use the API. */
  adminToken?: string | undefined;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function isOperatorToken(presented: string, adminToken: string | undefined): boolean {
  return (
    adminToken !== undefined &&
    adminToken !== '' &&
    timingSafeEqual(digest(presented), digest(adminToken))
  );
}

function identify(
  deps: AuthDeps,
  authorization: string | undefined,
  cookie: string | undefined,
): Caller | undefined {
  const bearer = bearerToken(authorization);
  if (bearer !== undefined && isOperatorToken(bearer, deps.adminToken)) return { kind: 'operator' };
  const token = bearer ?? cookie;
  const session = token === undefined ? undefined : deps.sessions.get(token);
  return session && token ? { kind: 'admin', session, token } : undefined;
}

/** Routes for the operator only (create and list tenants). */
export function operatorOnly(deps: AuthDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const presented = bearerToken(c.req.header('authorization'));
    if (deps.adminToken === undefined || deps.adminToken === '')
      throw new ApiError(
        401,
        'unauthorized',
        'operator routes are off: start the server with ROSTER_ADMIN_TOKEN set, then send it as Authorization: Bearer',
        'Authorization',
      );
    if (presented === undefined)
      throw new ApiError(
        401,
        'unauthorized',
        'this route needs the operator token as Authorization: Bearer <ROSTER_ADMIN_TOKEN>',
        'Authorization',
      );
    if (!isOperatorToken(presented, deps.adminToken))
      throw new ApiError(401, 'unauthorized', 'the operator token is wrong', 'Authorization');
    c.set('caller', { kind: 'operator' });
    await next();
  };
}

/** Routes under /tenants/:tenant: the operator, or an admin signed in to that tenant. */
export function tenantMember(deps: AuthDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const caller = identify(deps, c.req.header('authorization'), getCookie(c, sessionCookie));
    if (!caller)
      throw new ApiError(
        401,
        'unauthorized',
        'sign in first (POST /api/v1/tenants/:tenant/session) and send the session cookie or Authorization: Bearer <session>; the session may have expired',
        'Authorization',
      );
    const tenant = c.req.param('tenant');
    if (caller.kind === 'admin' && caller.session.tenant !== tenant)
      throw new ApiError(
        403,
        'forbidden',
        `this session is for tenant "${caller.session.tenant}", not ${JSON.stringify(tenant)}`,
        'tenant',
      );
    c.set('caller', caller);
    await next();
  };
}
