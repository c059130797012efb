// The first schema: tenants, their admins and tokens, SCIM resources, indexed values, members.
import { type Kysely, sql } from 'kysely';
import type { MigrationDialect } from './index.ts';

/**
 * Column types that differ: PostgreSQL keeps the resource as jsonb, and compares and sorts the
 * folded text columns in code-point order (COLLATE "C"), the order SCIM sorts in; SQLite's
 * default BINARY collation already is.
 */
function types(dialect: MigrationDialect) {
  const postgres = dialect === 'postgres';
  return {
    json: postgres ? sql`jsonb` : sql`text`,
    key: postgres ? sql`text collate "C"` : sql`text`,
  };
}

export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tenant_admins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created', 'text', (c) => c.notNull())
    .addUniqueConstraint('tenant_admins_email', ['tenant_id', 'email'])
    .execute();

  await db.schema
    .createTable('scim_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_used', 'text')
    .addColumn('revoked', 'text')
    .execute();
  await db.schema
    .createIndex('scim_tokens_tenant')
    .on('scim_tokens')
    .columns(['tenant_id'])
    .execute();

  await db.schema
    .createTable('scim_resources')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_name_ci', t.key)
    .addColumn('external_id', t.key)
    .addColumn('display_name', 'text')
    .addColumn('display_name_ci', t.key)
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', t.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('scim_resources_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('scim_resources_user_name')
    .on('scim_resources')
    .columns(['tenant_id', 'kind', 'user_name_ci'])
    .unique()
    .where('user_name_ci', 'is not', null)
    .execute();
  for (const column of ['external_id', 'display_name_ci', 'created', 'last_modified']) {
    await db.schema
      .createIndex(`scim_resources_${column}`)
      .on('scim_resources')
      .columns(['tenant_id', 'kind', column])
      .execute();
  }

  await db.schema
    .createTable('scim_values')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('attr', 'text', (c) => c.notNull())
    .addColumn('value', t.key, (c) => c.notNull())
    .addColumn('value_ci', t.key, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scim_values_lookup')
    .on('scim_values')
    .columns(['tenant_id', 'attr', 'value_ci', 'resource_id'])
    .execute();
  await db.schema
    .createIndex('scim_values_resource')
    .on('scim_values')
    .columns(['tenant_id', 'resource_id'])
    .execute();

  await db.schema
    .createTable('scim_members')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('member_kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scim_members_pk', ['tenant_id', 'group_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('scim_members_member')
    .on('scim_members')
    .columns(['tenant_id', 'member_id', 'group_id'])
    .execute();
}
