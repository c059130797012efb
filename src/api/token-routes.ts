/**
 * Secret Tokens (the tutorial's "API → Azure SCIM → enter the same password → copy the Secret
 * Token"): minting needs the admin's password again and shows the token once; the list shows
 * prefixes and dates, never a secret; revoking is immediate.
 *
 * Example: POST /api/v1/tenants/acme/tokens {"password":"…"} → 201 {"token":"rst_…","baseUrl":"…"}
 */
import type { Hono } from 'hono';
import type { ResolvedApiDeps } from './api-deps.ts';
import { type ApiEnv, tenantMember } from './auth.ts';
import { readBody } from './read-body.ts';
import { mintTokenBody } from './schemas.ts';

export function registerTokenRoutes(api: Hono<ApiEnv>, deps: ResolvedApiDeps): void {
  const { accounts } = deps;

  api.post('/tenants/:tenant/tokens', tenantMember(deps), async (c) => {
    const body = await readBody(c, mintTokenBody);
    const caller = c.get('caller');
    const email = caller.kind === 'admin' ? caller.session.email : body.email;
    return c.json(await accounts.mintToken(c.req.param('tenant'), body.password, email), 201);
  });

  api.get('/tenants/:tenant/tokens', tenantMember(deps), async (c) =>
    c.json({ tokens: await accounts.listTokens(c.req.param('tenant')) }),
  );

  api.delete('/tenants/:tenant/tokens/:id', tenantMember(deps), async (c) => {
    await accounts.revokeToken(c.req.param('tenant'), c.req.param('id'));
    return c.body(null, 204);
  });
}
