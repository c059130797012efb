// The identity side: directory users and groups, members, enterprise apps, assignments, the
// change feed and its counter, identity admins and their API tokens.
import { type Kysely, sql } from 'kysely';
import type { MigrationDialect } from './index.ts';

/**
 * Column types that differ: PostgreSQL keeps JSON as jsonb, compares the folded key columns in
 * code-point order (COLLATE "C") and numbers the feed with bigint; SQLite's INTEGER PRIMARY KEY
 * is already 64-bit (and the rowid).
 */
function types(dialect: MigrationDialect) {
  const postgres = dialect === 'postgres';
  return {
    json: postgres ? sql`jsonb` : sql`text`,
    key: postgres ? sql`text collate "C"` : sql`text`,
    sequence: postgres ? sql`bigint` : sql`integer`,
  };
}

export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const t = types(dialect);
  const objectColumns = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('deleted', 'text')
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('last_modified', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data', t.json, (c) => c.notNull());

  await objectColumns('dir_users')
    .addColumn('upn_ci', t.key, (c) => c.notNull())
    .addColumn('mail_ci', t.key)
    .addColumn('mail_nickname_ci', t.key)
    .addColumn('employee_id', t.key)
    .addColumn('display_name_ci', t.key)
    .addColumn('manager_id', 'text')
    .addColumn('account_enabled', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dir_users_upn')
    .on('dir_users')
    .columns(['upn_ci'])
    .unique()
    .execute();
  for (const column of [
    'mail_ci',
    'mail_nickname_ci',
    'employee_id',
    'display_name_ci',
    'manager_id',
    'deleted',
  ]) {
    await db.schema.createIndex(`dir_users_${column}`).on('dir_users').column(column).execute();
  }

  await objectColumns('dir_groups')
    .addColumn('display_name_ci', t.key, (c) => c.notNull())
    .addColumn('mail_nickname_ci', t.key)
    .addColumn('security_enabled', 'integer', (c) => c.notNull())
    .execute();
  for (const column of ['display_name_ci', 'deleted']) {
    await db.schema.createIndex(`dir_groups_${column}`).on('dir_groups').column(column).execute();
  }

  await db.schema
    .createTable('dir_members')
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('member_type', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dir_members_pk', ['group_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('dir_members_member')
    .on('dir_members')
    .columns(['member_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('dir_apps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_ci', t.key, (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', t.json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dir_apps_name')
    .on('dir_apps')
    .columns(['name_ci'])
    .unique()
    .execute();

  await db.schema
    .createTable('dir_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('principal_type', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dir_assignments_unique')
    .on('dir_assignments')
    .columns(['app_id', 'principal_id', 'role_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('dir_assignments_principal')
    .on('dir_assignments')
    .columns(['principal_id'])
    .execute();

  await db.schema
    .createTable('dir_changes')
    .addColumn('sequence', t.sequence, (c) => c.primaryKey())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('detail', t.json)
    .execute();
  await db.schema
    .createTable('dir_change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_sequence', t.sequence, (c) => c.notNull())
    .execute();
  await sql`insert into dir_change_counter (id, last_sequence) values (1, 0)`.execute(db);

  await db.schema
    .createTable('identity_admins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('identity_admins_email')
    .on('identity_admins')
    .columns(['email'])
    .unique()
    .execute();

  await db.schema
    .createTable('identity_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_used', 'text')
    .addColumn('revoked', 'text')
    .execute();
  await db.schema
    .createIndex('identity_tokens_hash')
    .on('identity_tokens')
    .columns(['token_hash'])
    .unique()
    .execute();
}
