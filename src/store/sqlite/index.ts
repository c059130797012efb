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
import { cacheResources } from './resource-cache.ts';
import { sqliteDialect } from './sqlite-dialect.ts';

export interface SqliteStoreOptions {
  /** A file path or ':memory:'. */
  location: string;
  now?: () => Date;
  newId?: () => string;
  /** Resources (and users' group lists) kept in memory, each; 0 turns the cache off. */
  cacheEntries?: number;
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
  const store = createKyselyStore({
    db,
    dialect: sqliteDialect,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? createTimeOrderedIds(),
    readNow: (sql, parameters) =>
      database.raw.isTransaction ? undefined : (database.prepare(sql).all(parameters) as unknown[]),
  });
  // Another connection's commit (another process on this file) moves data_version.
  const dataVersion = database.raw.prepare('PRAGMA data_version');
  let seen = dataVersion.get()?.data_version;
  const externalChange = () => {
    const now = dataVersion.get()?.data_version;
    if (now === seen) return false;
    seen = now;
    return true;
  };
  const resources = cacheResources(
    store.resources,
    externalChange,
    options.cacheEntries ?? 200_000,
  );
  return { ...store, resources };
}
