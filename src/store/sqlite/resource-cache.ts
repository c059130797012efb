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
import type { MemberRecord, ResourceRecord, ResourceStore } from '../store.ts';

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
  let epoch = 0;
  const clear = () => {
    epoch++;
    records.map.clear();
    groups.map.clear();
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
  const remember = (r: ResourceRecord, tenantId: string) =>
    records.set(key(tenantId, r.kind, r.id), deepFreeze(r));

  return {
    ...base,
    async get(tenantId, kind, id) {
      check();
      const k = key(tenantId, kind, id);
      const hit = records.map.get(k);
      if (hit) return hit;
      const at = epoch;
      const record = await base.get(tenantId, kind, id);
      if (record && at === epoch) records.set(k, deepFreeze(record));
      return record;
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
        records.set(recordKey, deepFreeze(found.record));
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
