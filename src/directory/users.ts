/**
 * Directory users: add, read, list, change, soft-delete, restore (within 30 days) and purge.
 * A user is named by its object id or its userPrincipalName; the object id never changes.
 * Every write reaches the change feed through the store.
 *
 * Example:
 *   const ann = await users.add({ userPrincipalName: 'ann@contoso.test', givenName: 'Ann' });
 *   await users.update('ann@contoso.test', { jobTitle: 'Lead', manager: 'bob@contoso.test' });
 */
import type { DeletedState, DirectoryStore, DirectoryUserRecord } from '../store/store.ts';
import { DirectoryError } from './directory-error.ts';
import { restorableUntil, restoreWithinWindow } from './retention.ts';
import { fromStore } from './store-errors.ts';
import { applyUserChange, checkUserInput, sameUserData } from './user-attributes.ts';
import { type MemberView, type UserView, userView } from './views.ts';

export interface ListQuery {
  state?: DeletedState | undefined;
  search?: string | undefined;
  startIndex: number;
  count: number;
}

export interface ListPage<T> {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  resources: T[];
}

export interface UsersDeps {
  store: DirectoryStore;
  clock: () => Date;
}

export type Users = ReturnType<typeof createUsers>;

export function createUsers(deps: UsersDeps) {
  const { store, clock } = deps;

  /** The user an id or userPrincipalName names, soft-deleted or not. */
  async function find(ref: string, field = 'user'): Promise<DirectoryUserRecord> {
    const found = ref.includes('@')
      ? (await store.users.findBy('userPrincipalName', [ref]))[0]
      : await store.users.get(ref);
    if (!found)
      throw new DirectoryError(
        'notFound',
        `there is no user ${ref.includes('@') ? 'with userPrincipalName' : 'with id'} ${JSON.stringify(ref)}`,
        field,
      );
    return found;
  }

  async function findLive(ref: string, field = 'user'): Promise<DirectoryUserRecord> {
    const user = await find(ref, field);
    if (user.deleted !== null)
      throw new DirectoryError(
        'conflict',
        `user ${user.data.userPrincipalName} is deleted (restorable until ${restorableUntil(user.deleted)}); restore it first`,
        field,
      );
    return user;
  }

  /** The manager's object id; it must be a live user other than `selfId`. */
  async function resolveManager(ref: string, selfId?: string): Promise<string> {
    const manager = await findLive(ref, 'manager');
    if (manager.id === selfId)
      throw new DirectoryError('invalid', 'a user cannot be their own manager', 'manager');
    return manager.id;
  }

  async function upnFree(upn: string, selfId?: string): Promise<void> {
    const holder = (await store.users.findBy('userPrincipalName', [upn]))[0];
    if (!holder || holder.id === selfId) return;
    throw new DirectoryError(
      'conflict',
      holder.deleted === null
        ? `userPrincipalName ${upn} is already taken by user ${holder.id}`
        : `userPrincipalName ${upn} is held by deleted user ${holder.id} until ${restorableUntil(holder.deleted)}; restore or purge it first`,
      'userPrincipalName',
    );
  }

  return {
    find,
    findLive,
    resolveManager,

    async add(input: Record<string, unknown>): Promise<UserView> {
      const change = checkUserInput(input);
      if (change.userPrincipalName === undefined)
        throw new DirectoryError(
          'invalid',
          "userPrincipalName is required: the user's sign-in name, like ann@contoso.com",
          'userPrincipalName',
        );
      if (typeof change.manager === 'string') change.manager = await resolveManager(change.manager);
      await upnFree(change.userPrincipalName);
      const data = applyUserChange(undefined, change);
      const [created] = await fromStore(() => store.users.create([data]));
      return userView(created!);
    },

    async get(ref: string): Promise<UserView> {
      return userView(await find(ref));
    },

    async list(query: ListQuery): Promise<ListPage<UserView>> {
      const page = await store.users.list({
        state: query.state,
        search: query.search,
        startIndex: query.startIndex,
        count: query.count,
      });
      return {
        totalResults: page.totalResults,
        startIndex: query.startIndex,
        itemsPerPage: page.records.length,
        resources: page.records.map(userView),
      };
    },

    /** Applies a change (null or "" clears an attribute); `ifVersion` guards lost updates. */
    async update(
      ref: string,
      input: Record<string, unknown>,
      ifVersion?: number,
    ): Promise<UserView> {
      const user = await findLive(ref);
      const change = checkUserInput(input);
      if (typeof change.manager === 'string')
        change.manager = await resolveManager(change.manager, user.id);
      if (
        change.userPrincipalName !== undefined &&
        change.userPrincipalName.toLowerCase() !== user.data.userPrincipalName.toLowerCase()
      )
        await upnFree(change.userPrincipalName, user.id);
      const data = applyUserChange(user.data, change);
      if (sameUserData(data, user.data) && ifVersion === undefined) return userView(user);
      const [updated] = await fromStore(() =>
        store.users.update([{ id: user.id, data, ifVersion: ifVersion ?? user.version }]),
      );
      return userView(updated!);
    },

    /** Soft delete: provisioning disables the user; restorable for 30 days. */
    async delete(ref: string): Promise<UserView> {
      const user = await find(ref);
      return userView((await store.users.softDelete(user.id)) ?? user);
    },

    async restore(ref: string): Promise<UserView> {
      const user = await find(ref);
      const what = { kind: 'user' as const, name: user.data.userPrincipalName, ref };
      return userView(await restoreWithinWindow(user, clock(), what, store.users));
    },

    /** Hard delete, now: provisioning deletes the user in every target. */
    async purge(ref: string): Promise<void> {
      const user = await find(ref);
      await store.users.purge(user.id);
    },

    async memberOf(ref: string): Promise<MemberView[]> {
      const user = await find(ref);
      return store.groups.memberOf(user.id);
    },
  };
}
