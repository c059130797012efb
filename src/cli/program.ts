/**
 * The `roster` command line: one commander program; each command group lives in its own file
 * and registers itself here.
 *
 * Example: createProgram({ stdout, stderr }).parseAsync(['node', 'roster', 'scim', 'filter', 'userName eq "a"'])
 */
import { Command } from 'commander';
import { registerScimCommands } from './scim.ts';

/** Where a command writes; tests pass buffers, main.ts passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function createProgram(io: CliIo, version: string): Command {
  const program = new Command('roster')
    .description('Roster: open-source SCIM 2.0 provisioning (app side and identity side).')
    .version(version)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  registerScimCommands(program, io);
  return program;
}
