/**
 * `roster scim …`: the SCIM protocol core at the command line, for an operator who wants to
 * know why a filter an IdP sends is refused, or what the /Schemas document says.
 *
 * Example: roster scim filter 'emails[type eq "work"].value eq "a@x.test"'
 */
import type { Command } from 'commander';
import {
  createGroupSchema,
  createUserSchema,
  parseFilter,
  ScimError,
  schemasListResponse,
  stringifyFilter,
} from '../scim/index.ts';
import type { CliIo } from './program.ts';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function registerScimCommands(program: Command, io: CliIo): void {
  const scim = program.command('scim').description('SCIM 2.0 protocol tools (RFC 7643 / 7644)');

  scim
    .command('filter')
    .description('parse a SCIM filter and print its canonical form, or where it is wrong')
    .argument('<filter>', 'the filter, e.g. userName eq "bjensen"')
    .option('--json', 'print {"canonical", "ast"} as JSON')
    .action((text: string, options: { json?: boolean }) => {
      try {
        const ast = parseFilter(text);
        const canonical = stringifyFilter(ast);
        io.stdout(options.json ? json({ canonical, ast }) : `${canonical}\n`);
      } catch (error) {
        if (!(error instanceof ScimError)) throw error;
        io.stderr(options.json ? json(error.toJSON()) : `invalid filter: ${error.detail}\n`);
        process.exitCode = 2;
      }
    });

  scim
    .command('schemas')
    .description('print the /Schemas document (core User, Group, Enterprise User)')
    .option(
      '--base-url <url>',
      'the SCIM base URL used in meta.location',
      'http://localhost:8080/scim/v2',
    )
    .action((options: { baseUrl: string }) => {
      io.stdout(
        json(schemasListResponse([createUserSchema(), createGroupSchema()], options.baseUrl)),
      );
    });
}
