/**
 * The links a cycle reads and writes: writes are buffered and flushed with each page (one
 * transaction of multi-row upserts), reads see the buffer first. A dry run never flushes — its
 * links (fake target ids of objects it would create) live in memory for the cycle only, so the
 * reference pass can still say which manager and members it would link.
 *
 * Example:
 *   const links = createCycleLinks(store.provisioning.links, appId, { dryRun: false });
 *   const found = await links.get('user', ids); links.put(link); await links.flush();
 */
import type { LinkStore, ProvisioningLink, ProvisioningObjectType } from '../../store/store.ts';

export interface CycleLinks {
  get(
    type: ProvisioningObjectType,
    sourceIds: readonly string[],
  ): Promise<Map<string, ProvisioningLink>>;
  /** Target ids of directory ids, users and groups alike (for references). */
  lookup(sourceIds: readonly string[]): Promise<Map<string, string>>;
  put(link: ProvisioningLink): void;
  remove(type: ProvisioningObjectType, sourceId: string): void;
  markSeen(type: ProvisioningObjectType, sourceIds: readonly string[]): void;
  /** Links not visited by this cycle, a page at a time; `next` is the cursor (none at the end). */
  unseen(type: ProvisioningObjectType, after: string | undefined, limit: number): Promise<LinkPage>;
  /** Stored links with pending references, a page at a time (buffered versions win). */
  pending(
    type: ProvisioningObjectType,
    after: string | undefined,
    limit: number,
  ): Promise<LinkPage>;
  /** Buffered links with pending references (a dry run's; empty after a flush). */
  bufferedPending(type: ProvisioningObjectType): ProvisioningLink[];
  flush(): Promise<void>;
}

export interface LinkPage {
  links: ProvisioningLink[];
  next: string | undefined;
}

const key = (type: ProvisioningObjectType, id: string) => `${type}:${id}`;

export function createCycleLinks(
  store: LinkStore,
  appId: string,
  cycleId: string,
  options: { dryRun: boolean },
): CycleLinks {
  /**
   * Buffered writes; null marks a removal. In a dry run this is the whole overlay. A flush
   * swaps the buffer for a fresh one, so pages working concurrently keep writing; until its
   * rows are in the store, the snapshot being written is still read.
   */
  let buffer = new Map<string, ProvisioningLink | null>();
  const writing = new Set<Map<string, ProvisioningLink | null>>();
  const emptySeen = () =>
    new Map<ProvisioningObjectType, Set<string>>([
      ['user', new Set()],
      ['group', new Set()],
    ]);
  let seen = emptySeen();

  function buffered(k: string): ProvisioningLink | null | undefined {
    const hit = buffer.get(k);
    if (hit !== undefined) return hit;
    for (const snapshot of writing) {
      const found = snapshot.get(k);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  async function get(type: ProvisioningObjectType, sourceIds: readonly string[]) {
    const out = new Map<string, ProvisioningLink>();
    const ask: string[] = [];
    for (const id of sourceIds) {
      const hit = buffered(key(type, id));
      if (hit === undefined) ask.push(id);
      else if (hit !== null) out.set(id, hit);
    }
    if (ask.length > 0)
      for (const link of await store.get(appId, type, ask)) out.set(link.sourceId, link);
    return out;
  }

  return {
    get,
    async lookup(sourceIds) {
      const out = new Map<string, string>();
      if (sourceIds.length === 0) return out;
      for (const link of (await get('user', sourceIds)).values())
        out.set(link.sourceId, link.targetId);
      const rest = sourceIds.filter((id) => !out.has(id));
      if (rest.length > 0)
        for (const link of (await get('group', rest)).values())
          out.set(link.sourceId, link.targetId);
      return out;
    },
    put(link) {
      buffer.set(key(link.objectType, link.sourceId), { ...link, seenCycle: cycleId });
    },
    remove(type, sourceId) {
      buffer.set(key(type, sourceId), null);
    },
    markSeen(type, sourceIds) {
      for (const id of sourceIds) seen.get(type)!.add(id);
    },
    async unseen(type, after, limit) {
      const page = await store.unseen(appId, type, cycleId, after, limit);
      const next = page.length < limit ? undefined : page.at(-1)?.sourceId;
      // A dry run flushes nothing: what it saw and wrote is in memory.
      const links = page.filter(
        (l) => !seen.get(type)!.has(l.sourceId) && buffered(key(type, l.sourceId)) === undefined,
      );
      return { links, next };
    },
    async pending(type, after, limit) {
      const page = await store.pending(appId, type, after, limit);
      const next = page.length < limit ? undefined : page.at(-1)?.sourceId;
      const links = page.filter((l) => buffered(key(type, l.sourceId)) === undefined);
      return { links, next };
    },
    bufferedPending(type) {
      const out: ProvisioningLink[] = [];
      for (const link of buffer.values())
        if (link?.objectType === type && link.pending) out.push(link);
      return out;
    },
    async flush() {
      if (options.dryRun) return;
      const snapshot = buffer;
      const marked = seen;
      buffer = new Map();
      seen = emptySeen();
      writing.add(snapshot);
      try {
        const puts: ProvisioningLink[] = [];
        const removals = new Map<ProvisioningObjectType, string[]>([
          ['user', []],
          ['group', []],
        ]);
        for (const [k, link] of snapshot) {
          if (link) puts.push(link);
          else {
            const [type, ...rest] = k.split(':');
            removals.get(type as ProvisioningObjectType)!.push(rest.join(':'));
          }
        }
        for (const [type, ids] of removals)
          if (ids.length > 0) await store.delete(appId, type, ids);
        await store.put(puts);
        for (const [type, ids] of marked) {
          const unwritten = [...ids].filter((id) => !snapshot.has(key(type, id)));
          if (unwritten.length > 0) await store.markSeen(appId, type, unwritten, cycleId);
        }
      } finally {
        writing.delete(snapshot);
      }
    },
  };
}
