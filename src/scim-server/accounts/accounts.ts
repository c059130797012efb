/**
 * The tenant/admin/token side of the app (the tutorial's "Set up Wrike for provisioning"):
 * create a tenant with its first admin, sign an admin in, mint a Secret Token after the admin
 * re-enters their password, list and revoke tokens, and say each tenant's SCIM Base URL.
 * Secrets leave only once: a minted token is returned by `mintToken` and never stored or
 * listed in clear.
 *
 * Example:
 *   const accounts = createAccounts({ store, clock: () => new Date(), publicUrl: 'http://localhost:8080' });
 *   await accounts.createTenant('acme', 'admin@acme.test', 'correct horse battery');
 *   const { token, baseUrl } = await accounts.mintToken('acme', 'correct horse battery');
 */
import { isStoreError, type Store, type Tenant } from '../../store/store.ts';
import { mintSecretToken } from '../secret-token.ts';
import { AccountError } from './account-error.ts';
import { checkAdminEmail, checkNewPassword } from './admin-credentials.ts';
import { hashPassword, type ScryptParameters } from './password-hash.ts';
import { checkProfileDocument, type ProfileDocument } from './profile-presets.ts';
import { createSignIn } from './sign-in.ts';
import { checkTenantName } from './tenant-name.ts';

export interface AccountsDeps {
  store: Store;
  clock: () => Date;
  /** Where clients reach this server, e.g. `https://roster.example.com` (no trailing slash needed). */
  publicUrl: string;
  /** Only tests lower the scrypt cost. */
  scrypt?: ScryptParameters;
}

export interface TenantSummary {
  tenant: string;
  baseUrl: string;
  profile: ProfileDocument;
  created: string;
}

export interface SignedInAdmin {
  tenant: TenantSummary;
  adminId: string;
  email: string;
}

export interface MintedTokenView {
  id: string;
  /** The Secret Token itself: shown this once, never again. */
  token: string;
  prefix: string;
  baseUrl: string;
  created: string;
}

export interface TokenSummary {
  id: string;
  prefix: string;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
}

export type Accounts = ReturnType<typeof createAccounts>;

export function createAccounts(deps: AccountsDeps) {
  const { store } = deps;
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const signIn = createSignIn(deps);

  const baseUrlFor = (tenant: string) => `${publicUrl}/scim/v2/${tenant}`;
  const summary = (t: Tenant): TenantSummary => ({
    tenant: t.name,
    baseUrl: baseUrlFor(t.name),
    profile: t.profile,
    created: t.created,
  });

  async function tenantNamed(name: string): Promise<Tenant> {
    const found = await store.tenants.byName(name);
    if (!found)
      throw new AccountError(
        'notFound',
        `there is no tenant named ${JSON.stringify(name)}`,
        'tenant',
      );
    return found;
  }

  /** The admin a password re-entry is for: the one given, or the tenant's only admin. */
  async function adminEmailFor(tenant: Tenant, email: string | undefined): Promise<string> {
    if (email !== undefined) return checkAdminEmail(email, 'email');
    const admins = await store.admins.list(tenant.id);
    if (admins.length === 1) return admins[0]!.email;
    throw new AccountError(
      'invalid',
      `tenant "${tenant.name}" has ${admins.length} admins; say which one is re-entering the password (email)`,
      'email',
    );
  }

  return {
    baseUrlFor,

    /** Creates a tenant and its first admin (RFC 7644 §2: the service provider's own accounts). */
    async createTenant(
      name: string,
      adminEmail: string,
      adminPassword: string,
      profile: ProfileDocument = {},
    ): Promise<TenantSummary> {
      checkTenantName(name);
      const email = checkAdminEmail(adminEmail);
      checkNewPassword(adminPassword);
      checkProfileDocument(profile);
      const hash = await hashPassword(adminPassword, deps.scrypt);
      try {
        const tenant = await store.tenants.create(name, { ...profile });
        await store.admins.create(tenant.id, email, hash);
        return summary(tenant);
      } catch (error) {
        if (isStoreError(error, 'conflict') && error.subject === 'tenant')
          throw new AccountError('conflict', `a tenant named "${name}" already exists`, 'name');
        throw error;
      }
    },

    async listTenants(): Promise<TenantSummary[]> {
      return (await store.tenants.list()).map(summary);
    },

    async getTenant(name: string): Promise<TenantSummary> {
      return summary(await tenantNamed(name));
    },

    async setProfile(name: string, profile: ProfileDocument): Promise<TenantSummary> {
      checkProfileDocument(profile);
      const tenant = await tenantNamed(name);
      await store.tenants.setProfile(tenant.id, { ...profile });
      return summary({ ...tenant, profile: { ...profile } });
    },

    async signIn(tenantName: string, email: string, password: string): Promise<SignedInAdmin> {
      const tenant = await tenantNamed(tenantName);
      const admin = await signIn.verify(tenant, email, password);
      return { tenant: summary(tenant), adminId: admin.id, email: admin.email };
    },

    /** Re-checks the admin's password, then mints a Secret Token for the tenant, shown once. */
    async mintToken(
      tenantName: string,
      password: string,
      email?: string,
    ): Promise<MintedTokenView> {
      const tenant = await tenantNamed(tenantName);
      await signIn.verify(tenant, await adminEmailFor(tenant, email), password);
      const minted = mintSecretToken();
      const stored = await store.tokens.create(tenant.id, minted.prefix, minted.hash);
      return {
        id: stored.id,
        token: minted.token,
        prefix: stored.prefix,
        baseUrl: baseUrlFor(tenant.name),
        created: stored.created,
      };
    },

    async listTokens(tenantName: string): Promise<TokenSummary[]> {
      const tenant = await tenantNamed(tenantName);
      return (await store.tokens.list(tenant.id)).map(
        ({ id, prefix, created, lastUsed, revoked }) => ({
          id,
          prefix,
          created,
          lastUsed,
          revoked,
        }),
      );
    },

    async revokeToken(tenantName: string, id: string): Promise<void> {
      const tenant = await tenantNamed(tenantName);
      if (!(await store.tokens.revoke(tenant.id, id)))
        throw new AccountError(
          'notFound',
          `tenant "${tenant.name}" has no live token with id ${JSON.stringify(id)} (it may be revoked already)`,
          'id',
        );
    },
  };
}
