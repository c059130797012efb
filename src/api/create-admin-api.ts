/**
 * The admin REST API (`/api/v1`): tenants, admin sessions, Secret Tokens and the provisioned
 * users and groups, as JSON; every error is `{"error":{"code","message","field"}}`. Mount it
 * with `app.route('/api/v1', createAdminApi(deps))`; the OpenAPI document is at `/openapi.json`.
 *
 * Example: await createAdminApi(deps).request('/tenants', { headers: { authorization: 'Bearer …' } })
 */
import { Hono } from 'hono';
import type { AdminApiDeps, ResolvedApiDeps } from './api-deps.ts';
import { ApiError, errorResponse, toApiError } from './api-error.ts';
import type { ApiEnv } from './auth.ts';
import { addExpressionTestOpenApi } from './expression-test-openapi.ts';
import { registerExpressionTestApi } from './expression-test-routes.ts';
import { registerIdentityApi } from './identity-api.ts';
import { addIdentityOpenApi } from './identity-openapi.ts';
import { createOpenApiDocument } from './openapi.ts';
import { addProvisioningOpenApi } from './provisioning-openapi.ts';
import { registerProvisioningApi } from './provisioning-routes.ts';
import { registerResourceRoutes } from './resource-routes.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { createSessionStore } from './session-store.ts';
import { registerTenantRoutes } from './tenant-routes.ts';
import { registerTokenRoutes } from './token-routes.ts';

export interface AdminApiOptions extends AdminApiDeps {
  version?: string;
  /** Where unexpected errors are reported (the cause never goes to the client). */
  onUnexpected?: (error: unknown) => void;
}

export function createAdminApi(options: AdminApiOptions): Hono<ApiEnv> {
  const deps: ResolvedApiDeps = {
    ...options,
    sessions: options.sessions ?? createSessionStore({ clock: options.clock }),
  };
  const api = new Hono<ApiEnv>();
  const openapi = createOpenApiDocument(options.version ?? '0.0.0');
  if (options.directory) addIdentityOpenApi(openapi);
  if (options.directory && options.provisioning) addProvisioningOpenApi(openapi);
  if (options.directory && options.provisioning) addExpressionTestOpenApi(openapi);
  // Identity admins' sessions, shared by the identity and provisioning routes.
  const identitySessions = createSessionStore({ clock: options.clock });

  api.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  api.get('/openapi.json', (c) => c.json(openapi));
  registerTenantRoutes(api, deps);
  registerSessionRoutes(api, deps);
  registerTokenRoutes(api, deps);
  registerResourceRoutes(api, deps);
  if (options.directory)
    registerIdentityApi(api, { ...deps, directory: options.directory, identitySessions });
  if (options.directory && options.provisioning)
    registerProvisioningApi(api, {
      directory: options.directory,
      provisioning: options.provisioning,
      sessions: identitySessions,
      adminToken: options.adminToken,
      onUnexpected: options.onUnexpected,
    });
  if (options.directory && options.provisioning)
    registerExpressionTestApi(api, {
      directory: options.directory,
      provisioning: options.provisioning,
      sessions: identitySessions,
      adminToken: options.adminToken,
    });
  api.all('*', (c) => {
    throw new ApiError(
      404,
      'notFound',
      `there is no ${c.req.method} ${new URL(c.req.url).pathname} in the admin API (see /api/v1/openapi.json)`,
    );
  });
  api.onError((error, c) => {
    const { apiError, unexpected } = toApiError(error);
    if (unexpected) options.onUnexpected?.(error);
    c.header('Cache-Control', 'no-store');
    return errorResponse(c, apiError);
  });
  return api;
}
