/**
 * Cycle pages: bounded pieces of a cycle's work. A worker takes a page (pending, or running
 * with an expired lease: its worker died) for a lease it renews while it works; the watcher
 * puts pages whose lease ran out back to pending; a stopped or failed cycle cancels the rest.
 */
import type { ExpressionBuilder } from 'kysely';
import type { StoreContext } from '../context.ts';
import type { CycleWorkStore, PageKey } from '../cycle-work-port.ts';
import type { Database } from '../database.ts';
import { pageKeyOf, summaryColumns, toPage, toPageSummary } from './page-rows.ts';

type PageQueries = Pick<
  CycleWorkStore,
  | 'getPage'
  | 'pages'
  | 'claimPage'
  | 'renewPage'
  | 'releasePage'
  | 'requeueExpired'
  | 'cancelPending'
>;

/** The page's row: a filter for selects and updates of prov_cycle_pages. */
export const keyIs = (key: PageKey) => (eb: ExpressionBuilder<Database, 'prov_cycle_pages'>) =>
  eb.and([eb('cycle_id', '=', key.cycleId), eb('phase', '=', key.phase), eb('seq', '=', key.seq)]);

export function createPageQueries(context: StoreContext): PageQueries {
  const { db } = context;
  const now = () => context.now().toISOString();
  return {
    async getPage(key) {
      const row = await db
        .selectFrom('prov_cycle_pages')
        .selectAll()
        .where(keyIs(key))
        .executeTakeFirst();
      return row && toPage(row);
    },

    async pages(cycleId, phase) {
      let select = db
        .selectFrom('prov_cycle_pages')
        .select([...summaryColumns])
        .where('cycle_id', '=', cycleId);
      if (phase !== undefined) select = select.where('phase', '=', phase);
      return (await select.orderBy('phase').orderBy('seq').execute()).map(toPageSummary);
    },

    async claimPage(key, owner, until, at) {
      const row = await db
        .updateTable('prov_cycle_pages')
        .set((eb) => ({
          status: 'running',
          owner,
          lease_until: until,
          attempts: eb('attempts', '+', 1),
          updated: now(),
        }))
        .where(keyIs(key))
        .where((eb) =>
          eb.or([
            eb('status', '=', 'pending'),
            eb.and([eb('status', '=', 'running'), eb('lease_until', '<', at)]),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
      return row && toPage(row);
    },

    async renewPage(key, owner, until) {
      const result = await db
        .updateTable('prov_cycle_pages')
        .set({ lease_until: until })
        .where(keyIs(key))
        .where('owner', '=', owner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async releasePage(key, owner, error) {
      await db
        .updateTable('prov_cycle_pages')
        .set({ status: 'pending', owner: null, lease_until: null, error, updated: now() })
        .where(keyIs(key))
        .where('owner', '=', owner)
        .where('status', '=', 'running')
        .execute();
    },

    async requeueExpired(cycleId, at) {
      const rows = await db
        .updateTable('prov_cycle_pages')
        .set({ status: 'pending', owner: null, lease_until: null, updated: now() })
        .where('cycle_id', '=', cycleId)
        .where('status', '=', 'running')
        .where('lease_until', '<', at)
        .returning(['cycle_id', 'phase', 'seq'])
        .execute();
      return rows.map(pageKeyOf);
    },

    async cancelPending(cycleId, phase) {
      const result = await db
        .updateTable('prov_cycle_pages')
        .set({ status: 'cancelled', updated: now() })
        .where('cycle_id', '=', cycleId)
        .where('phase', '=', phase)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
