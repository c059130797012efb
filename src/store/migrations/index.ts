/**
 * The migration history, forward-only and shared by both databases; a new migration is a new
 * file added to this list, never an edit to an old one.
 */
import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as initial from './001-initial.ts';
import * as directory from './002-directory.ts';
import * as provisioning from './003-provisioning.ts';
import * as cycleWork from './004-cycle-work.ts';

export type MigrationDialect = 'sqlite' | 'postgres';

/** Each migration's `up` receives the dialect, for the few column types that differ. */
function migrations(dialect: MigrationDialect): Record<string, Migration> {
  return {
    '001-initial': { up: (db) => initial.up(db, dialect) },
    '002-directory': { up: (db) => directory.up(db, dialect) },
    '003-provisioning': { up: (db) => provisioning.up(db, dialect) },
    '004-cycle-work': { up: (db) => cycleWork.up(db, dialect) },
  };
}

/** The migration names in order (for tests that stop part-way). */
export const migrationNames = (dialect: MigrationDialect): string[] =>
  Object.keys(migrations(dialect));

/**
 * Applies pending migrations up to and including `target` (every one when absent); returns the
 * names applied. Throws naming the migration that failed.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: MigrationDialect,
  /** PostgreSQL: the schema the tables live in. Kysely looks for its own tables by name in
   * every schema unless told which, and would find another schema's copy. */
  schema?: string,
  target?: string,
): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = target
    ? await migrator.migrateTo(target)
    : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
