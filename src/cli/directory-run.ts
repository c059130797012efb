/**
 * What the identity-side commands share: the store and --json options, list options, and flags
 * generated from the directory's user attribute names
 * (`--given-name`, `--employee-id`, …, `--extension name=value`).
 *
 * Example: withCommon(user.command('list')).action((options) => runWithApp(io, deps, options, work))
 */
import type { Command } from 'commander';
import { userAttributeNames } from '../directory/index.ts';
import { type CommonOptions, UsageError, withStoreOptions } from './run-with-app.ts';

/** The store options (--data, --database-url, --config) and --json on a command. */
export function withCommon(command: Command, jsonHelp = 'print the result as JSON'): Command {
  return withStoreOptions(command).option('--json', jsonHelp);
}

/** What `user list` and `group list` take: state, a prefix search, and a page. */
export interface ListOptions extends CommonOptions {
  deleted?: boolean;
  all?: boolean;
  search?: string;
  start: number;
  count: number;
}

export function withListOptions(command: Command, noun: string, searchHelp: string): Command {
  return command
    .option('--deleted', `only soft-deleted ${noun}`)
    .option('--all', `live and soft-deleted ${noun}`)
    .option('--search <prefix>', searchHelp)
    .option('--start <n>', 'first result, from 1', wholeNumber('start'), 1)
    .option('--count <n>', 'results per page (1–1000)', wholeNumber('count'), 100);
}

/** The directory's list query for those options (count clamped to 1–1000). */
export const listQuery = (options: ListOptions) => ({
  state: options.all
    ? ('all' as const)
    : options.deleted
      ? ('deleted' as const)
      : ('active' as const),
  search: options.search,
  startIndex: Math.max(1, options.start),
  count: Math.min(Math.max(1, options.count), 1000),
});

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** One flag per user attribute (userPrincipalName is the positional argument of `user add`). */
export function withUserAttributes(command: Command): Command {
  for (const name of userAttributeNames) {
    if (name === 'userPrincipalName') continue;
    const hint =
      name === 'accountEnabled'
        ? 'true or false'
        : name === 'manager'
          ? "the manager's object id or userPrincipalName"
          : name;
    command.option(`--${kebab(name)} <value>`, hint);
  }
  return command
    .option('--upn <userPrincipalName>', 'a new userPrincipalName (update only)')
    .option(
      '--extension <name=value>',
      'an extension attribute (extensionAttribute1–15, extension_<app>_<name>); repeatable',
      collect,
    );
}

/** The attribute flags given, as a user change (empty strings clear). */
export function userInputFrom(options: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of userAttributeNames) {
    const value = options[name];
    if (typeof value === 'string') input[name] = value;
  }
  if (typeof options.upn === 'string') input.userPrincipalName = options.upn;
  const extensions: Record<string, string> = {};
  for (const pair of (options.extension as string[] | undefined) ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new UsageError(`--extension ${JSON.stringify(pair)} must be name=value`, 'extension');
    extensions[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (Object.keys(extensions).length > 0) input.extensions = extensions;
  return input;
}

export function wholeNumber(name: string) {
  return (text: string) => {
    if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a whole number`, name);
    return Number(text);
  };
}
