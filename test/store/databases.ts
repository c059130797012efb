/**
 * The databases every store suite runs against: SQLite in memory always, PostgreSQL when
 * DATABASE_URL is set (CI sets it). Without it, the PostgreSQL runs say so in one line.
 */
import { openSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/store.ts';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open: (options?: { now?: () => Date }) => Promise<Store>;
  /** Why this database is skipped here, or undefined when it runs. */
  skip?: string;
}

export const databases: TestDatabase[] = [
  { name: 'sqlite', open: (options) => openSqliteStore({ location: ':memory:', ...options }) },
];
