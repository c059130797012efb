/**
 * Cycle records: one row per provisioning cycle (dry runs included, flagged), updated with its
 * progress while it runs so that status can show done/total and counts by action.
 */
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import { parseJson } from '../directory/change-feed.ts';
import type {
  CycleKind,
  CyclePatch,
  CycleRecord,
  CycleStatus,
  CycleStore,
} from '../provisioning-port.ts';

type Row = Database['prov_cycles'];

const toCycle = (row: Row): CycleRecord => ({
  id: row.id,
  appId: row.app_id,
  kind: row.kind as CycleKind,
  dryRun: Number(row.dry_run) === 1,
  status: row.status as CycleStatus,
  started: row.started,
  finished: row.finished,
  done: Number(row.done),
  total: Number(row.total),
  counts: parseJson(row.counts),
  error: row.error,
  watermarkFrom: Number(row.watermark_from),
  watermarkTo: row.watermark_to === null ? null : Number(row.watermark_to),
});

export function createCycleStore(context: StoreContext): CycleStore {
  const { db } = context;
  return {
    async create(cycle) {
      await db
        .insertInto('prov_cycles')
        .values({
          id: cycle.id,
          app_id: cycle.appId,
          kind: cycle.kind,
          dry_run: cycle.dryRun ? 1 : 0,
          status: cycle.status,
          started: cycle.started,
          finished: cycle.finished,
          done: cycle.done,
          total: cycle.total,
          counts: JSON.stringify(cycle.counts),
          error: cycle.error,
          watermark_from: cycle.watermarkFrom,
          watermark_to: cycle.watermarkTo,
        })
        .execute();
    },

    async update(id, patch: CyclePatch) {
      const set: Partial<Row> = {};
      if (patch.status !== undefined) set.status = patch.status;
      if (patch.finished !== undefined) set.finished = patch.finished;
      if (patch.done !== undefined) set.done = patch.done;
      if (patch.total !== undefined) set.total = patch.total;
      if (patch.counts !== undefined) set.counts = JSON.stringify(patch.counts);
      if (patch.error !== undefined) set.error = patch.error;
      if (patch.watermarkTo !== undefined) set.watermark_to = patch.watermarkTo;
      if (Object.keys(set).length === 0) return;
      await db.updateTable('prov_cycles').set(set).where('id', '=', id).execute();
    },

    async get(id) {
      const row = await db
        .selectFrom('prov_cycles')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toCycle(row);
    },

    async list(appId, limit) {
      const rows = await db
        .selectFrom('prov_cycles')
        .selectAll()
        .where('app_id', '=', appId)
        .orderBy('started', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toCycle);
    },

    async latest(appId, options = {}) {
      let select = db
        .selectFrom('prov_cycles')
        .selectAll()
        .where('app_id', '=', appId)
        .where('dry_run', '=', 0);
      if (options.finished) select = select.where('finished', 'is not', null);
      const row = await select
        .orderBy('started', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toCycle(row);
    },
  };
}
