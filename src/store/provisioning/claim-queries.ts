/**
 * What a cycle on many workers keeps per object: claims (initial cycles: which page takes a
 * user, first come, so managers provisioned ahead of their reports are never provisioned
 * twice), the journal of creates (an object about to be created, then its target id), and the
 * disables and deletes held for the end of the cycle. All are dropped with the cycle's plan.
 */
import type { StoreContext } from '../context.ts';
import type { CycleWorkStore } from '../cycle-work-port.ts';
import { chunk, parseJson } from '../directory/change-feed.ts';

type ClaimQueries = Pick<
  CycleWorkStore,
  'claim' | 'claims' | 'creating' | 'created' | 'creates' | 'deprovisions' | 'clear'
>;

export function createClaimQueries(context: StoreContext): ClaimQueries {
  const { db } = context;

  async function claims(cycleId: string, sourceIds: readonly string[]) {
    const out = new Map<string, { page: string; done: boolean }>();
    for (const part of chunk([...new Set(sourceIds)], 500)) {
      const rows = await db
        .selectFrom('prov_cycle_claims')
        .select(['source_id', 'page', 'done'])
        .where('cycle_id', '=', cycleId)
        .where('source_id', 'in', part)
        .execute();
      for (const row of rows)
        out.set(row.source_id, { page: row.page, done: Number(row.done) === 1 });
    }
    return out;
  }

  return {
    claims,

    async claim(appId, cycleId, page, sourceIds) {
      for (const part of chunk([...new Set(sourceIds)], 200))
        await db
          .insertInto('prov_cycle_claims')
          .values(
            part.map((id) => ({ cycle_id: cycleId, source_id: id, app_id: appId, page, done: 0 })),
          )
          .onConflict((oc) => oc.columns(['cycle_id', 'source_id']).doNothing())
          .execute();
      return claims(cycleId, sourceIds);
    },

    async creating(appId, cycleId, objectType, sourceIds) {
      for (const part of chunk([...new Set(sourceIds)], 200))
        await db
          .insertInto('prov_cycle_creates')
          .values(
            part.map((id) => ({
              cycle_id: cycleId,
              object_type: objectType,
              source_id: id,
              app_id: appId,
              target_id: null,
            })),
          )
          .onConflict((oc) => oc.columns(['cycle_id', 'object_type', 'source_id']).doNothing())
          .execute();
    },

    async created(appId, cycleId, objectType, created) {
      for (const part of chunk(created, 200))
        await db
          .insertInto('prov_cycle_creates')
          .values(
            part.map((c) => ({
              cycle_id: cycleId,
              object_type: objectType,
              source_id: c.sourceId,
              app_id: appId,
              target_id: c.targetId,
            })),
          )
          .onConflict((oc) =>
            oc
              .columns(['cycle_id', 'object_type', 'source_id'])
              .doUpdateSet((eb) => ({ target_id: eb.ref('excluded.target_id') })),
          )
          .execute();
    },

    async creates(cycleId, objectType, sourceIds) {
      const out = new Map<string, string | null>();
      for (const part of chunk([...new Set(sourceIds)], 500)) {
        const rows = await db
          .selectFrom('prov_cycle_creates')
          .select(['source_id', 'target_id'])
          .where('cycle_id', '=', cycleId)
          .where('object_type', '=', objectType)
          .where('source_id', 'in', part)
          .execute();
        for (const row of rows) out.set(row.source_id, row.target_id);
      }
      return out;
    },

    async deprovisions(cycleId) {
      const rows = await db
        .selectFrom('prov_cycle_deprovisions')
        .select('item')
        .where('cycle_id', '=', cycleId)
        .orderBy('object_type')
        .orderBy('source_id')
        .execute();
      return rows.map((r) => parseJson(r.item));
    },

    async clear(cycleId) {
      await db.transaction().execute(async (trx) => {
        for (const table of [
          'prov_cycle_claims',
          'prov_cycle_creates',
          'prov_cycle_deprovisions',
          'prov_cycle_pages',
          'prov_cycle_plans',
        ] as const)
          await trx.deleteFrom(table).where('cycle_id', '=', cycleId).execute();
      });
    },
  };
}
