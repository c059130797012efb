/**
 * The app side's admin API as the console uses it (the tutorial's Wrike admin console):
 * tenant admin sign-in, the SCIM Base URL, Secret Tokens, and what an IdP provisioned.
 * Shapes mirror src/api/schemas.ts; the console imports nothing from the server.
 *
 * Example: const api = createAppApi(http); const { baseUrl } = await api.scim('acme');
 */
import type { Http } from './http.ts';

export interface TenantSession {
  tenant: string;
  email: string;
  expires: string;
}

export interface ScimEndpoint {
  tenant: string;
  baseUrl: string;
}

export interface TokenRow {
  id: string;
  prefix: string;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
}

export interface MintedToken {
  id: string;
  token: string;
  prefix: string;
  baseUrl: string;
  created: string;
}

export interface Page<T> {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  items: T[];
}

/** A SCIM resource as the app stores it (loosely typed: whatever the IdP sent). */
export interface ScimResource {
  id: string;
  externalId?: string;
  userName?: string;
  displayName?: string;
  active?: boolean;
  name?: { givenName?: string; familyName?: string; formatted?: string };
  emails?: { value?: string; primary?: boolean; type?: string }[];
  members?: { value: string; display?: string }[];
  created: string;
  lastModified: string;
}

export interface PageQuery {
  filter?: string | undefined;
  startIndex: number;
  count: number;
}

const t = (tenant: string) => `/tenants/${encodeURIComponent(tenant)}`;

export function createAppApi(http: Http) {
  return {
    signIn: (tenant: string, email: string, password: string) =>
      http.post<TenantSession & { session: string }>(`${t(tenant)}/session`, { email, password }),
    signOut: (tenant: string) => http.delete(`${t(tenant)}/session`),
    scim: (tenant: string) => http.get<ScimEndpoint>(`${t(tenant)}/scim`),
    tokens: async (tenant: string) =>
      (await http.get<{ tokens: TokenRow[] }>(`${t(tenant)}/tokens`)).tokens,
    mintToken: (tenant: string, password: string) =>
      http.post<MintedToken>(`${t(tenant)}/tokens`, { password }),
    revokeToken: (tenant: string, id: string) =>
      http.delete(`${t(tenant)}/tokens/${encodeURIComponent(id)}`),
    users: async (tenant: string, query: PageQuery): Promise<Page<ScimResource>> => {
      const { users, ...page } = await http.get<
        Omit<Page<never>, 'items'> & { users: ScimResource[] }
      >(`${t(tenant)}/users`, { ...query });
      return { ...page, items: users };
    },
    groups: async (tenant: string, query: PageQuery): Promise<Page<ScimResource>> => {
      const { groups, ...page } = await http.get<
        Omit<Page<never>, 'items'> & { groups: ScimResource[] }
      >(`${t(tenant)}/groups`, { ...query });
      return { ...page, items: groups };
    },
  };
}

export type AppApi = ReturnType<typeof createAppApi>;
