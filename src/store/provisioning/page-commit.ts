/**
 * The commit of one page attempt (or of a part of it: managers provisioned ahead): its status
 * and everything it wrote — links, log entries,
 * escrows, the deprovisions it decided, the claims it completed — in one transaction, and only
 * while the attempt still owns the page. An attempt whose lease ran out (the page was given to
 * another worker) commits nothing, so a page's writes land exactly once.
 *
 * Example: const committed = await commitPage(context, key, owner, { status: 'done', writes });
 */
import type { StoreContext } from '../context.ts';
import type { PageCommit, PageKey } from '../cycle-work-port.ts';
import { chunk, parseJson } from '../directory/change-feed.ts';
import { createEscrowStore } from './escrow-queries.ts';
import { createLinkStore } from './link-queries.ts';
import { createLogStore } from './log-queries.ts';
import { keyIs } from './page-queries.ts';

class NotOwner extends Error {}

export async function commitPage(
  context: StoreContext,
  key: PageKey,
  owner: string,
  commit: PageCommit,
): Promise<boolean> {
  const { writes } = commit;
  try {
    await context.db.transaction().execute(async (trx) => {
      // Who holds the page, what it committed before (managers ahead), checked and read first.
      const row = await trx
        .selectFrom('prov_cycle_pages')
        .select(['app_id', 'owner', 'status', 'done', 'counts'])
        .where(keyIs(key))
        .executeTakeFirst();
      if (!row || row.owner !== owner || row.status !== 'running') throw new NotOwner();
      const counts = parseJson<Record<string, number>>(row.counts);
      for (const [name, n] of Object.entries(writes.counts)) counts[name] = (counts[name] ?? 0) + n;
      const marked = await trx
        .updateTable('prov_cycle_pages')
        .set({
          status: commit.status,
          ...(commit.status !== 'running' && { lease_until: null }),
          done: Number(row.done) + writes.done,
          counts: JSON.stringify(counts),
          ...(commit.result !== undefined && { result: JSON.stringify(commit.result) }),
          ...(commit.error !== undefined && { error: commit.error }),
          updated: context.now().toISOString(),
        })
        .where(keyIs(key))
        .where('owner', '=', owner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) throw new NotOwner();
      const inside = { ...context, db: trx };
      const links = createLinkStore(inside);
      const appId = row.app_id;
      for (const removal of writes.linkDeletes)
        await links.delete(appId, removal.objectType, removal.sourceIds);
      await links.put(writes.linkPuts);
      for (const seen of writes.seen)
        await links.markSeen(appId, seen.objectType, seen.sourceIds, key.cycleId);
      await createLogStore(inside).append(writes.logs);
      const escrows = createEscrowStore(inside);
      for (const removal of writes.escrowDeletes)
        await escrows.delete(appId, removal.objectType, removal.sourceIds);
      await escrows.put(writes.escrowPuts);
      for (const part of chunk(writes.deprovisions, 200))
        await trx
          .insertInto('prov_cycle_deprovisions')
          .values(
            part.map((d) => ({
              cycle_id: key.cycleId,
              object_type: d.objectType,
              source_id: d.sourceId,
              app_id: appId,
              item: JSON.stringify(d.item),
            })),
          )
          .onConflict((oc) =>
            oc
              .columns(['cycle_id', 'object_type', 'source_id'])
              .doUpdateSet((eb) => ({ item: eb.ref('excluded.item') })),
          )
          .execute();
      for (const part of chunk(writes.claimsDone, 500))
        await trx
          .updateTable('prov_cycle_claims')
          .set({ done: 1 })
          .where('cycle_id', '=', key.cycleId)
          .where('source_id', 'in', part)
          .execute();
    });
    return true;
  } catch (error) {
    if (error instanceof NotOwner) return false;
    throw error;
  }
}
