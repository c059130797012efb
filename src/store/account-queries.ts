/**
 * Tenants, tenant admins and SCIM tokens: the small tables behind sign-in and the Secret Token.
 * Token secrets never reach the store; only their hash and a display prefix do.
 */
import { type StoreContext, translating } from './context.ts';
import type { Database } from './database.ts';
import type {
  AdminStore,
  ApiToken,
  Tenant,
  TenantAdmin,
  TenantStore,
  TokenStore,
} from './store.ts';

const toTenant = (row: Database['tenants']): Tenant => ({
  id: row.id,
  name: row.name,
  profile: JSON.parse(row.profile) as Record<string, unknown>,
  created: row.created,
});

const toAdmin = (row: Database['tenant_admins']): TenantAdmin => ({
  id: row.id,
  tenantId: row.tenant_id,
  email: row.email,
  passwordHash: row.password_hash,
  failedAttempts: Number(row.failed_attempts),
  lockedUntil: row.locked_until,
  created: row.created,
});

const toToken = (row: Database['scim_tokens']): ApiToken => ({
  id: row.id,
  tenantId: row.tenant_id,
  prefix: row.prefix,
  created: row.created,
  lastUsed: row.last_used,
  revoked: row.revoked,
});

export function createTenantStore(context: StoreContext): TenantStore {
  const { db } = context;
  return {
    async create(name, profile) {
      const row = {
        id: context.newId(),
        name,
        profile: JSON.stringify(profile),
        created: context.now().toISOString(),
      };
      await translating(context, () => db.insertInto('tenants').values(row).execute());
      return toTenant(row);
    },
    async byName(name) {
      const row = await db
        .selectFrom('tenants')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row && toTenant(row);
    },
    async byId(id) {
      const row = await db
        .selectFrom('tenants')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toTenant(row);
    },
    async list() {
      return (await db.selectFrom('tenants').selectAll().orderBy('name').execute()).map(toTenant);
    },
    async setProfile(id, profile) {
      await db
        .updateTable('tenants')
        .set({ profile: JSON.stringify(profile) })
        .where('id', '=', id)
        .execute();
    },
  };
}

export function createAdminStore(context: StoreContext): AdminStore {
  const { db } = context;
  return {
    async create(tenantId, email, passwordHash) {
      const row = {
        id: context.newId(),
        tenant_id: tenantId,
        email: email.toLowerCase(),
        password_hash: passwordHash,
        failed_attempts: 0,
        locked_until: null,
        created: context.now().toISOString(),
      };
      await translating(context, () => db.insertInto('tenant_admins').values(row).execute());
      return toAdmin(row);
    },
    async byEmail(tenantId, email) {
      const row = await db
        .selectFrom('tenant_admins')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row && toAdmin(row);
    },
    async list(tenantId) {
      const rows = await db
        .selectFrom('tenant_admins')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('email')
        .execute();
      return rows.map(toAdmin);
    },
    async recordAttempt(id, failedAttempts, lockedUntil) {
      await db
        .updateTable('tenant_admins')
        .set({ failed_attempts: failedAttempts, locked_until: lockedUntil })
        .where('id', '=', id)
        .execute();
    },
  };
}

export function createTokenStore(context: StoreContext): TokenStore {
  const { db } = context;
  return {
    async create(tenantId, prefix, hash) {
      const row = {
        id: context.newId(),
        tenant_id: tenantId,
        prefix,
        token_hash: hash,
        created: context.now().toISOString(),
        last_used: null,
        revoked: null,
      };
      await db.insertInto('scim_tokens').values(row).execute();
      return toToken(row);
    },
    async byHash(hash) {
      const row = await db
        .selectFrom('scim_tokens')
        .selectAll()
        .where('token_hash', '=', hash)
        .where('revoked', 'is', null)
        .executeTakeFirst();
      return row && toToken(row);
    },
    async list(tenantId) {
      const rows = await db
        .selectFrom('scim_tokens')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created')
        .execute();
      return rows.map(toToken);
    },
    async touch(id, at) {
      await db.updateTable('scim_tokens').set({ last_used: at }).where('id', '=', id).execute();
    },
    async revoke(tenantId, id) {
      const result = await db
        .updateTable('scim_tokens')
        .set({ revoked: context.now().toISOString() })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('revoked', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
