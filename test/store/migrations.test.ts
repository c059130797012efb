/**
 * Migrations on both databases: from empty to latest, and from every earlier version to latest
 * (a database one version behind is the upgrade every deploy does), with data surviving.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest, migrationNames } from '../../src/store/migrations/index.ts';
import { openNodeSqlite } from '../../src/store/sqlite/node-sqlite-database.ts';

const databaseUrl = process.env.DATABASE_URL;
let schemas = 0;

async function openEmpty(
  dialect: 'sqlite' | 'postgres',
): Promise<{ db: Kysely<unknown>; schema?: string }> {
  if (dialect === 'sqlite')
    return {
      db: new Kysely({
        dialect: new SqliteDialect({ database: openNodeSqlite({ location: ':memory:' }) }),
      }),
    };
  const schema = `mig_${process.pid}_${Date.now()}_${++schemas}`;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 2,
    options: `-c search_path=${schema}`,
  });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
  return { db, schema };
}

const tables = async (db: Kysely<unknown>, schema?: string) =>
  (await db.introspection.getTables())
    .filter((t) => schema === undefined || t.schema === schema)
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();

for (const dialect of ['sqlite', 'postgres'] as const) {
  const skip =
    dialect === 'postgres' && !databaseUrl
      ? 'PostgreSQL suites skipped: DATABASE_URL is not set (bash .ci/run sets it)'
      : undefined;
  describe(`migrations (${dialect})`, { skip }, () => {
    const names = migrationNames(dialect);

    test('an empty database reaches the latest version, and a second run applies nothing', async () => {
      const { db, schema } = await openEmpty(dialect);
      assert.deepEqual(await migrateToLatest(db, dialect, schema), names);
      assert.deepEqual(await migrateToLatest(db, dialect, schema), []);
      assert.ok((await tables(db, schema)).includes('scim_resources'));
      await db.destroy();
    });

    for (let i = 0; i < names.length - 1; i++) {
      test(`a database at ${names[i]} upgrades to the latest and keeps its rows`, async () => {
        const { db, schema } = await openEmpty(dialect);
        assert.deepEqual(
          await migrateToLatest(db, dialect, schema, names[i]),
          names.slice(0, i + 1),
        );
        await sql`INSERT INTO tenants (id, name, profile, created) VALUES ('t1', 'kept', '{}', '2026-01-01T00:00:00.000Z')`.execute(
          db,
        );
        assert.deepEqual(await migrateToLatest(db, dialect, schema), names.slice(i + 1));
        const { rows } = await sql<{ name: string }>`SELECT name FROM tenants`.execute(db);
        assert.deepEqual(
          rows.map((r) => r.name),
          ['kept'],
        );
        const fresh = await openEmpty(dialect);
        await migrateToLatest(fresh.db, dialect, fresh.schema);
        assert.deepEqual(
          await tables(db, schema),
          await tables(fresh.db, fresh.schema),
          'upgraded and fresh schemas have the same tables',
        );
        await Promise.all([db.destroy(), fresh.db.destroy()]);
      });
    }
  });
}
