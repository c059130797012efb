/**
 * What every run against a target builds the same way before its first object — a cycle
 * (run-cycle.ts) and provision on demand (on-demand/run-on-demand.ts) alike: the job's lease
 * (one run per app at a time, across processes), the enabled object mappings the target
 * takes, and the CycleContext with its scope, client, writer, links, recorder and matching
 * state. Keeping it in one place is what makes an on-demand run decide exactly as a cycle.
 *
 * Example:
 *   const lease = leaseOf(store, app.id, owner, 5 * 60_000, clock);
 *   if (!(await lease())) throw …;   // someone else runs this app
 *   const context = await openCycleContext({ store, app, job, cycleId, kind: 'onDemand', … });
 */
import type { ScimClient, TargetCapabilities } from '../../client/index.ts';
import type { CycleKind, CycleRecord, ProvisioningObjectType, Store } from '../../store/store.ts';
import {
  type CompiledMappings,
  type CompiledObjectMapping,
  compileMappings,
} from '../../sync/index.ts';
import type { AppInfo } from '../app-info.ts';
import { type AssignmentScope, loadAssignmentScope } from '../assignment-scope.ts';
import { ProvisioningError } from '../engine-error.ts';
import type { Job } from '../job-record.ts';
import type { SecretBox } from '../secret-box.ts';
import { openCredentials, type PlainCredentials } from '../target-client.ts';
import type { CycleContext, EngineLog } from './cycle-context.ts';
import type { CycleLinks } from './cycle-links.ts';
import type { CycleRecorder } from './cycle-recorder.ts';
import { createTargetWriter } from './target-writer.ts';

/** A function that takes (or renews) the job's lease for `owner`; false when another holds it. */
export function leaseOf(
  store: Pick<Store, 'provisioning'>,
  appId: string,
  owner: string,
  leaseMs: number,
  clock: () => Date,
): () => Promise<boolean> {
  return () => {
    const now = clock();
    return store.provisioning.jobs.claim(
      appId,
      owner,
      new Date(now.getTime() + leaseMs).toISOString(),
      now.toISOString(),
    );
  };
}

/** The enabled object mapping per source type that this target takes (groups only if it has them). */
export function targetMappings(
  compiled: CompiledMappings,
  app: AppInfo,
): Partial<Record<ProvisioningObjectType, CompiledObjectMapping>> {
  return {
    ...(compiled.bySource.user && { user: compiled.bySource.user }),
    ...(compiled.bySource.group && app.limits.groups && { group: compiled.bySource.group }),
  };
}

/**
 * The job's mappings compiled, as the target takes them (targetMappings); a configuration that
 * does not compile is refused in words, naming its first issue.
 */
export function compileJobMappings(
  app: AppInfo,
  job: Job,
): Partial<Record<ProvisioningObjectType, CompiledObjectMapping>> {
  const compiled = compileMappings(job.mappings);
  if (!compiled.ok)
    throw new ProvisioningError(
      'invalid',
      `the mappings do not compile: ${compiled.issues[0]?.message}`,
      'mappings',
      compiled.issues,
    );
  return targetMappings(compiled.value, app);
}

/**
 * What every run of a job needs first: automatic mode (else refused in words: "…set it to
 * automatic to <what>"), the credentials opened (refused when missing) and the mappings compiled.
 */
export function runnableJob(
  app: AppInfo,
  job: Job,
  secretBox: SecretBox,
  what: string,
): {
  credentials: PlainCredentials;
  mappings: Partial<Record<ProvisioningObjectType, CompiledObjectMapping>>;
} {
  if (job.settings.mode !== 'automatic')
    throw new ProvisioningError(
      'invalid',
      `the provisioning mode is manual: set it to automatic to ${what}`,
      'mode',
    );
  return {
    credentials: openCredentials(job.credentials, secretBox),
    mappings: compileJobMappings(app, job),
  };
}

/** Records a cycle as running: its row, nothing done yet. */
export function recordRunningCycle(
  store: Pick<Store, 'provisioning'>,
  cycle: Pick<CycleRecord, 'id' | 'appId' | 'kind' | 'dryRun' | 'started' | 'watermarkFrom'> & {
    total?: number;
  },
): Promise<void> {
  return store.provisioning.cycles.create({
    total: 0,
    ...cycle,
    status: 'running',
    finished: null,
    done: 0,
    counts: {},
    error: null,
    watermarkTo: null,
  });
}

export interface OpenContextInput {
  store: Pick<Store, 'directory' | 'provisioning'>;
  app: AppInfo;
  job: Job;
  cycleId: string;
  kind: CycleKind;
  dryRun: boolean;
  clock: () => Date;
  mappings: Partial<Record<ProvisioningObjectType, CompiledObjectMapping>>;
  client: ScimClient;
  capabilities: TargetCapabilities;
  links: CycleLinks;
  recorder: CycleRecorder;
  pageSize: number;
  signal: AbortSignal | undefined;
  heartbeat: () => Promise<void>;
  log: EngineLog;
  trace?: boolean;
  /** Who is in scope, when the caller loaded it already (workers keep it per cycle). */
  scope?: AssignmentScope;
}

export async function openCycleContext(input: OpenContextInput): Promise<CycleContext> {
  const { store, app, job, capabilities, client, dryRun } = input;
  const bulk = job.settings.useBulk && capabilities.bulk.supported;
  return {
    store,
    app,
    job,
    cycleId: input.cycleId,
    kind: input.kind,
    dryRun,
    clock: input.clock,
    mappings: input.mappings,
    scope:
      input.scope ??
      (await loadAssignmentScope(store, app, {
        all: job.settings.scope === 'all',
        flatten: job.settings.flattenNestedGroups,
      })),
    client,
    writer: createTargetWriter(client, {
      mode: dryRun ? 'dryRun' : bulk ? 'bulk' : 'single',
      maxOperations: capabilities.bulk.maxOperations,
    }),
    links: input.links,
    recorder: input.recorder,
    match: {
      batching: true,
      chunkSize: 50,
      maxResults: capabilities.filter.maxResults || 100,
    },
    deprovisions: [],
    claims: new Map(),
    aheadRuns: new Map(),
    candidates: undefined,
    pageSize: input.pageSize,
    memberBatchSize: 100,
    signal: input.signal,
    heartbeat: input.heartbeat,
    log: input.log,
    ...(input.trace && { trace: true }),
  };
}
