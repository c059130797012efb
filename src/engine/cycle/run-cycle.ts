/**
 * One provisioning cycle of one app, start to end: the job read, its mappings compiled, the
 * lease taken (one cycle per app at a time, across processes), the cycle recorded as running,
 * the target client and writer chosen (Bulk when the job allows it and the target advertises
 * it), then the initial or incremental cycle; at the end the cycle row, the job's watermark
 * (only when the cycle went through), statistics and next run are written and the lease given
 * back. A `stop` failure (credentials, Tenant URL) or an unexpected error ends the cycle as
 * failed; a stop request (job switched off) as stopped; too many deletes as held. A dry run
 * reads the target but writes neither to it nor to the store (but its own cycle row).
 *
 * Example: const report = await runCycle(deps, 'Wrike', { dryRun: true });
 */
import { hostname } from 'node:os';
import {
  isSyncError,
  type ScimClient,
  type SyncError,
  type TargetCapabilities,
} from '../../client/index.ts';
import { type CycleKind, isStoreError, type Store } from '../../store/store.ts';
import { compileMappings } from '../../sync/index.ts';
import { type AppInfo, findApp } from '../app-info.ts';
import { type AssignmentScope, loadAssignmentScope } from '../assignment-scope.ts';
import { ProvisioningError } from '../engine-error.ts';
import type { EngineEvents } from '../events.ts';
import { type Job, type JobState, jobOf } from '../job-record.ts';
import type { Jobs } from '../jobs.ts';
import { openCredentials, openTargetClient, type TargetClientDeps } from '../target-client.ts';
import { type CycleContext, CycleStopped, type EngineLog } from './cycle-context.ts';
import { type CycleLinks, createCycleLinks } from './cycle-links.ts';
import { type CycleRecorder, createCycleRecorder } from './cycle-recorder.ts';
import type { CycleReport } from './cycle-report.ts';
import { runIncrementalCycle } from './incremental-cycle.ts';
import { type CycleOutcome, runInitialCycle } from './initial-cycle.ts';
import { createTargetWriter } from './target-writer.ts';

export interface CycleDeps extends TargetClientDeps {
  store: Pick<Store, 'directory' | 'provisioning'>;
  clock: () => Date;
  events: EngineEvents;
  jobs: Jobs;
  log: EngineLog;
  /** Objects per page; default 500. */
  pageSize?: number;
  /** How long a lease lasts without renewal; default 5 minutes. */
  leaseMs?: number;
}

export interface RunCycleOptions {
  dryRun?: boolean;
  /** Who runs it (the lease owner's prefix); default host:pid. */
  owner?: string;
  /** Aborted: the cycle stops after its current page. */
  signal?: AbortSignal;
}

export const defaultOwner = () => `${hostname()}:${process.pid}`;

function mergeCounts(
  into: Record<string, number>,
  add: Record<string, number>,
): Record<string, number> {
  const out = { ...into };
  for (const [key, value] of Object.entries(add)) out[key] = (out[key] ?? 0) + value;
  return out;
}

/** Writes the end of a real (not dry) cycle into the job, retrying when an admin wrote meanwhile. */
async function finishJob(
  deps: CycleDeps,
  start: Job,
  report: CycleReport,
  outcome: CycleOutcome | undefined,
): Promise<void> {
  const jobs = deps.store.provisioning.jobs;
  for (let attempt = 0; ; attempt++) {
    const record = await jobs.get(start.appId);
    if (!record) return;
    const job = jobOf(record);
    const succeeded = report.status === 'succeeded';
    const held = report.status === 'held';
    const state: JobState = {
      ...job.state,
      statistics: {
        cycles: job.state.statistics.cycles + 1,
        initialCycles: job.state.statistics.initialCycles + (report.kind === 'initial' ? 1 : 0),
        counts: mergeCounts(job.state.statistics.counts, report.counts),
        durationMs: job.state.statistics.durationMs + report.durationMs,
      },
      lastCycle: {
        id: report.cycleId,
        kind: report.kind,
        status: report.status,
        started: report.started,
        finished: report.finished,
        durationMs: report.durationMs,
        counts: report.counts,
        error: report.error,
      },
      ...(succeeded && { hold: null, allowDeletes: false }),
      ...(held &&
        outcome?.hold && {
          hold: {
            reason: 'TooManyDeletes' as const,
            detail: report.error ?? '',
            since: report.finished,
            count: outcome.hold.count,
            threshold: outcome.hold.threshold,
          },
          allowDeletes: false,
        }),
    };
    const rescheduled = job.nextRunAt !== null && job.nextRunAt > report.started;
    const next = new Date(
      Date.parse(report.finished) + (report.more ? 1000 : job.settings.intervalSeconds * 1000),
    );
    try {
      await jobs.update(
        job.appId,
        {
          state: state as unknown as Record<string, unknown>,
          ...(succeeded && outcome && { watermark: outcome.watermark }),
          ...(succeeded && report.kind === 'initial' && { initialVersion: start.configVersion }),
          ...(job.enabled && !rescheduled && { nextRunAt: held ? null : next.toISOString() }),
        },
        job.version,
      );
      deps.events.emit('job:changed', { appId: job.appId });
      return;
    } catch (error) {
      if (!isStoreError(error, 'conflict') || attempt >= 10) throw error;
    }
  }
}

/** The enabled object mappings of the job, compiled (a group mapping only when the target takes groups). */
export function compileJobMappings(app: AppInfo, job: Job): CycleContext['mappings'] {
  const compiled = compileMappings(job.mappings);
  if (!compiled.ok)
    throw new ProvisioningError(
      'invalid',
      `the mappings do not compile: ${compiled.issues[0]?.message}`,
      'mappings',
      compiled.issues,
    );
  return {
    ...(compiled.value.bySource.user && { user: compiled.value.bySource.user }),
    ...(compiled.value.bySource.group &&
      app.limits.groups && { group: compiled.value.bySource.group }),
  };
}

export interface CycleParts {
  app: AppInfo;
  job: Job;
  cycleId: string;
  kind: CycleKind;
  dryRun: boolean;
  mappings: CycleContext['mappings'];
  client: ScimClient;
  capabilities: TargetCapabilities;
  links: CycleLinks;
  recorder: CycleRecorder;
  signal: AbortSignal | undefined;
  heartbeat: () => Promise<void>;
  /** Who is in scope, when the caller loaded it already (workers keep it per cycle). */
  scope?: AssignmentScope;
}

/**
 * Everything a cycle works with, once its target is known: the writer (Bulk when the job uses it
 * and the target advertises it), who is in scope, the match settings. The in-process cycle
 * builds one per cycle; workers build one per page (src/engine/workers).
 */
export async function openCycleContext(deps: CycleDeps, parts: CycleParts): Promise<CycleContext> {
  const { job, capabilities, client, dryRun } = parts;
  const bulk = job.settings.useBulk && capabilities.bulk.supported;
  return {
    store: deps.store,
    app: parts.app,
    job,
    cycleId: parts.cycleId,
    kind: parts.kind,
    dryRun,
    clock: deps.clock,
    mappings: parts.mappings,
    scope:
      parts.scope ??
      (await loadAssignmentScope(deps.store, parts.app, {
        all: job.settings.scope === 'all',
        flatten: job.settings.flattenNestedGroups,
      })),
    client,
    writer: createTargetWriter(client, {
      mode: dryRun ? 'dryRun' : bulk ? 'bulk' : 'single',
      maxOperations: capabilities.bulk.maxOperations,
    }),
    links: parts.links,
    recorder: parts.recorder,
    match: {
      batching: true,
      chunkSize: 50,
      maxResults: capabilities.filter.maxResults || 100,
    },
    deprovisions: [],
    claims: new Map(),
    aheadRuns: new Map(),
    candidates: undefined,
    pageSize: deps.pageSize ?? 500,
    memberBatchSize: 100,
    signal: parts.signal,
    heartbeat: parts.heartbeat,
    log: deps.log,
  };
}

/**
 * The end of a cycle, whoever ran it: its row (status, progress, counts, window), the job's
 * watermark, statistics and next run (not for dry runs), the cycle:finished event and a log line.
 */
export async function endCycle(
  deps: CycleDeps,
  job: Job,
  report: CycleReport,
  outcome: CycleOutcome | undefined,
): Promise<void> {
  const { status, cycleId, kind, dryRun } = report;
  await deps.store.provisioning.cycles.update(cycleId, {
    status,
    finished: report.finished,
    done: report.done,
    total: report.total,
    counts: report.counts,
    error: report.error,
    watermarkTo: status === 'succeeded' ? report.watermark : null,
  });
  if (!dryRun) await finishJob(deps, job, report, outcome);
  deps.events.emit('cycle:finished', { appId: report.appId, report });
  deps.log.info(
    {
      appId: report.appId,
      cycleId,
      kind,
      status,
      durationMs: report.durationMs,
      counts: report.counts,
      dryRun,
    },
    `provisioning cycle ${status}`,
  );
}

export async function runCycle(
  deps: CycleDeps,
  appRef: string,
  options: RunCycleOptions = {},
): Promise<CycleReport> {
  const { store, clock, events } = deps;
  const dryRun = options.dryRun ?? false;
  const app = await findApp(store, appRef);
  const { job } = await deps.jobs.load(app.id);
  if (job.settings.mode !== 'automatic')
    throw new ProvisioningError(
      'invalid',
      'the provisioning mode is manual: set it to automatic to run cycles',
      'mode',
    );
  const credentials = openCredentials(job.credentials, deps.secretBox);
  const mappings = compileJobMappings(app, job);
  // Unique per cycle: two cycles of one process must not share a lease either.
  const owner = `${options.owner ?? defaultOwner()}/${crypto.randomUUID().slice(0, 8)}`;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const lease = () => {
    const now = clock();
    return store.provisioning.jobs.claim(
      app.id,
      owner,
      new Date(now.getTime() + leaseMs).toISOString(),
      now.toISOString(),
    );
  };
  if (!dryRun && !(await lease()))
    throw new ProvisioningError(
      'conflict',
      `a cycle of ${app.name} is running already (by ${job.leaseOwner ?? 'another process'})`,
      'app',
    );

  const cycleId = crypto.randomUUID();
  const kind = job.initialPending ? 'initial' : 'incremental';
  const startedAt = clock();
  const started = performance.now();
  try {
    await store.provisioning.cycles.create({
      id: cycleId,
      appId: app.id,
      kind,
      dryRun,
      status: 'running',
      started: startedAt.toISOString(),
      finished: null,
      done: 0,
      total: 0,
      counts: {},
      error: null,
      watermarkFrom: kind === 'initial' ? 0 : job.watermark,
      watermarkTo: null,
    });
    events.emit('cycle:started', { appId: app.id, cycleId, kind, dryRun });

    const client = openTargetClient(credentials, app.limits, deps);
    const recorder = createCycleRecorder({ store, appId: app.id, cycleId, dryRun, clock, events });
    const links = createCycleLinks(store.provisioning.links, app.id, cycleId, { dryRun });
    let outcome: CycleOutcome | undefined;
    let status: CycleReport['status'] = 'succeeded';
    let error: string | null = null;
    try {
      const capabilities = await client.discover();
      const context = await openCycleContext(deps, {
        app,
        job,
        cycleId,
        kind,
        dryRun,
        mappings,
        client,
        capabilities,
        links,
        recorder,
        signal: options.signal,
        heartbeat: async () => {
          if (!dryRun) await lease();
        },
      });
      outcome =
        kind === 'initial' ? await runInitialCycle(context) : await runIncrementalCycle(context);
      if (outcome.hold) {
        status = 'held';
        error = `TooManyDeletes: ${outcome.hold.count} disables and deletes, more than the threshold of ${outcome.hold.threshold}; allow the deletes or fix the cause and restart`;
      }
    } catch (failure) {
      if (failure instanceof CycleStopped) {
        status = 'stopped';
        error = failure.message;
      } else {
        status = 'failed';
        error = isSyncError(failure)
          ? `${(failure as SyncError).message}`
          : failure instanceof Error
            ? failure.message
            : String(failure);
        if (!isSyncError(failure))
          deps.log.error({ err: failure, appId: app.id, cycleId }, 'provisioning cycle failed');
      }
    }
    try {
      await links.flush();
    } finally {
      await recorder.flush(true);
    }
    const finished = clock();
    const progress = recorder.progress();
    const report: CycleReport = {
      cycleId,
      appId: app.id,
      kind,
      dryRun,
      status,
      started: startedAt.toISOString(),
      finished: finished.toISOString(),
      durationMs: Math.round(performance.now() - started),
      ...progress,
      counts: { ...recorder.counts },
      error,
      watermark: outcome?.watermark ?? job.watermark,
      more: outcome?.more ?? false,
      ...(dryRun && { entries: recorder.dryRunEntries }),
    };
    await endCycle(deps, job, report, outcome);
    return report;
  } finally {
    if (!dryRun) await store.provisioning.jobs.release(app.id, owner);
  }
}
