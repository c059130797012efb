/**
 * Cycle plans: one row per cycle that runs on workers — its phase, the job as it was when the
 * cycle started, its outcome — created with the cycle's first pages and moved from phase to
 * phase with the next pages, each move in one transaction so only one worker makes it.
 */
import type { StoreContext } from '../context.ts';
import type { CycleWorkStore } from '../cycle-work-port.ts';
import { chunk, parseJson } from '../directory/change-feed.ts';
import { pageRow, planRow, toPlan } from './page-rows.ts';

type PlanQueries = Pick<
  CycleWorkStore,
  'createPlan' | 'getPlan' | 'openPlans' | 'advance' | 'setOutcome'
>;

export function createPlanQueries(context: StoreContext): PlanQueries {
  const { db } = context;
  const now = () => context.now().toISOString();
  return {
    async createPlan(plan, pages) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('prov_cycle_plans').values(planRow(plan)).execute();
        for (const part of chunk(pages.map(pageRow), 100))
          await trx.insertInto('prov_cycle_pages').values(part).execute();
      });
    },

    async getPlan(cycleId) {
      const row = await db
        .selectFrom('prov_cycle_plans')
        .selectAll()
        .where('cycle_id', '=', cycleId)
        .executeTakeFirst();
      return row && toPlan(row);
    },

    async openPlans(appId) {
      let select = db.selectFrom('prov_cycle_plans').selectAll().where('phase', '<>', 'done');
      if (appId !== undefined) select = select.where('app_id', '=', appId);
      return (await select.orderBy('created').execute()).map(toPlan);
    },

    async advance(cycleId, from, to, pages) {
      return db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('prov_cycle_plans')
          .set({ phase: to, updated: now() })
          .where('cycle_id', '=', cycleId)
          .where('phase', '=', from)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) return false;
        for (const part of chunk(pages.map(pageRow), 100))
          await trx.insertInto('prov_cycle_pages').values(part).execute();
        return true;
      });
    },

    async setOutcome(cycleId, patch) {
      await db.transaction().execute(async (trx) => {
        let select = trx
          .selectFrom('prov_cycle_plans')
          .select('outcome')
          .where('cycle_id', '=', cycleId);
        // Two workers may record at once: PostgreSQL locks the row (SQLite writes one at a time).
        if (context.dialect.name === 'postgres') select = select.forUpdate();
        const row = await select.executeTakeFirst();
        if (!row) return;
        const outcome = { ...parseJson<Record<string, unknown>>(row.outcome), ...patch };
        await trx
          .updateTable('prov_cycle_plans')
          .set({ outcome: JSON.stringify(outcome), updated: now() })
          .where('cycle_id', '=', cycleId)
          .execute();
      });
    },
  };
}
