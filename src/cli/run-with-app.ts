/**
 * Runs one command against an opened app and closes it after, turning the errors a user can
 * fix (AccountError, ConfigError) into one line on stderr (a JSON object with --json) and a
 * non-zero exit code: 1 when Roster refused, 2 when the command or configuration is wrong.
 *
 * Example: await runWithApp(io, deps, options, async (app) => app.accounts.listTenants())
 */
import type { Command } from 'commander';
import { isDirectoryError } from '../directory/index.ts';
import { isProvisioningError } from '../engine/index.ts';
import { isAccountError } from '../scim-server/index.ts';
import type { AppOptions, CliApp, CliDeps } from './app-port.ts';
import type { CliIo } from './program.ts';

export interface CommonOptions {
  data?: string;
  databaseUrl?: string;
  config?: string;
  json?: boolean;
}

/** The options every command that opens Roster's store takes: where the data lives. */
export function withStoreOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'data directory (default ./data, or env ROSTER_DATA_DIR)')
    .option(
      '--database-url <url>',
      'PostgreSQL connection string (or env DATABASE_URL); without one, SQLite under --data',
    )
    .option('--config <file>', 'JSON config file (or env ROSTER_CONFIG)');
}

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A mistake in how the command was called; message in words. */
export class UsageError extends Error {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'UsageError';
    this.field = field;
  }
}

function report(
  io: CliIo,
  options: CommonOptions,
  code: string,
  message: string,
  field: string | null,
): void {
  io.stderr(options.json ? json({ error: { code, message, field } }) : `error: ${message}\n`);
}

export async function runWithApp(
  io: CliIo,
  deps: CliDeps | undefined,
  options: CommonOptions & Pick<AppOptions, 'port' | 'listen' | 'worker'>,
  work: (app: CliApp) => Promise<void>,
): Promise<void> {
  let app: CliApp | undefined;
  try {
    if (!deps)
      throw new UsageError(
        'this command needs the app; run it through `npm run roster` (src/main.ts)',
      );
    app = await deps.openApp({
      data: options.data,
      databaseUrl: options.databaseUrl,
      config: options.config,
      port: options.port,
      listen: options.listen ?? false,
      ...(options.worker !== undefined && { worker: options.worker }),
    });
    await work(app);
  } catch (error) {
    if (isAccountError(error) || isDirectoryError(error) || isProvisioningError(error)) {
      // Roster refused: every domain error carries a kind, a message in words and the field.
      report(io, options, error.kind, error.message, error.field ?? null);
      process.exitCode = 1;
    } else if (error instanceof UsageError) {
      report(io, options, 'usage', error.message, error.field ?? null);
      process.exitCode = 2;
    } else if (error instanceof Error && error.name === 'ConfigError') {
      report(io, options, 'config', error.message, null);
      process.exitCode = 2;
    } else {
      throw error;
    }
  } finally {
    await app?.close();
  }
}

/** The admin password from the flag, else ROSTER_ADMIN_PASSWORD (kept out of shell history). */
export function adminPassword(deps: CliDeps | undefined, flag: string | undefined): string {
  const password = flag ?? (deps?.env ?? process.env).ROSTER_ADMIN_PASSWORD;
  if (password === undefined || password === '')
    throw new UsageError(
      'give the admin password with --admin-password or the ROSTER_ADMIN_PASSWORD environment variable',
      'adminPassword',
    );
  return password;
}

/** Left-aligned columns with a header row, for human-readable lists. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `${cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()}\n`;
  return line(header) + rows.map(line).join('');
}
