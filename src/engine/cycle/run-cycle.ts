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
import { isSyncError, type SyncError } from '../../client/index.ts';
import { isStoreError, type Store } from '../../store/store.ts';
import { compileMappings } from '../../sync/index.ts';
import { findApp } from '../app-info.ts';
import { ProvisioningError } from '../engine-error.ts';
import type { EngineEvents } from '../events.ts';
import { type Job, type JobState, jobOf } from '../job-record.ts';
import type { Jobs } from '../jobs.ts';
import { openCredentials, openTargetClient, type TargetClientDeps } from '../target-client.ts';
import { CycleStopped, type EngineLog } from './cycle-context.ts';
import { createCycleLinks } from './cycle-links.ts';
import { createCycleRecorder } from './cycle-recorder.ts';
import type { CycleReport } from './cycle-report.ts';
import { runIncrementalCycle } from './incremental-cycle.ts';
import { type CycleOutcome, runInitialCycle } from './initial-cycle.ts';
import { closeInterrupted } from './interrupted-cycles.ts';
import { leaseOf, openCycleContext, targetMappings } from './open-context.ts';

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
  const compiled = compileMappings(job.mappings);
  if (!compiled.ok)
    throw new ProvisioningError(
      'invalid',
      `the mappings do not compile: ${compiled.issues[0]?.message}`,
      'mappings',
      compiled.issues,
    );
  // Unique per cycle: two cycles of one process must not share a lease either.
  const owner = `${options.owner ?? defaultOwner()}/${crypto.randomUUID().slice(0, 8)}`;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const lease = leaseOf(store, app.id, owner, leaseMs, clock);
  if (!dryRun && !(await lease()))
    throw new ProvisioningError(
      'conflict',
      `a cycle of ${app.name} is running already (by ${job.leaseOwner ?? 'another process'})`,
      'app',
    );

  if (!dryRun) await closeInterrupted(store, app.id, clock);
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
    const mappings = targetMappings(compiled.value, app);
    let outcome: CycleOutcome | undefined;
    let status: CycleReport['status'] = 'succeeded';
    let error: string | null = null;
    try {
      const context = await openCycleContext({
        store,
        app,
        job,
        cycleId,
        kind,
        dryRun,
        clock,
        mappings,
        client,
        capabilities: await client.discover(),
        links,
        recorder,
        pageSize: deps.pageSize ?? 500,
        signal: options.signal,
        heartbeat: async () => {
          if (!dryRun) await lease();
        },
        log: deps.log,
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
    await store.provisioning.cycles.update(cycleId, {
      status,
      finished: report.finished,
      ...progress,
      counts: report.counts,
      error,
      watermarkTo: status === 'succeeded' ? report.watermark : null,
    });
    if (!dryRun) await finishJob(deps, job, report, outcome);
    events.emit('cycle:finished', { appId: app.id, report });
    deps.log.info(
      {
        appId: app.id,
        cycleId,
        kind,
        status,
        durationMs: report.durationMs,
        counts: report.counts,
        dryRun,
      },
      `provisioning cycle ${status}`,
    );
    return report;
  } finally {
    if (!dryRun) await store.provisioning.jobs.release(app.id, owner);
  }
}
