/**
 * Who is calling the identity side's routes, and whether their role allows the route. A caller
 * presents one of: the operator token (ROSTER_ADMIN_TOKEN, acts as Global Administrator), an
 * identity API token (`rit_…`), or an identity admin's session (the `roster_identity_session`
 * cookie, or the same token as a Bearer). Every route names the permission it needs
 * (directory/admins/roles.ts); a role without it gets 403.
 *
 * Example: routes.get('/apps', identityGuard(deps, 'read'), handler)
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import {
  type Directory,
  type DirectoryError,
  type DirectoryErrorKind,
  type IdentityPrincipal,
  operatorPrincipal,
  type Permission,
  requirePermission,
} from '../directory/index.ts';
import { bearerToken } from '../scim-server/index.ts';
import { ApiError } from './api-error.ts';
import type { SessionStore } from './session-store.ts';

export const identitySessionCookie = 'roster_identity_session';

export interface IdentityEnv {
  Variables: { identity: IdentityPrincipal; identityToken: string | undefined };
}

export interface IdentityAuthDeps {
  directory: Directory;
  sessions: SessionStore;
  adminToken?: string | undefined;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

const statuses: Record<DirectoryErrorKind, 400 | 401 | 403 | 404 | 409 | 429> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  locked: 429,
};

/** A DirectoryError as the admin API's error (same codes as the kinds). */
export const fromDirectoryError = (error: DirectoryError): ApiError =>
  new ApiError(
    statuses[error.kind],
    error.kind,
    error.message,
    error.field ?? null,
    error.retryAfter,
  );

/** The caller and the token they presented, or undefined when nobody is signed in. */
async function identify(
  deps: IdentityAuthDeps,
  c: Context,
): Promise<{ principal: IdentityPrincipal; token: string | undefined } | undefined> {
  const bearer = bearerToken(c.req.header('authorization'));
  const admin = deps.adminToken;
  if (bearer !== undefined && admin && timingSafeEqual(digest(bearer), digest(admin)))
    return { principal: operatorPrincipal, token: undefined };
  if (bearer?.startsWith('rit_')) {
    const principal = await deps.directory.admins.authenticateToken(bearer);
    return principal && { principal, token: undefined };
  }
  const token = bearer ?? getCookie(c, identitySessionCookie);
  const session = token === undefined ? undefined : deps.sessions.get(token);
  if (!session) return undefined;
  const principal = await deps.directory.admins.principalById(session.adminId);
  return principal && { principal, token };
}

/** Lets the route run when the caller is signed in and their role grants `permission`. */
export function identityGuard(
  deps: IdentityAuthDeps,
  permission: Permission,
): MiddlewareHandler<IdentityEnv> {
  return async (c, next) => {
    const found = await identify(deps, c);
    if (!found)
      throw new ApiError(
        401,
        'unauthorized',
        'sign in first (POST /api/v1/identity/session) and send the session cookie or Authorization: Bearer <session>, or send an identity API token (rit_…); the session may have expired',
        'Authorization',
      );
    requirePermission(found.principal, permission);
    c.set('identity', found.principal);
    c.set('identityToken', found.token);
    await next();
  };
}
