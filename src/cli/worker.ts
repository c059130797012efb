/**
 * `roster worker`: a provisioning worker without HTTP. On PostgreSQL it runs graphile-worker
 * jobs — any cycle's pages, coordinators and watchers — beside any number of other workers;
 * on SQLite it runs the in-process runner. SIGINT or SIGTERM stops it gracefully: no new jobs,
 * the pages it is working on finish and commit, then the store closes.
 *
 * Example: roster worker --database-url postgres://roster@db/roster
 */
import type { Command } from 'commander';
import type { CliDeps } from './app-port.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, runWithApp, withStoreOptions } from './run-with-app.ts';

export function registerWorkerCommand(
  program: Command,
  io: CliIo,
  deps: CliDeps | undefined,
): void {
  withStoreOptions(program.command('worker'))
    .description(
      'run provisioning cycles (graphile-worker jobs on PostgreSQL) without serving HTTP',
    )
    .action(async (options: CommonOptions) => {
      await runWithApp(io, deps, { ...options, listen: false, worker: true }, async (app) => {
        await app.runner?.ready?.();
        const { database, dataDir, runner } = app.config;
        const where = database === 'postgres' ? 'data in PostgreSQL' : `data in ${dataDir}`;
        io.stdout(
          `Roster worker is running (${runner ?? 'in-process'} runner, ${where}); SIGTERM stops it after its current pages.\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = (signal: NodeJS.Signals) => {
            process.off('SIGINT', stop).off('SIGTERM', stop);
            app.log.info({ signal }, 'roster worker is stopping after its current pages');
            resolve();
          };
          process.on('SIGINT', stop).on('SIGTERM', stop);
        });
      });
      if (!process.exitCode) io.stdout('Roster worker stopped.\n');
    });
}
