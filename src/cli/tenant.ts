/**
 * `roster tenant …`: create a tenant with its first admin (the tutorial's Wrike tenant and
 * its admin account) and list tenants with their SCIM Base URLs.
 *
 * Example: roster tenant create acme --admin-email admin@acme.test --admin-password '…' --profile wrike --allowed-domain acme.test --json
 */
import type { Command } from 'commander';
import { buildPresetProfile } from '../scim-server/index.ts';
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

interface CreateOptions extends CommonOptions {
  adminEmail: string;
  adminPassword?: string;
  profile: string;
  allowedDomain: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerTenantCommands(
  program: Command,
  io: CliIo,
  deps: CliDeps | undefined,
): void {
  const tenant = program.command('tenant').description('app-side tenants and their first admin');

  withStoreOptions(tenant.command('create'))
    .description('create a tenant and its first admin; prints the SCIM Base URL')
    .argument('<name>', 'tenant name: 2–63 lower-case letters, digits or hyphens')
    .requiredOption('--admin-email <email>', "the first admin's email (their sign-in name)")
    .option(
      '--admin-password <password>',
      'the first admin’s password, 12+ characters (or env ROSTER_ADMIN_PASSWORD)',
    )
    .option('--profile <preset>', 'what the SCIM endpoint accepts: generic or wrike', 'generic')
    .option(
      '--allowed-domain <domain>',
      'accept only emails in this domain (repeatable)',
      collect,
      [],
    )
    .option('--json', 'print {"tenant","baseUrl"} as JSON')
    .action((name: string, options: CreateOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const profile = buildPresetProfile(options.profile, options.allowedDomain);
        const created = await app.accounts.createTenant(
          name,
          options.adminEmail,
          adminPassword(deps, options.adminPassword),
          profile,
        );
        if (options.json)
          return io.stdout(json({ tenant: created.tenant, baseUrl: created.baseUrl }));
        io.stdout(
          `Created tenant ${created.tenant} with admin ${options.adminEmail.trim().toLowerCase()}.\n` +
            `SCIM Base URL (the IdP's Tenant URL): ${created.baseUrl}\n` +
            `Next, mint its Secret Token: npm run roster -- token create --tenant ${created.tenant} --admin-password '…'\n`,
        );
      }),
    );

  withStoreOptions(tenant.command('list'))
    .description('list tenants with their SCIM Base URLs and profiles')
    .option('--json', 'print {"tenants":[…]} as JSON')
    .action((options: CommonOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const tenants = await app.accounts.listTenants();
        if (options.json) return io.stdout(json({ tenants }));
        if (tenants.length === 0)
          return io.stdout(
            'No tenants yet. Create one: npm run roster -- tenant create <name> --admin-email …\n',
          );
        io.stdout(
          table(
            ['TENANT', 'BASE URL', 'PROFILE', 'CREATED'],
            tenants.map((t) => [t.tenant, t.baseUrl, JSON.stringify(t.profile), t.created]),
          ),
        );
      }),
    );
}
