/**
 * What every authenticated SCIM request carries: the tenant the token belongs to, the token,
 * the tenant's parsed app profile and the tenant's SCIM base URL (for `meta.location`), and the
 * Hono environment that holds it.
 *
 * Example: scope.baseUrl → 'https://roster.example.com/scim/v2/acme'
 */
import type { ApiToken, Tenant } from '../store/store.ts';
import type { AppProfile } from './app-profile.ts';

export interface TenantScope {
  tenant: Tenant;
  token: ApiToken;
  profile: AppProfile;
  /** The tenant's SCIM base URL, without a trailing slash. */
  baseUrl: string;
}

export interface ScimEnv {
  Variables: {
    scope: TenantScope;
    requestId: string;
    /** Set when the handler's response already carries X-Request-Id (scim-response.ts). */
    requestIdSent?: boolean;
  };
}

/** The path every tenant's SCIM endpoint is served under. */
export const scimRoot = '/scim/v2';
