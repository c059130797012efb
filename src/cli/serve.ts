/**
 * `roster serve`: every tenant's SCIM endpoint, the admin API, /healthz and /metrics on one
 * port. SIGINT or SIGTERM stops it gracefully: no new connections, in-flight requests finish
 * (at most 10 s), then the store closes.
 *
 * Example: roster serve --port 8080 --data ./data
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { type Command, InvalidArgumentError } from 'commander';
import type { CliApp, CliDeps } from './app-port.ts';
import { announceDemo } from './demo.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, runWithApp, UsageError, withStoreOptions } from './run-with-app.ts';

interface ServeOptions extends CommonOptions {
  port?: number;
  demo?: boolean;
  /** False with --no-worker: API and SCIM only, provisioning cycles run in `roster worker`s. */
  worker?: boolean;
}

const drainMs = 10_000;

function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535)
    throw new InvalidArgumentError(
      'a port is a whole number from 0 to 65535 (0 picks a free one).',
    );
  return Number(text);
}

/** Listens, then resolves once a signal has stopped the server and its connections drained. */
function run(io: CliIo, app: CliApp): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: app.config.port }, () => {
      const { dataDir, database, publicUrl, port, operatorApi } = app.config;
      const where = database === 'postgres' ? 'data in PostgreSQL' : `data in ${dataDir}`;
      app.log.info({ url: publicUrl, port, database, dataDir, operatorApi }, 'roster is serving');
      io.stdout(
        `Roster is serving on ${publicUrl} (port ${port}, ${where}).\n` +
          `  SCIM Base URLs: ${publicUrl}/scim/v2/<tenant>   health: ${publicUrl}/healthz   admin API: ${publicUrl}/api/v1\n`,
      );
    }) as Server;
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(
              `port ${app.config.port} is already in use; choose another with --port or PORT`,
              'port',
            )
          : error,
      ),
    );
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      app.log.info({ signal }, 'roster is stopping');
      const force = setTimeout(() => server.closeAllConnections(), drainMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

export function registerServeCommand(program: Command, io: CliIo, deps: CliDeps | undefined): void {
  withStoreOptions(program.command('serve'))
    .description('serve the SCIM endpoints, the admin API, /healthz and /metrics')
    .option(
      '--port <n>',
      'port to listen on (default 8080, or env PORT; 0 picks a free one)',
      parsePort,
    )
    .option(
      '--no-worker',
      'serve the API and SCIM only: provisioning cycles run in `roster worker` processes',
    )
    .option(
      '--demo',
      'create the demo tenant, directory and Wrike app first (once), as npm start does',
    )
    .action(async (options: ServeOptions) => {
      await runWithApp(
        io,
        deps,
        { ...options, listen: true, worker: options.worker !== false },
        async (app) => {
          if (options.demo) await announceDemo(io, app);
          await run(io, app);
        },
      );
      if (!process.exitCode) io.stdout('Roster stopped.\n');
    });
}
