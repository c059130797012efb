/**
 * Bearer-token authentication of a tenant's SCIM endpoint (RFC 7644 §2, RFC 6750): the token
 * is hashed and looked up (store.tokens.byHash; the hash is the key, so the comparison happens
 * in the database index, never on the secret), and it must belong to the tenant named in the
 * URL. Every failure is the same 401, so a token of tenant A learns nothing about tenant B
 * (not even whether B exists). Hits are cached for `cacheMs`; misses never are.
 *
 * Example:
 *   const authenticate = createAuthenticator({ store, cacheMs: 1000 });
 *   await authenticate('acme', 'Bearer rst_…', now) → { tenant, token, profile }
 */
import type { ApiToken, Store, Tenant } from '../store/store.ts';
import { type AppProfile, parseAppProfile } from './app-profile.ts';
import { unauthorized } from './http-error.ts';
import { bearerToken, hashSecretToken } from './secret-token.ts';

export interface Authenticated {
  tenant: Tenant;
  token: ApiToken;
  profile: AppProfile;
}

export interface AuthenticatorDeps {
  store: Pick<Store, 'tokens' | 'tenants'>;
  cacheMs: number;
}

export type Authenticator = (
  tenantName: string,
  authorization: string | undefined,
  now: Date,
) => Promise<Authenticated>;

const cacheCap = 10_000;

export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const cache = new Map<string, { value: Authenticated; until: number }>();

  async function lookUp(hash: string): Promise<Authenticated | undefined> {
    const token = await deps.store.tokens.byHash(hash);
    if (!token || token.revoked) return undefined;
    const tenant = await deps.store.tenants.byId(token.tenantId);
    if (!tenant) return undefined;
    // An invalid stored profile is a server fault (500, logged), not the client's.
    return { tenant, token, profile: parseAppProfile(tenant.profile) };
  }

  return async (tenantName, authorization, now) => {
    const secret = bearerToken(authorization);
    if (secret === undefined) throw unauthorized(false);
    const hash = hashSecretToken(secret);
    const ms = now.getTime();
    let found = cache.get(hash);
    if (!found || found.until <= ms) {
      const value = await lookUp(hash);
      if (!value) {
        cache.delete(hash);
        throw unauthorized(true);
      }
      if (cache.size >= cacheCap) cache.clear();
      found = { value, until: ms + deps.cacheMs };
      if (deps.cacheMs > 0) cache.set(hash, found);
    }
    if (found.value.tenant.name !== tenantName) throw unauthorized(true);
    return found.value;
  };
}
