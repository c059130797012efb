// A cycle's work on many workers (issue #9): plans, pages with their leases, claims of
// initial cycles, the journal of creates and the deprovisions held for the end of a cycle.
import { type Kysely, sql } from 'kysely';
import type { MigrationDialect } from './index.ts';

export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const postgres = dialect === 'postgres';
  const json = postgres ? sql`jsonb` : sql`text`;
  const key = postgres ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('prov_cycle_plans')
    .addColumn('cycle_id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('plan', json, (c) => c.notNull())
    .addColumn('outcome', json, (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('prov_cycle_plans_app')
    .on('prov_cycle_plans')
    .columns(['app_id'])
    .execute();

  await db.schema
    .createTable('prov_cycle_pages')
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('work', json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('counts', json, (c) => c.notNull())
    .addColumn('result', json)
    .addColumn('error', 'text')
    .addColumn('updated', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prov_cycle_pages_pk', ['cycle_id', 'phase', 'seq'])
    .execute();
  await db.schema
    .createIndex('prov_cycle_pages_status')
    .on('prov_cycle_pages')
    .columns(['cycle_id', 'status'])
    .execute();

  await db.schema
    .createTable('prov_cycle_claims')
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('source_id', key, (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('prov_cycle_claims_pk', ['cycle_id', 'source_id'])
    .execute();

  for (const table of ['prov_cycle_creates', 'prov_cycle_deprovisions'] as const) {
    const create = db.schema
      .createTable(table)
      .addColumn('cycle_id', 'text', (c) => c.notNull())
      .addColumn('object_type', 'text', (c) => c.notNull())
      .addColumn('source_id', key, (c) => c.notNull())
      .addColumn('app_id', 'text', (c) => c.notNull());
    await (table === 'prov_cycle_creates'
      ? create.addColumn('target_id', 'text')
      : create.addColumn('item', json, (c) => c.notNull())
    )
      .addPrimaryKeyConstraint(`${table}_pk`, ['cycle_id', 'object_type', 'source_id'])
      .execute();
  }
}
