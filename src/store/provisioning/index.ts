// The provisioning engine's store (Store.provisioning), assembled from its query modules.
import type { StoreContext } from '../context.ts';
import type { ProvisioningStore } from '../provisioning-port.ts';
import { createCycleStore } from './cycle-queries.ts';
import { createEscrowStore } from './escrow-queries.ts';
import { createProvisioningJobStore } from './job-queries.ts';
import { createLinkStore } from './link-queries.ts';
import { createLogStore } from './log-queries.ts';
import { createCycleWorkStore } from './work-queries.ts';

export function createProvisioningStore(context: StoreContext): ProvisioningStore {
  return {
    jobs: createProvisioningJobStore(context),
    links: createLinkStore(context),
    cycles: createCycleStore(context),
    logs: createLogStore(context),
    escrows: createEscrowStore(context),
    work: createCycleWorkStore(context),
  };
}
