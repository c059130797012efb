/**
 * The embedded store: SQLite through node:sqlite and Kysely, one file under the data directory
 * (or ':memory:' for tests).
 *
 * Example: const store = await openSqliteStore({ location: './data/roster.db' });
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { createKyselyStore } from '../kysely-store.ts';
import { migrateToLatest } from '../migrations/index.ts';
import type { Store } from '../store.ts';
import { createTimeOrderedIds } from '../time-ordered-id.ts';
import { openCheckpointer } from './checkpointer.ts';
import { GroupCommitSqliteDialect } from './group-commit-dialect.ts';
import { openNodeSqlite, writesInProcess } from './node-sqlite-database.ts';
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
  const db = new Kysely<Database>({
    dialect: new GroupCommitSqliteDialect(
      { database },
      { inTransaction: () => database.raw.isTransaction },
    ),
  });
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
  const externalChange = changedElsewhere(database.raw, database.ownWrites);
  const resources = cacheResources(
    store.resources,
    externalChange,
    options.cacheEntries ?? 200_000,
  );
  // Checkpoints in a worker thread; this connection's own only as a safety net (~400 MB WAL).
  const checkpointer =
    options.location === ':memory:' ? undefined : await openCheckpointer(options.location);
  if (checkpointer) database.raw.exec('PRAGMA wal_autocheckpoint = 100000');
  const close = async () => {
    await store.close();
    await checkpointer?.close();
  };
  return { ...store, resources, close };
}

/**
 * True when another connection has committed to the file since the last call (another process
 * on this file, or another store of this process): `PRAGMA data_version` moved.
 *
 * The pragma is a read transaction of its own, ~1 µs in a tight loop but ~20 µs on a loaded
 * server, and a GET of a user asked twice (the user, its groups). So it is asked once per turn
 * of the event loop: another process's commit that happened before this turn began is seen —
 * every request answered in this turn was read from its socket after that point — and one that
 * lands during the turn is as if it had landed just after. A write by another connection of
 * this process, or 2 ms passing, makes the next call ask again (this connection's own writes
 * never move data_version).
 */
function changedElsewhere(raw: DatabaseSync, ownWrites: () => number): () => boolean {
  const dataVersion = raw.prepare('PRAGMA data_version');
  let seen = dataVersion.get()?.data_version;
  let askedAt = -Infinity;
  let writesThen = -1;
  let sameTurn = false;
  return () => {
    const others = writesInProcess() - ownWrites();
    if (sameTurn && writesThen === others && performance.now() - askedAt < 2) return false;
    const now = dataVersion.get()?.data_version;
    askedAt = performance.now();
    writesThen = others;
    if (!sameTurn) {
      sameTurn = true;
      setImmediate(() => {
        sameTurn = false;
      });
    }
    if (now === seen) return false;
    seen = now;
    return true;
  };
}
