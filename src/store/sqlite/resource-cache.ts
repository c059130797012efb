/**
 * An in-memory cache of SQLite's hottest reads — a resource by id, a user's groups — that is
 * never stale: every write of this store forgets what it touches, and any commit by another
 * connection to the same file (another process; `PRAGMA data_version` moves) empties the cache
 * before the next read is answered. Reads that raced a write (an epoch counter moved while
 * they ran) are not remembered. Cached records are frozen, so a caller that tried to modify
 * one would fail loudly instead of corrupting the next answer.
 *
 * What each write forgets: replace → the resource (a Group: every cached `groups` list, since a
 * rename shows there); changeMembers → the group and the `groups` of each added or removed
 * member (all of them for removeAll); delete → everything (the groups that listed the resource
 * change version). A create touches nothing cached (its id is new). After a write, the record
 * it returned is remembered when nothing else happened meanwhile, so a GET after a PATCH hits.
 *
 * Example:
 *   const resources = cacheResources(store.resources, () => dataVersionMoved(), 50_000);
 *   await resources.get(tenantId, 'User', id); // SQLite once, then from memory until a write
 */
import { foldUserName } from '../indexed-values.ts';
import { lookupSlice, userNameLookup } from '../resource-query.ts';
import type { MemberRecord, ResourcePage, ResourceRecord, ResourceStore } from '../store.ts';

/** A cached user's userName as the store folds it for lookups. */
const folded = (record: ResourceRecord) =>
  typeof record.data.userName === 'string' ? foldUserName(record.data.userName) : undefined;

const key = (...parts: string[]) => parts.join('\u0000');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** A Map that forgets its oldest entry past `max` (insertion order: a cheap LRU-ish bound). */
function bounded<V>(max: number) {
  const map = new Map<string, V>();
  return {
    map,
    set(k: string, v: V) {
      map.delete(k);
      if (map.size >= max) map.delete(map.keys().next().value!);
      map.set(k, v);
    },
  };
}

export function cacheResources(
  base: ResourceStore,
  externalChange: () => boolean,
  maxEntries: number,
): ResourceStore {
  const records = bounded<ResourceRecord>(maxEntries);
  const groups = bounded<MemberRecord[]>(maxEntries);
  // userName (folded) → id of the cached users: only a hint, checked against the cached
  // record on every use (userName is unique per tenant, so a record holding it is the match).
  const names = bounded<string>(maxEntries);
  let epoch = 0;
  const clear = () => {
    epoch++;
    records.map.clear();
    groups.map.clear();
    names.map.clear();
  };
  const check = () => {
    if (externalChange()) clear();
  };
  /**
   * Runs a write: forgets what it touches before and after (bumping the epoch, so reads that
   * overlapped it are not remembered), then remembers its result when no other write or clear
   * happened meanwhile.
   */
  async function write<T>(forget: () => void, work: () => Promise<T>, keep?: (r: T) => void) {
    const mine = ++epoch;
    forget();
    let result: T;
    try {
      result = await work();
    } finally {
      epoch++;
      forget();
    }
    if (epoch === mine + 1) keep?.(result);
    return result;
  }
  const remember = (r: ResourceRecord, tenantId: string) => {
    records.set(key(tenantId, r.kind, r.id), deepFreeze(r));
    const name = r.kind === 'User' ? folded(r) : undefined;
    if (name !== undefined) names.set(key(tenantId, name), r.id);
  };
  /** The cached answer to a `userName eq` lookup, when the cache can give it. */
  const lookup = (tenantId: string, name: string, withGroups: boolean) => {
    const id = names.map.get(key(tenantId, name));
    const record = id === undefined ? undefined : records.map.get(key(tenantId, 'User', id));
    if (!record || folded(record) !== name) return undefined;
    if (!withGroups) return { record };
    const list = groups.map.get(key(tenantId, record.id));
    return list && { record, groups: list };
  };

  return {
    ...base,
    async get(tenantId, kind, id) {
      check();
      const k = key(tenantId, kind, id);
      const hit = records.map.get(k);
      if (hit) return hit;
      const at = epoch;
      const record = await base.get(tenantId, kind, id);
      if (record && at === epoch) remember(record, tenantId);
      return record;
    },
    async query(tenantId, kind, schema, query) {
      check();
      const name = userNameLookup(kind, schema, query);
      if (name === undefined) return base.query(tenantId, kind, schema, query);
      const withGroups = query.withGroups === true;
      const hit = lookup(tenantId, name, withGroups);
      if (hit) {
        const records = lookupSlice(query, [hit.record]);
        const page: ResourcePage = { totalResults: 1, records };
        if (hit.groups) page.groups = new Map(records.map((r) => [r.id, hit.groups]));
        return page;
      }
      const at = epoch;
      const page = await base.query(tenantId, kind, schema, query);
      if (at === epoch)
        for (const record of page.records) {
          remember(record, tenantId);
          const list = page.groups?.get(record.id);
          if (list) groups.set(key(tenantId, record.id), deepFreeze(list));
        }
      return page;
    },
    async groupsOf(tenantId, memberId) {
      check();
      const k = key(tenantId, memberId);
      const hit = groups.map.get(k);
      if (hit) return hit;
      const at = epoch;
      const list = await base.groupsOf(tenantId, memberId);
      if (at === epoch) groups.set(k, deepFreeze(list));
      return list;
    },
    async getUserWithGroups(tenantId, id) {
      check();
      const recordKey = key(tenantId, 'User', id);
      const groupsKey = key(tenantId, id);
      const record = records.map.get(recordKey);
      const list = groups.map.get(groupsKey);
      if (record && list) return { record, groups: list };
      const at = epoch;
      const found = await base.getUserWithGroups(tenantId, id);
      if (found && at === epoch) {
        remember(found.record, tenantId);
        groups.set(groupsKey, deepFreeze(found.groups));
      }
      return found;
    },
    replace(tenantId, kind, id, data, schema, ifVersion, members, previous) {
      const forget = () => {
        records.map.delete(key(tenantId, kind, id));
        if (kind === 'Group') groups.map.clear();
      };
      return write(
        forget,
        () => base.replace(tenantId, kind, id, data, schema, ifVersion, members, previous),
        (r) => remember(r, tenantId),
      );
    },
    changeMembers(tenantId, groupId, change, ifVersion) {
      const forget = () => {
        records.map.delete(key(tenantId, 'Group', groupId));
        if (change.removeAll) groups.map.clear();
        for (const id of change.add ?? []) groups.map.delete(key(tenantId, id));
        for (const id of change.remove ?? []) groups.map.delete(key(tenantId, id));
      };
      return write(
        forget,
        () => base.changeMembers(tenantId, groupId, change, ifVersion),
        (r) => remember(r, tenantId),
      );
    },
    delete(tenantId, kind, id, ifVersion) {
      return write(clear, () => base.delete(tenantId, kind, id, ifVersion));
    },
  };
}
