/**
 * The databases every store suite runs against: SQLite in memory always, PostgreSQL when
 * DATABASE_URL is set (CI sets it). Without it, the PostgreSQL runs say so in one line.
 * Each PostgreSQL open gets a schema of its own, so suites never see each other's rows.
 */
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/store.ts';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open: (options?: { now?: () => Date }) => Promise<Store>;
  /** Why this database is skipped here, or undefined when it runs. */
  skip?: string;
}

const databaseUrl = process.env.DATABASE_URL;
let schemas = 0;

/** A connection string whose sessions use a fresh schema `name`. */
async function freshSchema(url: string): Promise<string> {
  const name = `t_${process.pid}_${Date.now()}_${++schemas}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${name}`);
  await client.end();
  // Built by hand: URLSearchParams would encode the space as '+', which pg does not decode.
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${name}`)}`;
}

export const databases: TestDatabase[] = [
  { name: 'sqlite', open: (options) => openSqliteStore({ location: ':memory:', ...options }) },
  {
    name: 'postgres',
    open: async (options) =>
      openPostgresStore({
        connectionString: await freshSchema(databaseUrl!),
        poolSize: 4,
        ...options,
      }),
    ...(databaseUrl
      ? {}
      : { skip: 'PostgreSQL suites skipped: DATABASE_URL is not set (bash .ci/run sets it)' }),
  },
];
