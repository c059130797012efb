/**
 * Remembers the serialised representation of a resource for as long as the store hands out
 * the very same record object (and, for a User, the same `groups` list object): the SQLite
 * store's cache does exactly while nothing changed, since every write and every other
 * connection's commit makes it read a new object. Keyed by object identity in WeakMaps, so a
 * store that reads fresh objects every time (PostgreSQL) simply never hits, and nothing can be
 * served for a version other than the one just read. A Group whose members are returned is
 * not remembered (members are read fresh on every request).
 *
 * Example:
 *   const memo = createRepresentMemo();
 *   memo.get(record, groups, baseUrl, projection) ?? memo.set(record, groups, baseUrl, projection, JSON.stringify(body))
 */
import type { Projection } from '../scim/index.ts';
import type { MemberRecord, ResourceRecord } from '../store/store.ts';

type Groups = readonly MemberRecord[] | undefined;

interface Remembered {
  groups: Groups;
  baseUrl: string;
  bodies: Map<Projection, string>;
}

export interface RepresentMemo {
  get(record: ResourceRecord, groups: Groups, baseUrl: string, p: Projection): string | undefined;
  set(record: ResourceRecord, groups: Groups, baseUrl: string, p: Projection, json: string): string;
}

export function createRepresentMemo(): RepresentMemo {
  const memo = new WeakMap<ResourceRecord, Remembered>();
  return {
    get(record, groups, baseUrl, projection) {
      const found = memo.get(record);
      if (!found || found.groups !== groups || found.baseUrl !== baseUrl) return undefined;
      return found.bodies.get(projection);
    },
    set(record, groups, baseUrl, projection, json) {
      let found = memo.get(record);
      if (!found || found.groups !== groups || found.baseUrl !== baseUrl) {
        found = { groups, baseUrl, bodies: new Map() };
        memo.set(record, found);
      }
      if (found.bodies.size < 8) found.bodies.set(projection, json);
      return json;
    },
  };
}
