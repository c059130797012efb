/**
 * `roster group …`: directory groups — add, list, show, update, delete (soft), restore, purge,
 * and members (users and nested groups). A group is named by its object id or, when unique,
 * its displayName.
 *
 * Example: roster group add-member Engineering --user ann@contoso.test --group Platform
 */
import type { Command } from 'commander';
import type { GroupView } from '../directory/index.ts';
import type { CliApp, CliDeps } from './app-port.ts';
import { type ListOptions, listQuery, withCommon, withListOptions } from './directory-run.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, json, runWithApp, table, UsageError } from './run-with-app.ts';

interface GroupOptions extends CommonOptions {
  displayName?: string;
  description?: string;
  mailNickname?: string;
  security?: boolean;
}

interface MemberOptions extends CommonOptions {
  user?: string[];
  group?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const describeGroup = (g: GroupView) =>
  `${g.displayName}  (id ${g.id}${g.securityEnabled ? ', security' : ''}${g.deleted ? `, deleted; restorable until ${g.restorableUntil}` : ''})\n`;

function groupInput(options: GroupOptions): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (options.displayName !== undefined) input.displayName = options.displayName;
  if (options.description !== undefined) input.description = options.description;
  if (options.mailNickname !== undefined) input.mailNickname = options.mailNickname;
  if (options.security !== undefined) input.securityEnabled = options.security;
  return input;
}

async function memberIds(app: CliApp, options: MemberOptions): Promise<string[]> {
  const ids: string[] = [];
  for (const ref of options.user ?? []) ids.push((await app.directory.users.find(ref, 'user')).id);
  for (const ref of options.group ?? [])
    ids.push((await app.directory.groups.find(ref, 'group')).id);
  if (ids.length === 0)
    throw new UsageError('name at least one member with --user or --group', 'user');
  return ids;
}

export function registerGroupCommands(
  program: Command,
  io: CliIo,
  deps: CliDeps | undefined,
): void {
  const group = program
    .command('group')
    .description('identity side: directory groups and their members');
  const print = (options: CommonOptions, g: GroupView, verb: string) =>
    io.stdout(options.json ? json(g) : `${verb} ${describeGroup(g)}`);
  const fields = (command: Command) =>
    command
      .option('--description <text>', 'what the group is for')
      .option('--mail-nickname <alias>', 'mail alias (no spaces)')
      .option('--no-security', 'not a security group');

  withCommon(fields(group.command('add')))
    .description('add a group (a security group unless --no-security)')
    .argument('<displayName>', 'the group name')
    .action((displayName: string, options: GroupOptions) =>
      runWithApp(io, deps, options, async (app) =>
        print(
          options,
          await app.directory.groups.add({ ...groupInput(options), displayName }),
          'Added',
        ),
      ),
    );

  withListOptions(withCommon(group.command('list')), 'groups', 'displayName starting with this')
    .description('list groups by displayName (live ones unless --deleted or --all)')
    .action((options: ListOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const page = await app.directory.groups.list(listQuery(options));
        if (options.json) return io.stdout(json(page));
        io.stdout(
          `${table(
            ['DISPLAY NAME', 'SECURITY', 'DELETED', 'ID'],
            page.resources.map((g) => [
              g.displayName,
              String(g.securityEnabled),
              g.deleted ?? '',
              g.id,
            ]),
          )}${page.resources.length} of ${page.totalResults}\n`,
        );
      }),
    );

  withCommon(group.command('show'))
    .description('show a group and its direct members')
    .argument('<group>', 'object id or displayName')
    .action((ref: string, options: CommonOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const g = await app.directory.groups.get(ref);
        const members = await app.directory.groups.members(g.id);
        if (options.json) return io.stdout(json({ ...g, members }));
        io.stdout(
          describeGroup(g) +
            (members.length === 0
              ? 'no members\n'
              : table(
                  ['TYPE', 'DISPLAY NAME', 'ID'],
                  members.map((m) => [m.type, m.displayName ?? '', m.id]),
                )),
        );
      }),
    );

  withCommon(fields(group.command('update')))
    .description('change a group')
    .argument('<group>', 'object id or displayName')
    .option('--display-name <name>', 'a new name')
    .option('--security', 'make it a security group')
    .action((ref: string, options: GroupOptions, command: Command) =>
      runWithApp(io, deps, options, async (app) => {
        const input = groupInput(options);
        // --no-security makes commander default security to true; only a flag given counts.
        if (command.getOptionValueSource('security') !== 'cli') delete input.securityEnabled;
        print(options, await app.directory.groups.update(ref, input), 'Updated');
      }),
    );

  for (const [verb, describe, done] of [
    ['delete', 'soft-delete a group (restorable for 30 days)', 'Deleted'],
    ['restore', 'restore a soft-deleted group', 'Restored'],
  ] as const) {
    withCommon(group.command(verb))
      .description(describe)
      .argument('<group>', 'object id or displayName')
      .action((ref: string, options: CommonOptions) =>
        runWithApp(io, deps, options, async (app) =>
          print(options, await app.directory.groups[verb](ref), done),
        ),
      );
  }

  withCommon(group.command('purge'))
    .description('hard-delete a group now')
    .argument('<group>', 'object id or displayName')
    .action((ref: string, options: CommonOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const g = await app.directory.groups.get(ref);
        await app.directory.groups.purge(g.id);
        io.stdout(
          options.json ? json({ purged: g.id }) : `Purged ${g.displayName} (id ${g.id}).\n`,
        );
      }),
    );

  withCommon(group.command('members'))
    .description("list a group's members")
    .argument('<group>', 'object id or displayName')
    .option('--transitive', 'the users of this group and of every nested group')
    .action((ref: string, options: CommonOptions & { transitive?: boolean }) =>
      runWithApp(io, deps, options, async (app) => {
        const members = options.transitive
          ? await app.directory.groups.transitiveUsers(ref)
          : await app.directory.groups.members(ref);
        if (options.json) return io.stdout(json({ members }));
        io.stdout(
          table(
            ['TYPE', 'DISPLAY NAME', 'DELETED', 'ID'],
            members.map((m) => [m.type, m.displayName ?? '', m.deleted ? 'yes' : '', m.id]),
          ),
        );
      }),
    );

  for (const [verb, describe] of [
    ['add-member', 'add users and groups to a group'],
    ['remove-member', 'remove users and groups from a group'],
  ] as const) {
    withCommon(group.command(verb))
      .description(describe)
      .argument('<group>', 'object id or displayName')
      .option('--user <user>', 'a user (object id or userPrincipalName); repeatable', collect)
      .option('--group <group>', 'a group (object id or displayName); repeatable', collect)
      .action((ref: string, options: MemberOptions) =>
        runWithApp(io, deps, options, async (app) => {
          const ids = await memberIds(app, options);
          const result =
            verb === 'add-member'
              ? await app.directory.groups.addMembers(ref, ids)
              : await app.directory.groups.removeMembers(ref, ids);
          if (options.json) return io.stdout(json(result));
          const changed = 'added' in result ? result.added : result.removed;
          io.stdout(
            `${verb === 'add-member' ? 'Added' : 'Removed'} ${changed.length} member${changed.length === 1 ? '' : 's'} (${ids.length - changed.length} unchanged).\n`,
          );
        }),
      );
  }
}
