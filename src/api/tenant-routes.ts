/**
 * Tenants: the operator creates them (with the first admin) and lists them; a tenant's admin
 * reads their own tenant and its SCIM Base URL (the tutorial's "Select SCIM, copy the Base URL").
 *
 * Example: POST /api/v1/tenants {"name":"acme","adminEmail":"admin@acme.test","adminPassword":"…"}
 */
import type { Hono } from 'hono';
import { buildPresetProfile } from '../scim-server/index.ts';
import type { ResolvedApiDeps } from './api-deps.ts';
import { type ApiEnv, operatorOnly, tenantMember } from './auth.ts';
import { readBody } from './read-body.ts';
import { createTenantBody } from './schemas.ts';

export function registerTenantRoutes(api: Hono<ApiEnv>, deps: ResolvedApiDeps): void {
  const { accounts } = deps;

  api.post('/tenants', operatorOnly(deps), async (c) => {
    const body = await readBody(c, createTenantBody);
    const profile = buildPresetProfile(body.profile, body.allowedDomains);
    const created = await accounts.createTenant(
      body.name,
      body.adminEmail,
      body.adminPassword,
      profile,
    );
    c.header('Location', `/api/v1/tenants/${created.tenant}`);
    return c.json(created, 201);
  });

  api.get('/tenants', operatorOnly(deps), async (c) =>
    c.json({ tenants: await accounts.listTenants() }),
  );

  api.get('/tenants/:tenant', tenantMember(deps), async (c) =>
    c.json(await accounts.getTenant(c.req.param('tenant'))),
  );

  api.get('/tenants/:tenant/scim', tenantMember(deps), async (c) => {
    const { tenant, baseUrl } = await accounts.getTenant(c.req.param('tenant'));
    return c.json({ tenant, baseUrl });
  });
}
