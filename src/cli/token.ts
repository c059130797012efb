/**
 * `roster token …`: the tutorial's "enter the same password, copy the Secret Token". `create`
 * checks the admin password and prints the token once; `list` shows prefixes and dates, never
 * a secret; `revoke` stops a token at once.
 *
 * Example: roster token create --tenant acme --admin-password '…' --json → {"token":"rst_…","baseUrl":"…"}
 */
import type { Command } from 'commander';
import type { CliDeps } from './app-port.ts';
import type { CliIo } from './program.ts';
import {
  adminPassword,
  type CommonOptions,
  json,
  runWithApp,
  table,
  withStoreOptions,
} from './run-with-app.ts';

interface TokenOptions extends CommonOptions {
  tenant: string;
  adminPassword?: string;
  adminEmail?: string;
}

function withCommon(command: Command): Command {
  return withStoreOptions(command.requiredOption('--tenant <name>', 'the tenant'));
}

export function registerTokenCommands(
  program: Command,
  io: CliIo,
  deps: CliDeps | undefined,
): void {
  const token = program.command('token').description("a tenant's SCIM Secret Tokens");

  withCommon(token.command('create'))
    .description('check the admin password, then mint a Secret Token (shown once)')
    .option(
      '--admin-password <password>',
      "the admin's password, entered again (or env ROSTER_ADMIN_PASSWORD)",
    )
    .option('--admin-email <email>', 'which admin, when the tenant has several')
    .option('--json', 'print {"token","baseUrl"} as JSON')
    .action((options: TokenOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const minted = await app.accounts.mintToken(
          options.tenant,
          adminPassword(deps, options.adminPassword),
          options.adminEmail,
        );
        if (options.json) return io.stdout(json({ token: minted.token, baseUrl: minted.baseUrl }));
        io.stdout(
          `Secret Token (shown once; copy it now): ${minted.token}\n` +
            `Tenant URL (SCIM Base URL):            ${minted.baseUrl}\n` +
            `Token id ${minted.id}, listed as ${minted.prefix}…\n`,
        );
      }),
    );

  withCommon(token.command('list'))
    .description("list a tenant's tokens: prefix, created, last used (never the secret)")
    .option('--json', 'print {"tokens":[…]} as JSON')
    .action((options: TokenOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const tokens = await app.accounts.listTokens(options.tenant);
        if (options.json) return io.stdout(json({ tokens }));
        if (tokens.length === 0) return io.stdout(`Tenant ${options.tenant} has no tokens yet.\n`);
        const rows = tokens.map((t) => [
          t.id,
          `${t.prefix}…`,
          t.created,
          t.lastUsed ?? 'never',
          t.revoked ? `revoked ${t.revoked}` : 'live',
        ]);
        io.stdout(table(['ID', 'PREFIX', 'CREATED', 'LAST USED', 'STATUS'], rows));
      }),
    );

  withCommon(token.command('revoke'))
    .description('revoke a token now (the IdP using it gets 401 from then on)')
    .argument('<id>', 'the token id, from `token list`')
    .option('--json', 'print {"revoked": id} as JSON')
    .action((id: string, options: TokenOptions) =>
      runWithApp(io, deps, options, async (app) => {
        await app.accounts.revokeToken(options.tenant, id);
        io.stdout(
          options.json
            ? json({ revoked: id })
            : `Revoked token ${id} of tenant ${options.tenant}.\n`,
        );
      }),
    );
}
