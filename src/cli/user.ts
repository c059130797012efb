/**
 * `roster user …`: directory users — add, list, show, update, delete (soft), restore, purge.
 * A user is named by its object id or userPrincipalName.
 *
 * Example: roster user add ann@contoso.test --given-name Ann --surname Lee --employee-id E1 --json
 */
import type { Command } from 'commander';
import type { UserView } from '../directory/index.ts';
import type { CliDeps } from './app-port.ts';
import {
  type ListOptions,
  listQuery,
  userInputFrom,
  withCommon,
  withListOptions,
  withUserAttributes,
} from './directory-run.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, json, runWithApp, table } from './run-with-app.ts';

type Options = CommonOptions & Record<string, unknown>;

const describeUser = (u: UserView) =>
  `${u.userPrincipalName}  ${u.displayName ?? ''}  (id ${u.id}${u.deleted ? `, deleted; restorable until ${u.restorableUntil}` : ''}${u.accountEnabled ? '' : ', disabled'})\n`;

export function registerUserCommands(program: Command, io: CliIo, deps: CliDeps | undefined): void {
  const user = program.command('user').description('identity side: directory users');
  const print = (options: Options, u: UserView, verb: string) =>
    io.stdout(options.json ? json(u) : `${verb} ${describeUser(u)}`);

  withCommon(withUserAttributes(user.command('add')))
    .description('add a user (accountEnabled defaults to true)')
    .argument('<userPrincipalName>', 'the sign-in name, like ann@contoso.com')
    .action((upn: string, options: Options) =>
      runWithApp(io, deps, options, async (app) =>
        print(
          options,
          await app.directory.users.add({ ...userInputFrom(options), userPrincipalName: upn }),
          'Added',
        ),
      ),
    );

  withListOptions(
    withCommon(user.command('list')),
    'users',
    'userPrincipalName, displayName or mail starting with this',
  )
    .description('list users by userPrincipalName (live ones unless --deleted or --all)')
    .action((options: ListOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const page = await app.directory.users.list(listQuery(options));
        if (options.json) return io.stdout(json(page));
        io.stdout(
          `${table(
            ['USER PRINCIPAL NAME', 'DISPLAY NAME', 'ENABLED', 'DELETED', 'ID'],
            page.resources.map((u) => [
              u.userPrincipalName,
              u.displayName ?? '',
              String(u.accountEnabled),
              u.deleted ?? '',
              u.id,
            ]),
          )}${page.resources.length} of ${page.totalResults}\n`,
        );
      }),
    );

  withCommon(user.command('show'))
    .description('show a user with its groups and app assignments')
    .argument('<user>', 'object id or userPrincipalName')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async (app) => {
        const u = await app.directory.users.get(ref);
        const memberOf = await app.directory.users.memberOf(u.id);
        const assignments = await app.directory.assignments.ofPrincipal(u.id);
        if (options.json) return io.stdout(json({ ...u, memberOf, assignments }));
        const lines = Object.entries(u).map(
          ([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`,
        );
        io.stdout(
          `${lines.join('\n')}\nmemberOf: ${memberOf.map((g) => g.displayName).join(', ') || '(none)'}\n` +
            `assignments: ${assignments.map((a) => `${a.appName} as ${a.roleDisplayName}`).join(', ') || '(none)'}\n`,
        );
      }),
    );

  withCommon(withUserAttributes(user.command('update')))
    .description('change attributes (an empty value clears one)')
    .argument('<user>', 'object id or userPrincipalName')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async (app) =>
        print(options, await app.directory.users.update(ref, userInputFrom(options)), 'Updated'),
      ),
    );

  withCommon(user.command('delete'))
    .description('soft-delete a user: provisioning disables it; restorable for 30 days')
    .argument('<user>', 'object id or userPrincipalName')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async (app) =>
        print(options, await app.directory.users.delete(ref), 'Deleted'),
      ),
    );

  withCommon(user.command('restore'))
    .description('restore a soft-deleted user (within 30 days)')
    .argument('<user>', 'object id or userPrincipalName')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async (app) =>
        print(options, await app.directory.users.restore(ref), 'Restored'),
      ),
    );

  withCommon(user.command('purge'))
    .description('hard-delete a user now (provisioning deletes it in every target)')
    .argument('<user>', 'object id or userPrincipalName')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async (app) => {
        const u = await app.directory.users.get(ref);
        await app.directory.users.purge(u.id);
        io.stdout(
          options.json ? json({ purged: u.id }) : `Purged ${u.userPrincipalName} (id ${u.id}).\n`,
        );
      }),
    );
}
