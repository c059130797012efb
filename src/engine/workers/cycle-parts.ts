/**
 * What every page of one cycle shares, kept per worker process: the plan, the app, the compiled
 * mappings (per configVersion), the target client (one per cycle, so its concurrency limit holds
 * across the pages this worker runs) with its capabilities, and who is in scope. A page builds
 * its CycleContext from these with staged writes of its own (page-context.ts).
 *
 * Example: const parts = await cache.get(cycleId); parts.plan.kind → 'initial'
 */
import type { ScimClient, TargetCapabilities } from '../../client/index.ts';
import { type AppInfo, findApp } from '../app-info.ts';
import { type AssignmentScope, loadAssignmentScope } from '../assignment-scope.ts';
import type { CycleContext } from '../cycle/cycle-context.ts';
import { compileJobMappings } from '../cycle/open-context.ts';
import type { CycleDeps } from '../cycle/run-cycle.ts';
import { ProvisioningError } from '../engine-error.ts';
import { jobOf } from '../job-record.ts';
import { openCredentials, openTargetClient } from '../target-client.ts';
import type { CyclePlan } from './page-work.ts';

export interface CycleParts {
  cycleId: string;
  plan: CyclePlan;
  app: AppInfo;
  mappings: CycleContext['mappings'];
  client: ScimClient;
  capabilities: TargetCapabilities;
  scope: AssignmentScope;
}

export interface CyclePartsCache {
  get(cycleId: string): Promise<CycleParts>;
  forget(cycleId: string): void;
}

/** Keeps the parts of the last `size` cycles this process worked on. */
export function createCyclePartsCache(deps: CycleDeps, size = 8): CyclePartsCache {
  const cycles = new Map<string, Promise<CycleParts>>();
  const compiled = new Map<string, CycleContext['mappings']>();

  async function load(cycleId: string): Promise<CycleParts> {
    const { store } = deps;
    const record = await store.provisioning.work.getPlan(cycleId);
    if (!record)
      throw new ProvisioningError(
        'notFound',
        `cycle ${cycleId} has no plan (it has finished)`,
        'cycle',
      );
    const plan = record.plan as unknown as CyclePlan;
    const app = await findApp(store, record.appId);
    const job = plan.job;
    const version = `${app.id}:${job.configVersion}`;
    let mappings = compiled.get(version);
    if (!mappings) {
      mappings = compileJobMappings(app, job);
      compiled.set(version, mappings);
      if (compiled.size > size) compiled.delete(compiled.keys().next().value!);
    }
    // Credentials as they are now (a rotated token applies at once); settings as at the start.
    const live = await store.provisioning.jobs.get(app.id);
    const credentials = openCredentials(
      live ? jobOf(live).credentials : job.credentials,
      deps.secretBox,
    );
    const client = openTargetClient(credentials, app.limits, deps);
    const capabilities = await client.discover();
    const scope = await loadAssignmentScope(store, app, {
      all: job.settings.scope === 'all',
      flatten: job.settings.flattenNestedGroups,
    });
    return { cycleId, plan, app, mappings, client, capabilities, scope };
  }

  return {
    get(cycleId) {
      let parts = cycles.get(cycleId);
      if (!parts) {
        parts = load(cycleId);
        cycles.set(cycleId, parts);
        parts.catch(() => cycles.delete(cycleId));
        if (cycles.size > size) cycles.delete(cycles.keys().next().value!);
      }
      return parts;
    },
    forget(cycleId) {
      cycles.delete(cycleId);
    },
  };
}
