// A cycle's work on many workers (Store.provisioning.work), assembled from its query modules.
import type { StoreContext } from '../context.ts';
import type { CycleWorkStore } from '../cycle-work-port.ts';
import { createClaimQueries } from './claim-queries.ts';
import { commitPage } from './page-commit.ts';
import { createPageQueries } from './page-queries.ts';
import { createPlanQueries } from './plan-queries.ts';

export function createCycleWorkStore(context: StoreContext): CycleWorkStore {
  return {
    ...createPlanQueries(context),
    ...createPageQueries(context),
    ...createClaimQueries(context),
    commitPage: (key, owner, commit) => commitPage(context, key, owner, commit),
  };
}
