/**
 * Adapts Node's built-in `node:sqlite` to the database interface Kysely's SqliteDialect drives,
 * with a statement cache (prepare once per SQL text) and `scim_lower`, a JavaScript
 * `toLowerCase` inside SQL so that case-insensitive SCIM comparisons fold exactly as the
 * values were folded when written.
 *
 * Why node:sqlite and not better-sqlite3: `npm install` runs under the system Node (20 on
 * CI), which builds better-sqlite3 for its own ABI (NODE_MODULE_VERSION 115); the scripts run
 * on Node 24 (137) and the addon refuses to load. node:sqlite ships inside Node 24: no native
 * build, no download.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export interface NodeSqliteOptions {
  /** File path, or ':memory:'. */
  location: string;
  /** How many prepared statements to keep. */
  statementCacheSize?: number;
}

export function openNodeSqlite(
  options: NodeSqliteOptions,
): SqliteDatabase & { raw: DatabaseSync; ownWrites: () => number } {
  const db = new DatabaseSync(options.location);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  // A checkpoint every ~40 MB of WAL instead of ~4 MB: on a 100,000-user file a PATCH's SQL
  // went from ~700 to ~400-500 µs wall. (mmap_size was tried too: mapped pages count in the
  // process's RSS, and the engine reading its whole directory went past its 512 MB budget.)
  // The store moves checkpoints to a worker thread when it can (checkpointer.ts).
  db.exec('PRAGMA wal_autocheckpoint = 10000');
  db.function('scim_lower', { deterministic: true }, (value) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  const limit = options.statementCacheSize ?? 500;
  const cache = new Map<string, SqliteStatement>();
  const counted = { writes: 0 };

  function prepare(sql: string): SqliteStatement {
    const hit = cache.get(sql);
    if (hit) return hit;
    const statement = wrap(db.prepare(sql), counted);
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    cache.set(sql, statement);
    return statement;
  }

  return {
    raw: db,
    ownWrites: () => counted.writes,
    prepare,
    close: () => {
      cache.clear();
      db.close();
    },
  };
}

let writes = 0;
/**
 * How many write statements (BEGIN and COMMIT included) every connection of this process has
 * run (`ownWrites` counts one connection's): a read cache may trust a `PRAGMA data_version` it
 * took in this turn of the event loop only while the other connections' count stands still (a
 * commit by another connection of this process would otherwise go unseen).
 */
export const writesInProcess = () => writes;

type Param = null | number | bigint | string | NodeJS.ArrayBufferView;

function toParams(parameters: ReadonlyArray<unknown>): Param[] {
  return parameters.map((p) =>
    typeof p === 'boolean' ? (p ? 1 : 0) : p === undefined ? null : (p as Param),
  );
}

function wrap(statement: StatementSync, counted: { writes: number }): SqliteStatement {
  const reader = statement.columns().length > 0;
  return {
    reader,
    all: (parameters) => statement.all(...toParams(parameters)),
    run: (parameters) => {
      writes++;
      counted.writes++;
      const { changes, lastInsertRowid } = statement.run(...toParams(parameters));
      return { changes, lastInsertRowid };
    },
    iterate: (parameters) => statement.iterate(...toParams(parameters)),
  };
}
