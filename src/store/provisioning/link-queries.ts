/**
 * Links between directory objects and target resources, per app and object type: the target
 * id, the state and resource last exported, and the references still waiting for their
 * objects. Written in batches (a page of a cycle at a time), read by source id in batches.
 */
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import { chunk, parseJson } from '../directory/change-feed.ts';
import type {
  LinkPending,
  LinkStore,
  ProvisioningLink,
  ProvisioningObjectType,
} from '../provisioning-port.ts';
import { inTransaction } from './in-transaction.ts';

type Row = Database['prov_links'];

const toLink = (row: Row): ProvisioningLink => ({
  appId: row.app_id,
  objectType: row.object_type as ProvisioningObjectType,
  sourceId: row.source_id,
  targetId: row.target_id,
  identity: row.identity,
  state: row.state as ProvisioningLink['state'],
  exported: row.exported === null ? null : parseJson(row.exported),
  pending: row.pending === null ? null : parseJson<LinkPending>(row.pending),
  seenCycle: row.seen_cycle,
  created: row.created,
  updated: row.updated,
});

const toRow = (link: ProvisioningLink): Row => ({
  app_id: link.appId,
  object_type: link.objectType,
  source_id: link.sourceId,
  target_id: link.targetId,
  identity: link.identity,
  state: link.state,
  exported: link.exported === null ? null : JSON.stringify(link.exported),
  pending: link.pending === null ? null : JSON.stringify(link.pending),
  has_pending: link.pending === null ? 0 : 1,
  seen_cycle: link.seenCycle,
  created: link.created,
  updated: link.updated,
});

export function createLinkStore(context: StoreContext): LinkStore {
  const { db } = context;
  return {
    async get(appId, objectType, sourceIds) {
      const out: ProvisioningLink[] = [];
      for (const part of chunk([...new Set(sourceIds)], 500)) {
        const rows = await db
          .selectFrom('prov_links')
          .selectAll()
          .where('app_id', '=', appId)
          .where('object_type', '=', objectType)
          .where('source_id', 'in', part)
          .execute();
        for (const row of rows) out.push(toLink(row));
      }
      return out;
    },

    async put(links) {
      if (links.length === 0) return;
      // The last write of a source id wins, as it would written one at a time.
      const unique = new Map<string, Row>();
      for (const link of links)
        unique.set(`${link.appId}\u0000${link.objectType}\u0000${link.sourceId}`, toRow(link));
      await inTransaction(db, async (trx) => {
        for (const part of chunk([...unique.values()], 200)) {
          await trx
            .insertInto('prov_links')
            .values(part)
            .onConflict((oc) =>
              oc.columns(['app_id', 'object_type', 'source_id']).doUpdateSet((eb) => ({
                target_id: eb.ref('excluded.target_id'),
                identity: eb.ref('excluded.identity'),
                state: eb.ref('excluded.state'),
                exported: eb.ref('excluded.exported'),
                pending: eb.ref('excluded.pending'),
                has_pending: eb.ref('excluded.has_pending'),
                seen_cycle: eb.ref('excluded.seen_cycle'),
                updated: eb.ref('excluded.updated'),
              })),
            )
            .execute();
        }
      });
    },

    async delete(appId, objectType, sourceIds) {
      for (const part of chunk([...new Set(sourceIds)], 500))
        await db
          .deleteFrom('prov_links')
          .where('app_id', '=', appId)
          .where('object_type', '=', objectType)
          .where('source_id', 'in', part)
          .execute();
    },

    async markSeen(appId, objectType, sourceIds, cycleId) {
      for (const part of chunk([...new Set(sourceIds)], 500))
        await db
          .updateTable('prov_links')
          .set({ seen_cycle: cycleId })
          .where('app_id', '=', appId)
          .where('object_type', '=', objectType)
          .where('source_id', 'in', part)
          .execute();
    },

    async unseen(appId, objectType, cycleId, afterSourceId, limit) {
      let select = db
        .selectFrom('prov_links')
        .selectAll()
        .where('app_id', '=', appId)
        .where('object_type', '=', objectType)
        .where((eb) => eb.or([eb('seen_cycle', 'is', null), eb('seen_cycle', '<>', cycleId)]));
      if (afterSourceId !== undefined) select = select.where('source_id', '>', afterSourceId);
      return (await select.orderBy('source_id').limit(limit).execute()).map(toLink);
    },

    async pending(appId, objectType, afterSourceId, limit) {
      let select = db
        .selectFrom('prov_links')
        .selectAll()
        .where('app_id', '=', appId)
        .where('object_type', '=', objectType)
        .where('has_pending', '=', 1);
      if (afterSourceId !== undefined) select = select.where('source_id', '>', afterSourceId);
      return (await select.orderBy('source_id').limit(limit).execute()).map(toLink);
    },

    async count(appId, objectType) {
      let select = db
        .selectFrom('prov_links')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('app_id', '=', appId);
      if (objectType !== undefined) select = select.where('object_type', '=', objectType);
      const row = await select.executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async clear(appId) {
      const result = await db
        .deleteFrom('prov_links')
        .where('app_id', '=', appId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
