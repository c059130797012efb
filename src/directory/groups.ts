/**
 * Directory groups: security or not, with members that are users or other groups (nested).
 * A group is named by its object id or, when no other live group shares it, its displayName.
 * Adding a member that would make a group contain itself is refused.
 *
 * Example:
 *   const eng = await groups.add({ displayName: 'Engineering' });
 *   await groups.addMembers('Engineering', [ann.id, platformGroup.id]);
 *   await groups.transitiveUsers('Engineering'); // users of Engineering and of its nested groups
 */
import type { DirectoryGroupData, DirectoryGroupRecord, DirectoryStore } from '../store/store.ts';
import { DirectoryError } from './directory-error.ts';
import { restorableUntil, restoreWithinWindow } from './retention.ts';
import { fromStore } from './store-errors.ts';
import { parseBoolean } from './user-attributes.ts';
import type { ListPage, ListQuery } from './users.ts';
import { type GroupView, groupView, type MemberView } from './views.ts';

export interface GroupsDeps {
  store: DirectoryStore;
  clock: () => Date;
}

const invalid = (field: string, message: string) => new DirectoryError('invalid', message, field);

const limits = { displayName: 256, description: 1024, mailNickname: 64 } as const;
const groupFields = ['displayName', 'description', 'mailNickname', 'securityEnabled'];

/** Checks a group body; null or "" clears description and mailNickname. */
function applyGroupInput(
  current: DirectoryGroupData | undefined,
  input: Record<string, unknown>,
): DirectoryGroupData {
  const next: Record<string, unknown> = { securityEnabled: true, ...current };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const name = groupFields.find((f) => f.toLowerCase() === key.toLowerCase());
    if (!name)
      throw invalid(
        key,
        `${JSON.stringify(key)} is not a group attribute (known: ${groupFields.join(', ')})`,
      );
    if (name === 'securityEnabled') {
      next.securityEnabled = parseBoolean(value, name);
      continue;
    }
    if (value !== null && typeof value !== 'string')
      throw invalid(name, `${name} must be a string`);
    const text = (value ?? '').trim();
    const max = limits[name as keyof typeof limits];
    if ([...text].length > max)
      throw invalid(name, `${name} has ${[...text].length} characters; at most ${max} are allowed`);
    if (name === 'mailNickname' && text !== '' && !/^[^\s@()\\[\]";:<>,]+$/.test(text))
      throw invalid(
        name,
        `mailNickname ${JSON.stringify(text)} may not contain spaces or @ ( ) \\ [ ] " ; : < > ,`,
      );
    if (text === '') delete next[name];
    else next[name] = text;
  }
  if (typeof next.displayName !== 'string' || next.displayName === '')
    throw invalid('displayName', 'displayName is required: the group name people see');
  return next as unknown as DirectoryGroupData;
}

export type Groups = ReturnType<typeof createGroups>;

export function createGroups(deps: GroupsDeps) {
  const { store, clock } = deps;

  async function find(ref: string, field = 'group'): Promise<DirectoryGroupRecord> {
    const byId = await store.groups.get(ref);
    if (byId) return byId;
    const named = await store.groups.findByDisplayName(ref);
    const live = named.filter((g) => g.deleted === null);
    const candidates = live.length > 0 ? live : named;
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length === 0)
      throw new DirectoryError(
        'notFound',
        `there is no group with id or displayName ${JSON.stringify(ref)}`,
        field,
      );
    throw new DirectoryError(
      'conflict',
      `${candidates.length} groups are named ${JSON.stringify(ref)} (${candidates.map((g) => g.id).join(', ')}); name one by its id`,
      field,
    );
  }

  async function findLive(ref: string, field = 'group'): Promise<DirectoryGroupRecord> {
    const group = await find(ref, field);
    if (group.deleted !== null)
      throw new DirectoryError(
        'conflict',
        `group ${group.data.displayName} is deleted (restorable until ${restorableUntil(group.deleted)}); restore it first`,
        field,
      );
    return group;
  }

  /** Every group nested (at any depth) inside `groupId`, itself excluded. */
  async function nestedGroups(groupId: string): Promise<Set<string>> {
    const seen = new Set<string>();
    const queue = [groupId];
    while (queue.length > 0) {
      for (const member of await store.groups.members(queue.shift()!)) {
        if (member.type === 'group' && !seen.has(member.id)) {
          seen.add(member.id);
          queue.push(member.id);
        }
      }
    }
    return seen;
  }

  return {
    find,
    findLive,

    async add(input: Record<string, unknown>): Promise<GroupView> {
      return groupView(await store.groups.create(applyGroupInput(undefined, input)));
    },

    async get(ref: string): Promise<GroupView> {
      return groupView(await find(ref));
    },

    async list(query: ListQuery): Promise<ListPage<GroupView>> {
      const page = await store.groups.list({
        state: query.state,
        search: query.search,
        startIndex: query.startIndex,
        count: query.count,
      });
      return {
        totalResults: page.totalResults,
        startIndex: query.startIndex,
        itemsPerPage: page.records.length,
        resources: page.records.map(groupView),
      };
    },

    async update(
      ref: string,
      input: Record<string, unknown>,
      ifVersion?: number,
    ): Promise<GroupView> {
      const group = await findLive(ref);
      const data = applyGroupInput(group.data, input);
      return groupView(
        await fromStore(() =>
          store.groups.update({ id: group.id, data, ifVersion: ifVersion ?? group.version }),
        ),
      );
    },

    async delete(ref: string): Promise<GroupView> {
      const group = await find(ref);
      return groupView((await store.groups.softDelete(group.id)) ?? group);
    },

    async restore(ref: string): Promise<GroupView> {
      const group = await find(ref);
      const what = { kind: 'group' as const, name: group.data.displayName, ref };
      return groupView(await restoreWithinWindow(group, clock(), what, store.groups));
    },

    async purge(ref: string): Promise<void> {
      await store.groups.purge((await find(ref)).id);
    },

    async members(ref: string): Promise<MemberView[]> {
      return store.groups.members((await find(ref)).id);
    },

    /** The live users in the group and in every group nested in it, each once. */
    async transitiveUsers(ref: string): Promise<MemberView[]> {
      const group = await find(ref);
      const users = new Map<string, MemberView>();
      for (const id of [group.id, ...(await nestedGroups(group.id))])
        for (const member of await store.groups.members(id))
          if (member.type === 'user' && !member.deleted) users.set(member.id, member);
      return [...users.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    },

    /** Adds live users and groups by object id; a group may not end up inside itself. */
    async addMembers(ref: string, memberIds: readonly string[]): Promise<{ added: string[] }> {
      const group = await findLive(ref);
      const users = await store.users.getMany(memberIds);
      const groups = await store.groups.getMany(memberIds);
      const found = new Map([...users, ...groups].map((o) => [o.id, o]));
      for (const id of memberIds) {
        const member = found.get(id);
        if (!member)
          throw new DirectoryError(
            'notFound',
            `there is no user or group with id ${JSON.stringify(id)}`,
            'members',
          );
        if (member.deleted !== null)
          throw new DirectoryError(
            'conflict',
            `member ${id} is deleted; restore it before adding it`,
            'members',
          );
      }
      for (const nested of groups) {
        if (nested.id === group.id)
          throw invalid('members', `group ${group.data.displayName} cannot be a member of itself`);
        if ((await nestedGroups(nested.id)).has(group.id))
          throw invalid(
            'members',
            `adding group ${nested.data.displayName} to ${group.data.displayName} would make a cycle: ${group.data.displayName} is already nested inside it`,
          );
      }
      const { added } = await fromStore(() =>
        store.groups.changeMembers(group.id, { add: memberIds }),
      );
      return { added };
    },

    async removeMembers(ref: string, memberIds: readonly string[]): Promise<{ removed: string[] }> {
      const group = await findLive(ref);
      const { removed } = await fromStore(() =>
        store.groups.changeMembers(group.id, { remove: memberIds }),
      );
      return { removed };
    },
  };
}
