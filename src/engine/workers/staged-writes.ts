/**
 * The store as one page attempt sees it: reads go to the database with the attempt's own writes
 * laid over them; writes — links, log entries, escrows — wait in memory until the page commits
 * them in one transaction (CycleWorkStore.commitPage). A worker that dies mid-page leaves
 * nothing half-written; the page runs again from the start. The cycle's own CycleLinks and
 * CycleRecorder run on top unchanged.
 *
 * Example:
 *   const staged = createStagedWrites(store.provisioning);
 *   const links = createCycleLinks(staged.links, appId, cycleId, { dryRun: false });
 *   …; await work.commitPage(key, owner, { status: 'done', writes: { ...staged.drain(), … } });
 */
import type {
  CycleStore,
  EscrowRecord,
  EscrowStore,
  LinkStore,
  LogStore,
  PageWrites,
  ProvisioningLink,
  ProvisioningLogEntry,
  ProvisioningObjectType,
  ProvisioningStore,
} from '../../store/store.ts';

export interface StagedWrites {
  links: LinkStore;
  /** What CycleRecorder needs of the store: logs, escrows, cycles (progress is the watcher's). */
  provisioning: Pick<ProvisioningStore, 'logs' | 'escrows' | 'cycles'>;
  /** The writes so far (links, logs, escrows), ready for the commit; the buffers start over. */
  drain(): Pick<
    PageWrites,
    'linkPuts' | 'linkDeletes' | 'seen' | 'logs' | 'escrowPuts' | 'escrowDeletes'
  >;
}

const types: readonly ProvisioningObjectType[] = ['user', 'group'];
const key = (type: ProvisioningObjectType, id: string) => `${type}:${id}`;

export function createStagedWrites(
  real: Pick<ProvisioningStore, 'links' | 'escrows' | 'logs' | 'cycles'>,
): StagedWrites {
  let links = new Map<string, ProvisioningLink | null>();
  let seen = new Map<ProvisioningObjectType, Set<string>>(types.map((t) => [t, new Set()]));
  let logs: ProvisioningLogEntry[] = [];
  let escrows = new Map<string, EscrowRecord | null>();

  const linkStore: LinkStore = {
    async get(appId, type, sourceIds) {
      const out: ProvisioningLink[] = [];
      const ask: string[] = [];
      for (const id of sourceIds) {
        const staged = links.get(key(type, id));
        if (staged === undefined) ask.push(id);
        else if (staged !== null) out.push(staged);
      }
      if (ask.length > 0) out.push(...(await real.links.get(appId, type, ask)));
      return out;
    },
    async put(put) {
      for (const link of put) links.set(key(link.objectType, link.sourceId), link);
    },
    async delete(_appId, type, sourceIds) {
      for (const id of sourceIds) links.set(key(type, id), null);
    },
    async markSeen(_appId, type, sourceIds) {
      for (const id of sourceIds) seen.get(type)!.add(id);
    },
    // Pages name their objects; the cursors below read what is committed.
    unseen: (...args) => real.links.unseen(...args),
    pending: (...args) => real.links.pending(...args),
    count: (...args) => real.links.count(...args),
    clear: (...args) => real.links.clear(...args),
  };

  const escrowStore: EscrowStore = {
    async put(records) {
      for (const r of records) escrows.set(key(r.objectType, r.sourceId), r);
    },
    async get(appId, type, sourceIds) {
      const out: EscrowRecord[] = [];
      const ask: string[] = [];
      for (const id of sourceIds) {
        const staged = escrows.get(key(type, id));
        if (staged === undefined) ask.push(id);
        else if (staged !== null) out.push(staged);
      }
      if (ask.length > 0) out.push(...(await real.escrows.get(appId, type, ask)));
      return out;
    },
    async delete(_appId, type, sourceIds) {
      for (const id of sourceIds) escrows.set(key(type, id), null);
    },
    due: (...args) => real.escrows.due(...args),
    list: (...args) => real.escrows.list(...args),
    count: (...args) => real.escrows.count(...args),
    clear: (...args) => real.escrows.clear(...args),
  };

  const logStore: LogStore = {
    async append(entries) {
      logs.push(...entries);
    },
    query: (q) => real.logs.query(q),
    deleteBefore: (...args) => real.logs.deleteBefore(...args),
  };

  // Progress is summed from committed pages by the watcher; a page writes none of its own.
  const cycleStore: CycleStore = { ...real.cycles, update: async () => {} };

  return {
    links: linkStore,
    provisioning: { logs: logStore, escrows: escrowStore, cycles: cycleStore },
    drain() {
      const split = <T>(map: Map<string, T | null>) => {
        const puts: T[] = [];
        const deletes = new Map<ProvisioningObjectType, string[]>(types.map((t) => [t, []]));
        for (const [k, value] of map) {
          if (value !== null) puts.push(value);
          else {
            const [type, ...rest] = k.split(':');
            deletes.get(type as ProvisioningObjectType)!.push(rest.join(':'));
          }
        }
        const removals = types
          .map((objectType) => ({ objectType, sourceIds: deletes.get(objectType)! }))
          .filter((r) => r.sourceIds.length > 0);
        return { puts, removals };
      };
      const l = split(links);
      const e = split(escrows);
      const seenIds = types
        .map((objectType) => ({
          objectType,
          sourceIds: [...seen.get(objectType)!].filter((id) => !links.has(key(objectType, id))),
        }))
        .filter((s) => s.sourceIds.length > 0);
      const out = {
        linkPuts: l.puts,
        linkDeletes: l.removals,
        seen: seenIds,
        logs,
        escrowPuts: e.puts,
        escrowDeletes: e.removals,
      };
      links = new Map();
      seen = new Map(types.map((t) => [t, new Set()]));
      logs = [];
      escrows = new Map();
      return out;
    },
  };
}
