/**
 * `roster app …`: the gallery and enterprise apps (the tutorial's "Add Wrike from the
 * gallery"), their roles, and assignments of users and groups ("Assign users to Wrike";
 * "Default Access" assignments are listed but never provisioned).
 *
 * Example:
 *   roster app add --template wrike --name Wrike
 *   roster app assign Wrike --user ann@contoso.test --role User
 */
import type { Command } from 'commander';
import type { AssignmentView } from '../directory/index.ts';
import type { CliDeps } from './app-port.ts';
import { withCommon } from './directory-run.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, json, runWithApp, table, UsageError } from './run-with-app.ts';

interface AssignOptions extends CommonOptions {
  user?: string;
  group?: string;
  role?: string;
}

const assignmentRows = (assignments: AssignmentView[]) =>
  table(
    ['ID', 'TYPE', 'PRINCIPAL', 'ROLE', 'PROVISIONED'],
    assignments.map((a) => [
      a.id,
      a.principalType,
      a.principalDisplayName ?? a.principalId,
      a.roleDisplayName,
      a.provisioned ? 'yes' : 'no (Default Access)',
    ]),
  );

export function registerAppCommands(program: Command, io: CliIo, deps: CliDeps | undefined): void {
  const app = program
    .command('app')
    .description('identity side: the gallery, enterprise apps and assignments');

  withCommon(app.command('templates'))
    .description('list the gallery: app templates with their limits')
    .action((options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const templates = directory.gallery.list();
        if (options.json) return io.stdout(json({ templates }));
        io.stdout(
          table(
            ['TEMPLATE', 'NAME', 'GROUPS', 'RATE LIMIT'],
            templates.map((t) => [
              t.id,
              t.name,
              t.provisioning.limits.groups ? 'yes' : 'users only',
              t.provisioning.limits.requestsPerMinute
                ? `${t.provisioning.limits.requestsPerMinute}/min`
                : '—',
            ]),
          ),
        );
      }),
    );

  withCommon(app.command('add'))
    .description('add an enterprise app from a gallery template')
    .requiredOption('--template <id>', 'a gallery template (see `app templates`), e.g. wrike')
    .option('--name <name>', "the app's name (default: the template's)")
    .action((options: CommonOptions & { template: string; name?: string }) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const added = await directory.apps.add({ template: options.template, name: options.name });
        io.stdout(
          options.json
            ? json(added)
            : `Added ${added.name} from template ${added.templateId} (id ${added.id}); roles: ${added.appRoles.map((r) => r.displayName).join(', ')}.\n`,
        );
      }),
    );

  withCommon(app.command('list'))
    .description('list enterprise apps')
    .action((options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const apps = await directory.apps.list();
        if (options.json) return io.stdout(json({ apps }));
        io.stdout(
          table(
            ['NAME', 'TEMPLATE', 'ID', 'CREATED'],
            apps.map((a) => [a.name, a.templateId, a.id, a.created]),
          ),
        );
      }),
    );

  withCommon(app.command('show'))
    .description('show an app: roles, mappings, limits and assignments')
    .argument('<app>', 'object id or name')
    .action((ref: string, options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const found = await directory.apps.get(ref);
        const assignments = await directory.assignments.list(found.id);
        if (options.json) return io.stdout(json({ ...found, assignments }));
        const { limits, objectMappings } = found.provisioning;
        io.stdout(
          `${found.name} (id ${found.id}, template ${found.templateId})\n` +
            `roles: ${found.appRoles.map((r) => `${r.displayName}${r.provisioned ? '' : ' (not provisioned)'}`).join(', ')}\n` +
            `mappings: ${objectMappings.map((m) => `${m.source} → ${m.target} (${m.attributeMappings.length} attributes)`).join('; ')}\n` +
            `limits: ${limits.requestsPerMinute ? `${limits.requestsPerMinute} requests/min` : 'no known rate limit'}, ${limits.groups ? 'groups synced' : 'users only'}\n` +
            (assignments.length ? assignmentRows(assignments) : 'no assignments\n'),
        );
      }),
    );

  withCommon(app.command('rename'))
    .description('rename an app')
    .argument('<app>', 'object id or name')
    .argument('<name>', 'the new name')
    .action((ref: string, name: string, options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const renamed = await directory.apps.rename(ref, name);
        io.stdout(options.json ? json(renamed) : `Renamed to ${renamed.name}.\n`);
      }),
    );

  withCommon(app.command('delete'))
    .description('delete an app and its assignments')
    .argument('<app>', 'object id or name')
    .action((ref: string, options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const found = await directory.apps.get(ref);
        await directory.apps.delete(found.id);
        io.stdout(
          options.json ? json({ deleted: found.id }) : `Deleted ${found.name} (id ${found.id}).\n`,
        );
      }),
    );

  withCommon(app.command('roles'))
    .description("list an app's roles")
    .argument('<app>', 'object id or name')
    .action((ref: string, options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const roles = await directory.apps.roles(ref);
        if (options.json) return io.stdout(json({ roles }));
        io.stdout(
          table(
            ['ROLE', 'VALUE', 'PROVISIONED', 'ID'],
            roles.map((r) => [r.displayName, r.value, r.provisioned ? 'yes' : 'no', r.id]),
          ),
        );
      }),
    );

  withCommon(app.command('assign'))
    .description('assign a user or a group to the app with a role')
    .argument('<app>', 'object id or name')
    .option('--user <user>', 'object id or userPrincipalName')
    .option('--group <group>', 'object id or displayName')
    .option('--role <role>', 'role displayName, value or id (default User)')
    .action((ref: string, options: AssignOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        if ((options.user === undefined) === (options.group === undefined))
          throw new UsageError('name exactly one of --user or --group', 'user');
        const assigned = await directory.assignments.assign(ref, {
          principalType: options.user !== undefined ? 'user' : 'group',
          principal: (options.user ?? options.group)!,
          role: options.role,
        });
        io.stdout(
          options.json
            ? json(assigned)
            : `Assigned ${assigned.principalType} ${assigned.principalDisplayName} as ${assigned.roleDisplayName} (assignment ${assigned.id})${assigned.provisioned ? '' : '; Default Access is not provisioned'}.\n`,
        );
      }),
    );

  withCommon(app.command('assignments'))
    .description("list the app's assignments")
    .argument('<app>', 'object id or name')
    .action((ref: string, options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        const assignments = await directory.assignments.list(ref);
        io.stdout(options.json ? json({ assignments }) : assignmentRows(assignments));
      }),
    );

  withCommon(app.command('unassign'))
    .description('remove an assignment')
    .argument('<app>', 'object id or name')
    .argument('<assignment>', 'the assignment id (see `app assignments`)')
    .action((ref: string, id: string, options: CommonOptions) =>
      runWithApp(io, deps, options, async ({ directory }) => {
        await directory.assignments.unassign(ref, id);
        io.stdout(options.json ? json({ unassigned: id }) : `Removed assignment ${id}.\n`);
      }),
    );
}
