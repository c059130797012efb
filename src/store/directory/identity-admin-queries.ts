/**
 * Identity admins (who may manage the directory and its apps) and their API tokens. Passwords
 * and token secrets never reach the store: only their hashes do.
 */
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import type {
  IdentityAdmin,
  IdentityAdminStore,
  IdentityToken,
  IdentityTokenStore,
} from '../directory-port.ts';
import { translatingDirectory } from './unique-errors.ts';

const toAdmin = (row: Database['identity_admins']): IdentityAdmin => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  passwordHash: row.password_hash,
  failedAttempts: Number(row.failed_attempts),
  lockedUntil: row.locked_until,
  created: row.created,
});

const toToken = (row: Database['identity_tokens']): IdentityToken => ({
  id: row.id,
  name: row.name,
  role: row.role,
  prefix: row.prefix,
  createdBy: row.created_by,
  created: row.created,
  lastUsed: row.last_used,
  revoked: row.revoked,
});

export function createIdentityAdminStore(context: StoreContext): IdentityAdminStore {
  const { db } = context;
  return {
    async create(admin) {
      const row: Database['identity_admins'] = {
        id: context.newId(),
        email: admin.email.toLowerCase(),
        display_name: admin.displayName,
        role: admin.role,
        password_hash: admin.passwordHash,
        failed_attempts: 0,
        locked_until: null,
        created: context.now().toISOString(),
      };
      await translatingDirectory(context, () =>
        db.insertInto('identity_admins').values(row).execute(),
      );
      return toAdmin(row);
    },
    async byEmail(email) {
      const row = await db
        .selectFrom('identity_admins')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row && toAdmin(row);
    },
    async byId(id) {
      const row = await db
        .selectFrom('identity_admins')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toAdmin(row);
    },
    async list() {
      return (await db.selectFrom('identity_admins').selectAll().orderBy('email').execute()).map(
        toAdmin,
      );
    },
    async recordAttempt(id, failedAttempts, lockedUntil) {
      await db
        .updateTable('identity_admins')
        .set({ failed_attempts: failedAttempts, locked_until: lockedUntil })
        .where('id', '=', id)
        .execute();
    },
  };
}

export function createIdentityTokenStore(context: StoreContext): IdentityTokenStore {
  const { db } = context;
  return {
    async create(token) {
      const row: Database['identity_tokens'] = {
        id: context.newId(),
        name: token.name,
        role: token.role,
        prefix: token.prefix,
        token_hash: token.hash,
        created_by: token.createdBy,
        created: context.now().toISOString(),
        last_used: null,
        revoked: null,
      };
      await db.insertInto('identity_tokens').values(row).execute();
      return toToken(row);
    },
    async byHash(hash) {
      const row = await db
        .selectFrom('identity_tokens')
        .selectAll()
        .where('token_hash', '=', hash)
        .where('revoked', 'is', null)
        .executeTakeFirst();
      return row && toToken(row);
    },
    async list() {
      return (
        await db
          .selectFrom('identity_tokens')
          .selectAll()
          .orderBy('created')
          .orderBy('id')
          .execute()
      ).map(toToken);
    },
    async touch(id, at) {
      await db.updateTable('identity_tokens').set({ last_used: at }).where('id', '=', id).execute();
    },
    async revoke(id) {
      const result = await db
        .updateTable('identity_tokens')
        .set({ revoked: context.now().toISOString() })
        .where('id', '=', id)
        .where('revoked', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
