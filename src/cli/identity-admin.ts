/**
 * `roster identity-admin …`: who may use the identity side's admin API and console — add an
 * admin with a role, list admins, mint, list and revoke API tokens for automation. The CLI
 * acts as the operator (it has the data directory), so it may create the first Global
 * Administrator.
 *
 * Example: roster identity-admin add it@contoso.test --role "Cloud Application Administrator" --password '…'
 */
import type { Command } from 'commander';
import { identityRoleNames, operatorPrincipal } from '../directory/index.ts';
import type { CliDeps } from './app-port.ts';
import { withCommon } from './directory-run.ts';
import type { CliIo } from './program.ts';
import { adminPassword, type CommonOptions, json, runWithApp, table } from './run-with-app.ts';

const roles = identityRoleNames.join(', ');

export function registerIdentityAdminCommands(
  program: Command,
  io: CliIo,
  deps: CliDeps | undefined,
): void {
  const admin = program
    .command('identity-admin')
    .description('identity side: admins of the directory and apps, and their API tokens');

  withCommon(admin.command('add'))
    .description('add an identity admin')
    .argument('<email>', 'their sign-in email')
    .requiredOption('--role <role>', roles)
    .option(
      '--password <password>',
      'their password, 12+ characters (or env ROSTER_ADMIN_PASSWORD)',
    )
    .option('--display-name <name>', 'their name')
    .action(
      (
        email: string,
        options: CommonOptions & { role: string; password?: string; displayName?: string },
      ) =>
        runWithApp(io, deps, options, async ({ directory }) => {
          const added = await directory.admins.add({
            email,
            role: options.role,
            password: adminPassword(deps, options.password),
            displayName: options.displayName,
          });
          io.stdout(
            options.json
              ? json(added)
              : `Added ${added.email} as ${added.role} (id ${added.id}).\n`,
          );
        }),
    );

  withCommon(admin.command('list'))
    .description('list identity admins')
    .action((options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const admins = await directory.admins.list();
        if (options.json) return io.stdout(json({ admins }));
        io.stdout(
          table(
            ['EMAIL', 'ROLE', 'ID', 'CREATED'],
            admins.map((a) => [a.email, a.role, a.id, a.created]),
          ),
        );
      }),
    );

  withCommon(admin.command('token-create'))
    .description('mint an API token for automation (shown once)')
    .requiredOption('--name <name>', 'what it is for')
    .requiredOption('--role <role>', roles)
    .action((options: CommonOptions & { name: string; role: string }) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const minted = await directory.admins.mintToken(
          { name: options.name, role: options.role },
          operatorPrincipal,
        );
        io.stdout(
          options.json
            ? json(minted)
            : `API token (shown once; copy it now): ${minted.token}\nSend it as Authorization: Bearer … to /api/v1. Role ${minted.role}, id ${minted.id}.\n`,
        );
      }),
    );

  withCommon(admin.command('token-list'))
    .description('list API tokens (never the secrets)')
    .action((options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const tokens = await directory.admins.listTokens();
        if (options.json) return io.stdout(json({ tokens }));
        io.stdout(
          table(
            ['ID', 'NAME', 'ROLE', 'PREFIX', 'LAST USED', 'STATUS'],
            tokens.map((t) => [
              t.id,
              t.name,
              t.role,
              `${t.prefix}…`,
              t.lastUsed ?? 'never',
              t.revoked ? `revoked ${t.revoked}` : 'live',
            ]),
          ),
        );
      }),
    );

  withCommon(admin.command('token-revoke'))
    .description('revoke an API token now')
    .argument('<id>', 'the token id')
    .action((id: string, options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        await directory.admins.revokeToken(id);
        io.stdout(options.json ? json({ revoked: id }) : `Revoked token ${id}.\n`);
      }),
    );
}
