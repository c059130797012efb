/**
 * `roster migrate`: brings the database (SQLite under --data, or PostgreSQL with
 * --database-url / DATABASE_URL) to the latest schema and says what it applied. Every start
 * does the same; this command lets an operator do it ahead of a deploy.
 *
 * Example: npm run roster -- migrate --database-url postgres://roster@db/roster --json
 */
import type { Command } from 'commander';
import type { CliDeps } from './app-port.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, json, runWithApp, withStoreOptions } from './run-with-app.ts';

export function registerMigrateCommand(
  program: Command,
  io: CliIo,
  deps: CliDeps | undefined,
): void {
  withStoreOptions(program.command('migrate'))
    .description('apply pending database migrations (forward-only) and list them')
    .option('--json', 'print {"database","applied"} as JSON')
    .action((options: CommonOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const { database } = app.config;
        if (options.json) return io.stdout(json({ database, applied: app.migrations }));
        io.stdout(
          app.migrations.length === 0
            ? `The ${database} database is up to date.\n`
            : `Applied to the ${database} database: ${app.migrations.join(', ')}\n`,
        );
      }),
    );
}
