/**
 * The identity side of the admin API, mounted into createAdminApi's router: sign-in and tokens
 * of identity admins, the directory, the gallery, enterprise apps and assignments. Its own
 * router turns DirectoryErrors into the API's error bodies; anything else goes on to the
 * admin API's handler (500, cause logged).
 *
 * Example: registerIdentityApi(api, { directory, clock, adminToken })
 */
import { Hono } from 'hono';
import { type Directory, isDirectoryError } from '../directory/index.ts';
import { errorResponse } from './api-error.ts';
import { registerAppRoutes } from './app-routes.ts';
import { registerDirectoryRoutes } from './directory-routes.ts';
import { fromDirectoryError, type IdentityEnv } from './identity-auth.ts';
import { registerIdentitySessionRoutes } from './identity-session-routes.ts';
import { createSessionStore, type SessionStore } from './session-store.ts';

export interface IdentityApiDeps {
  directory: Directory;
  clock: () => Date;
  adminToken?: string | undefined;
  secureCookies?: boolean | undefined;
  /** Identity admins' sessions; defaults to a store of its own, apart from tenant admins'. */
  identitySessions?: SessionStore;
}

// biome-ignore lint/suspicious/noExplicitAny: mounts into any Hono router (ApiEnv or plain)
export function registerIdentityApi(api: Hono<any>, deps: IdentityApiDeps): void {
  const sessions = deps.identitySessions ?? createSessionStore({ clock: deps.clock });
  const routes = new Hono<IdentityEnv>();
  const auth = { ...deps, sessions };
  registerIdentitySessionRoutes(routes, auth);
  registerDirectoryRoutes(routes, auth);
  registerAppRoutes(routes, auth);
  routes.onError((error, c) => {
    if (isDirectoryError(error)) return errorResponse(c, fromDirectoryError(error));
    throw error;
  });
  api.route('/', routes);
}
