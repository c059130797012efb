/**
 * Escrows: objects whose last write to the target failed, with the failure and when a later
 * cycle should retry them (the back-off itself is decided in src/sync/escrow-backoff.ts).
 */
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import { chunk } from '../directory/change-feed.ts';
import type { EscrowRecord, EscrowStore, ProvisioningObjectType } from '../provisioning-port.ts';
import { inTransaction } from './in-transaction.ts';

type Row = Database['prov_escrows'];

const toEscrow = (row: Row): EscrowRecord => ({
  appId: row.app_id,
  objectType: row.object_type as ProvisioningObjectType,
  sourceId: row.source_id,
  attempts: Number(row.attempts),
  kind: row.kind,
  errorCode: row.error_code,
  reason: row.reason,
  firstFailed: row.first_failed,
  lastFailed: row.last_failed,
  retryAt: row.retry_at,
});

export function createEscrowStore(context: StoreContext): EscrowStore {
  const { db } = context;
  return {
    async put(records) {
      if (records.length === 0) return;
      const unique = new Map<string, Row>();
      for (const r of records)
        unique.set(`${r.appId}\u0000${r.objectType}\u0000${r.sourceId}`, {
          app_id: r.appId,
          object_type: r.objectType,
          source_id: r.sourceId,
          attempts: r.attempts,
          kind: r.kind,
          error_code: r.errorCode,
          reason: r.reason,
          first_failed: r.firstFailed,
          last_failed: r.lastFailed,
          retry_at: r.retryAt,
        });
      await inTransaction(db, async (trx) => {
        for (const part of chunk([...unique.values()], 200))
          await trx
            .insertInto('prov_escrows')
            .values(part)
            .onConflict((oc) =>
              oc.columns(['app_id', 'object_type', 'source_id']).doUpdateSet((eb) => ({
                attempts: eb.ref('excluded.attempts'),
                kind: eb.ref('excluded.kind'),
                error_code: eb.ref('excluded.error_code'),
                reason: eb.ref('excluded.reason'),
                first_failed: eb.ref('excluded.first_failed'),
                last_failed: eb.ref('excluded.last_failed'),
                retry_at: eb.ref('excluded.retry_at'),
              })),
            )
            .execute();
      });
    },

    async get(appId, objectType, sourceIds) {
      const out: EscrowRecord[] = [];
      for (const part of chunk([...new Set(sourceIds)], 500)) {
        const rows = await db
          .selectFrom('prov_escrows')
          .selectAll()
          .where('app_id', '=', appId)
          .where('object_type', '=', objectType)
          .where('source_id', 'in', part)
          .execute();
        out.push(...rows.map(toEscrow));
      }
      return out;
    },

    async delete(appId, objectType, sourceIds) {
      for (const part of chunk([...new Set(sourceIds)], 500))
        await db
          .deleteFrom('prov_escrows')
          .where('app_id', '=', appId)
          .where('object_type', '=', objectType)
          .where('source_id', 'in', part)
          .execute();
    },

    async due(appId, at, limit) {
      const rows = await db
        .selectFrom('prov_escrows')
        .selectAll()
        .where('app_id', '=', appId)
        .where('retry_at', '<=', at)
        .orderBy('retry_at')
        .orderBy('source_id')
        .limit(limit)
        .execute();
      return rows.map(toEscrow);
    },

    async list(appId, limit) {
      const rows = await db
        .selectFrom('prov_escrows')
        .selectAll()
        .where('app_id', '=', appId)
        .orderBy('retry_at')
        .orderBy('source_id')
        .limit(limit)
        .execute();
      return rows.map(toEscrow);
    },

    async count(appId) {
      const row = await db
        .selectFrom('prov_escrows')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('app_id', '=', appId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async clear(appId) {
      const result = await db
        .deleteFrom('prov_escrows')
        .where('app_id', '=', appId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
