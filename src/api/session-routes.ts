/**
 * Tenant admin sign-in and sign-out. Sign-in answers with the session token in the body (for
 * API clients) and as the `roster_session` cookie (HttpOnly, SameSite=Strict, for the console).
 * Wrong passwords are slowed down by the accounts module (429 with Retry-After when locked).
 *
 * Example: POST /api/v1/tenants/acme/session {"email":"admin@acme.test","password":"…"}
 */
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { ResolvedApiDeps } from './api-deps.ts';
import { ApiError } from './api-error.ts';
import { type ApiEnv, sessionCookie, tenantMember } from './auth.ts';
import { readBody } from './read-body.ts';
import { signInBody } from './schemas.ts';

const cookiePath = '/api/v1';

export function registerSessionRoutes(api: Hono<ApiEnv>, deps: ResolvedApiDeps): void {
  const { accounts, sessions, clock } = deps;

  api.post('/tenants/:tenant/session', async (c) => {
    const body = await readBody(c, signInBody);
    const admin = await accounts.signIn(c.req.param('tenant'), body.email, body.password);
    const { token, session } = sessions.create({
      tenant: admin.tenant.tenant,
      adminId: admin.adminId,
      email: admin.email,
    });
    setCookie(c, sessionCookie, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.secureCookies === true,
      path: cookiePath,
      maxAge: Math.max(0, Math.floor((Date.parse(session.expires) - clock().getTime()) / 1000)),
    });
    return c.json(
      { session: token, tenant: session.tenant, email: session.email, expires: session.expires },
      201,
    );
  });

  api.delete('/tenants/:tenant/session', tenantMember(deps), (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'admin')
      throw new ApiError(
        400,
        'invalid',
        'the operator token is not a session; there is nothing to sign out',
        'Authorization',
      );
    sessions.delete(caller.token);
    deleteCookie(c, sessionCookie, { path: cookiePath });
    return c.body(null, 204);
  });
}
