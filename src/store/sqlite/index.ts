/**
 * The embedded store: SQLite through node:sqlite and Kysely, one file under the data directory
 * (or ':memory:' for tests).
 *
 * Example: const store = await openSqliteStore({ location: './data/roster.db' });
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database.ts';
import { createKyselyStore } from '../kysely-store.ts';
import { migrateToLatest } from '../migrations/index.ts';
import type { Store } from '../store.ts';
import { createTimeOrderedIds } from '../time-ordered-id.ts';
import { openNodeSqlite } from './node-sqlite-database.ts';
import { sqliteDialect } from './sqlite-dialect.ts';

export interface SqliteStoreOptions {
  /** A file path or ':memory:'. */
  location: string;
  now?: () => Date;
  newId?: () => string;
  /** Hears the names of the migrations this open applied (`roster migrate` prints them). */
  onMigrated?: (applied: string[]) => void;
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  if (options.location !== ':memory:')
    mkdirSync(path.dirname(path.resolve(options.location)), { recursive: true });
  const database = openNodeSqlite({ location: options.location });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  // Not `onMigrated?.(await …)`: optional chaining would skip the migration itself.
  const applied = await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  options.onMigrated?.(applied);
  return createKyselyStore({
    db,
    dialect: sqliteDialect,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? createTimeOrderedIds(),
  });
}
