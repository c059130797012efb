/**
 * The scaled store: PostgreSQL through pg and Kysely, sharing every query with SQLite; only
 * the dialect (jsonb, SQLSTATE codes, collation) differs.
 *
 * Example: const store = await openPostgresStore({ connectionString: process.env.DATABASE_URL! });
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import { createKyselyStore } from '../kysely-store.ts';
import { migrateToLatest } from '../migrations/index.ts';
import type { Store } from '../store.ts';
import { createTimeOrderedIds } from '../time-ordered-id.ts';
import { batchReads } from './batched-reads.ts';
import { batchCreates, batchMemberDeltas, batchReplaces } from './batched-writes.ts';
import { postgresDialect } from './postgres-dialect.ts';
import { preparingClient } from './preparing-client.ts';

export interface PostgresStoreOptions {
  connectionString: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  now?: () => Date;
  newId?: () => string;
  /** Hears the names of the migrations this open applied (`roster migrate` prints them). */
  onMigrated?: (applied: string[]) => void;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
}

/** The advisory lock every schema migration on the database takes (graphile-worker's too). */
export const migrationLock = 'roster:migrations';

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    Client: preparingClient(),
  });
  // Timestamps without a zone are UTC, as RFC 7643 dateTimes are read everywhere else.
  pool.on('connect', (client) => {
    client.query("SET TIME ZONE 'UTC'").catch(() => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (options.migrate !== false) {
    // Processes starting together take turns: Kysely reads the catalog of every schema before
    // migrating, and another process's DDL (graphile-worker's own migration takes the same
    // lock) would change it underneath.
    const lock = await pool.connect();
    try {
      await lock.query(`select pg_advisory_lock(hashtext('${migrationLock}'))`);
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      // Not `onMigrated?.(await …)`: optional chaining would skip the migration itself.
      const applied = await migrateToLatest(db as Kysely<unknown>, 'postgres', rows[0]?.schema);
      options.onMigrated?.(applied);
    } finally {
      await lock.query(`select pg_advisory_unlock(hashtext('${migrationLock}'))`).catch(() => {});
      lock.release();
    }
  }
  const context: StoreContext = {
    db,
    dialect: postgresDialect,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? createTimeOrderedIds(),
  };
  context.replaceAlone = batchReplaces(context);
  context.createAlone = batchCreates(context);
  context.memberDelta = batchMemberDeltas(context);
  const store = createKyselyStore(context);
  return { ...store, resources: batchReads(store.resources, context) };
}
