// The provisioning engine: jobs (one per enterprise app), links between directory objects and
// target resources, cycle records, provisioning log entries and escrows.
import { type Kysely, sql } from 'kysely';
import type { MigrationDialect } from './index.ts';

/**
 * Column types that differ: PostgreSQL keeps JSON as jsonb, sorts folded identities in
 * code-point order, numbers feed sequences with bigint and log entries with an identity
 * column; SQLite's INTEGER PRIMARY KEY AUTOINCREMENT is already 64-bit and never reused.
 */
function types(dialect: MigrationDialect) {
  const postgres = dialect === 'postgres';
  return {
    postgres,
    json: postgres ? sql`jsonb` : sql`text`,
    key: postgres ? sql`text collate "C"` : sql`text`,
    sequence: postgres ? sql`bigint` : sql`integer`,
  };
}

export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const t = types(dialect);

  await db.schema
    .createTable('prov_jobs')
    .addColumn('app_id', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('config_version', 'integer', (c) => c.notNull())
    .addColumn('initial_version', 'integer', (c) => c.notNull())
    .addColumn('watermark', t.sequence, (c) => c.notNull())
    .addColumn('next_run_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('settings', t.json, (c) => c.notNull())
    .addColumn('mappings', t.json, (c) => c.notNull())
    .addColumn('credentials', t.json)
    .addColumn('state', t.json, (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('prov_jobs_due')
    .on('prov_jobs')
    .columns(['enabled', 'next_run_at'])
    .execute();

  await db.schema
    .createTable('prov_links')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('source_id', t.key, (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('exported', t.json)
    .addColumn('pending', t.json)
    .addColumn('has_pending', 'integer', (c) => c.notNull())
    .addColumn('seen_cycle', 'text')
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('updated', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prov_links_pk', ['app_id', 'object_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('prov_links_pending')
    .on('prov_links')
    .columns(['app_id', 'object_type', 'has_pending', 'source_id'])
    .execute();
  await db.schema
    .createIndex('prov_links_target')
    .on('prov_links')
    .columns(['app_id', 'object_type', 'target_id'])
    .execute();

  await db.schema
    .createTable('prov_cycles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started', 'text', (c) => c.notNull())
    .addColumn('finished', 'text')
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('counts', t.json, (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('watermark_from', t.sequence, (c) => c.notNull())
    .addColumn('watermark_to', t.sequence)
    .execute();
  await db.schema
    .createIndex('prov_cycles_app')
    .on('prov_cycles')
    .columns(['app_id', 'started'])
    .execute();

  const logs = db.schema.createTable('prov_logs');
  await (t.postgres
    ? logs.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : logs.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('change_id', t.sequence)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_identity', 'text', (c) => c.notNull())
    .addColumn('identity_ci', t.key, (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('reason', 'text')
    .addColumn('recommended_action', 'text')
    .addColumn('steps', t.json, (c) => c.notNull())
    .addColumn('modified', t.json, (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ['prov_logs_app', ['app_id', 'id']],
    ['prov_logs_cycle', ['app_id', 'cycle_id', 'id']],
    ['prov_logs_source', ['app_id', 'source_id']],
    ['prov_logs_identity', ['app_id', 'identity_ci']],
    ['prov_logs_at', ['app_id', 'at']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('prov_logs')
      .columns([...columns])
      .execute();
  }

  await db.schema
    .createTable('prov_escrows')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('first_failed', 'text', (c) => c.notNull())
    .addColumn('last_failed', 'text', (c) => c.notNull())
    .addColumn('retry_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prov_escrows_pk', ['app_id', 'object_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('prov_escrows_due')
    .on('prov_escrows')
    .columns(['app_id', 'retry_at'])
    .execute();
}
