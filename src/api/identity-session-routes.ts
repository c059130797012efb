/**
 * Identity admins' sign-in (a session for the console, as the `roster_identity_session` cookie
 * and in the body), who am I, the admins themselves and API tokens for automation. Minting a
 * token needs only to be signed in (the token's role is at most the minter's); listing admins
 * and tokens, adding admins and revoking tokens need manageAdmins (Global Administrator).
 *
 * Example: POST /api/v1/identity/session {"email":"it@contoso.test","password":"…"}
 */
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { type IdentityRole, identityRoles } from '../directory/index.ts';
import { ApiError } from './api-error.ts';
import {
  type IdentityAuthDeps,
  type IdentityEnv,
  identityGuard,
  identitySessionCookie,
} from './identity-auth.ts';
import { identityAdminBody, identitySignInBody, identityTokenBody } from './identity-schemas.ts';
import { readBody } from './read-body.ts';

const cookiePath = '/api/v1';

export function registerIdentitySessionRoutes(
  routes: Hono<IdentityEnv>,
  deps: IdentityAuthDeps & { clock: () => Date; secureCookies?: boolean | undefined },
): void {
  const { directory, sessions, clock } = deps;
  const signedIn = identityGuard(deps, 'read');
  const manage = identityGuard(deps, 'manageAdmins');

  routes.post('/identity/session', async (c) => {
    const body = await readBody(c, identitySignInBody);
    const principal = await directory.admins.signIn(body.email, body.password);
    const { token, session } = sessions.create({
      tenant: '',
      adminId: principal.id,
      email: principal.name,
    });
    setCookie(c, identitySessionCookie, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.secureCookies === true,
      path: cookiePath,
      maxAge: Math.max(0, Math.floor((Date.parse(session.expires) - clock().getTime()) / 1000)),
    });
    return c.json(
      { session: token, email: principal.name, role: principal.role, expires: session.expires },
      201,
    );
  });

  routes.delete('/identity/session', signedIn, (c) => {
    const token = c.get('identityToken');
    if (token === undefined)
      throw new ApiError(
        400,
        'invalid',
        'this credential is not a session; there is nothing to sign out',
        'Authorization',
      );
    sessions.delete(token);
    deleteCookie(c, identitySessionCookie, { path: cookiePath });
    return c.body(null, 204);
  });

  routes.get('/identity/me', signedIn, (c) => {
    const me = c.get('identity');
    return c.json({ ...me, permissions: [...identityRoles[me.role as IdentityRole]] });
  });

  routes.get('/identity/admins', manage, async (c) =>
    c.json({ admins: await directory.admins.list() }),
  );
  routes.post('/identity/admins', manage, async (c) =>
    c.json(await directory.admins.add(await readBody(c, identityAdminBody)), 201),
  );

  routes.post('/identity/tokens', signedIn, async (c) => {
    const me = c.get('identity');
    if (me.kind === 'token')
      throw new ApiError(
        403,
        'forbidden',
        'an API token cannot mint tokens; sign in as an admin',
        'Authorization',
      );
    return c.json(await directory.admins.mintToken(await readBody(c, identityTokenBody), me), 201);
  });
  routes.get('/identity/tokens', manage, async (c) =>
    c.json({ tokens: await directory.admins.listTokens() }),
  );
  routes.delete('/identity/tokens/:id', manage, async (c) => {
    await directory.admins.revokeToken(c.req.param('id'));
    return c.body(null, 204);
  });
}
