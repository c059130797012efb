/**
 * `roster demo`: seeds the demo installation (see demo-data.ts) into the data directory and
 * says how to sign in; `roster serve --demo` (what `npm start` runs) does the same first.
 *
 * Example: npm run roster -- demo --data ./data --json
 */
import type { Command } from 'commander';
import type { CliApp, CliDeps } from './app-port.ts';
import {
  demoIdentityAdmin,
  demoPassword,
  demoTenant,
  demoTenantAdmin,
  seedDemo,
} from './demo-data.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, json, runWithApp, withStoreOptions } from './run-with-app.ts';

/** Seeds when needed and prints what a newcomer needs to start the tutorial. */
export async function announceDemo(io: CliIo, app: CliApp, asJson = false): Promise<void> {
  const seed = await seedDemo(app);
  const { publicUrl } = app.config;
  const summary = {
    ...seed,
    console: publicUrl,
    appSide: {
      tenant: demoTenant,
      admin: demoTenantAdmin,
      password: demoPassword,
      baseUrl: `${publicUrl}/scim/v2/${demoTenant}`,
    },
    identitySide: { admin: demoIdentityAdmin, password: demoPassword, app: 'Wrike' },
  };
  if (asJson) return io.stdout(json(summary));
  io.stdout(
    `${seed.seeded ? `Demo data created: ${seed.users} people in ${seed.groups} groups, and Wrike added from the gallery.` : 'Demo data already present.'}\n` +
      `  App side (Wrike):      tenant ${demoTenant}, sign in as ${demoTenantAdmin}\n` +
      `  Identity side (Entra): sign in as ${demoIdentityAdmin}\n` +
      `  Demo password for both: ${demoPassword} (a local demo: do not expose this server)\n`,
  );
}

export function registerDemoCommand(program: Command, io: CliIo, deps: CliDeps | undefined): void {
  withStoreOptions(program.command('demo'))
    .description('create the demo tenant, directory and Wrike app (once) and print the sign-ins')
    .option('--json', 'print the demo summary as JSON')
    .action((options: CommonOptions) =>
      runWithApp(io, deps, options, (app) => announceDemo(io, app, options.json)),
    );
}
