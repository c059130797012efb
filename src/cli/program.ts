/**
 * The `roster` command line: one commander program; each command group lives in its own file
 * and registers itself here. Commands that need the app (tenants, tokens, serve) reach it
 * through `deps.openApp`, which main.ts builds on compose.ts.
 *
 * Example: createProgram({ stdout, stderr }, '0.1.0', { openApp }).parseAsync(['node', 'roster', 'tenant', 'list'])
 */
import { Command } from 'commander';
import { registerAppCommands } from './app.ts';
import type { CliDeps } from './app-port.ts';
import { registerDemoCommand } from './demo.ts';
import { registerDirectoryCommands } from './directory.ts';
import { registerGroupCommands } from './group.ts';
import { registerIdentityAdminCommands } from './identity-admin.ts';
import { registerMigrateCommand } from './migrate.ts';
import { registerProvisioningCommands } from './provisioning.ts';
import { registerScimCommands } from './scim.ts';
import { registerServeCommand } from './serve.ts';
import { registerTenantCommands } from './tenant.ts';
import { registerTokenCommands } from './token.ts';
import { registerUserCommands } from './user.ts';
import { registerWorkerCommand } from './worker.ts';

/** Where a command writes; tests pass buffers, main.ts passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function createProgram(io: CliIo, version: string, deps?: CliDeps): Command {
  const program = new Command('roster')
    .description('Roster: open-source SCIM 2.0 provisioning (app side and identity side).')
    .version(version)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  registerTenantCommands(program, io, deps);
  registerTokenCommands(program, io, deps);
  registerServeCommand(program, io, deps);
  registerWorkerCommand(program, io, deps);
  registerMigrateCommand(program, io, deps);
  registerDemoCommand(program, io, deps);
  registerUserCommands(program, io, deps);
  registerGroupCommands(program, io, deps);
  registerDirectoryCommands(program, io, deps);
  registerAppCommands(program, io, deps);
  registerIdentityAdminCommands(program, io, deps);
  registerProvisioningCommands(program, io, deps);
  registerScimCommands(program, io);
  return program;
}
