/**
 * The app's view of what an IdP provisioned into a tenant: its users and groups, paged, with a
 * SCIM filter passed through to the database (RFC 7644 §3.4.2.2).
 *
 * Example: GET /api/v1/tenants/acme/users?filter=userName sw "a"&count=20
 */
import type { Hono } from 'hono';
import type { ResolvedApiDeps } from './api-deps.ts';
import { type ApiEnv, tenantMember } from './auth.ts';
import { readQuery } from './read-body.ts';
import { listQuery } from './schemas.ts';

export function registerResourceRoutes(api: Hono<ApiEnv>, deps: ResolvedApiDeps): void {
  const { provisioned } = deps;

  api.get('/tenants/:tenant/users', tenantMember(deps), async (c) => {
    const { resources, ...page } = await provisioned.list(
      c.req.param('tenant'),
      'User',
      readQuery(c, listQuery),
    );
    return c.json({ ...page, users: resources });
  });

  api.get('/tenants/:tenant/groups', tenantMember(deps), async (c) => {
    const { resources, ...page } = await provisioned.list(
      c.req.param('tenant'),
      'Group',
      readQuery(c, listQuery),
    );
    return c.json({ ...page, groups: resources });
  });
}
