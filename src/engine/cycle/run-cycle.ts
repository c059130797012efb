/**
 * One provisioning cycle of one app, start to end: the job read, its mappings compiled, the
 * lease taken (one cycle per app at a time, across processes), the cycle recorded as running,
 * the target client and writer chosen (Bulk when the job allows it and the target advertises
 * it), then the initial or incremental cycle; at the end the cycle row, the job's watermark
 * (only when the cycle went through), statistics and next run are written and the lease given
 * back. A `stop` failure (credentials, Tenant URL) or an unexpected error ends the cycle as
 * failed; a stop request (job switched off) as stopped; too many deletes as held. Every real
 * cycle is judged for quarantine (cycle-health.ts): its state, the next attempt, turning the
 * job off after four weeks, and the notification email. A dry run reads the target but writes
 * neither to it nor to the store (but its own cycle row).
 *
 * Example: const report = await runCycle(deps, 'Wrike', { dryRun: true });
 */
import { hostname } from 'node:os';
import { isSyncError, type ScimClient } from '../../client/index.ts';
import { isStoreError, type Store } from '../../store/store.ts';
import {
  defaultQuarantinePolicy,
  type Quarantine,
  type QuarantineEvent,
  type QuarantinePolicy,
} from '../../sync/index.ts';
import { findApp } from '../app-info.ts';
import { ProvisioningError } from '../engine-error.ts';
import type { EngineEvents } from '../events.ts';
import type { JobNotice } from '../job-notice.ts';
import { type Job, type JobState, jobOf } from '../job-record.ts';
import type { Jobs } from '../jobs.ts';
import type { Notifier } from '../notifier.ts';
import { openCredentials, openTargetClient, type TargetClientDeps } from '../target-client.ts';
import { CycleStopped, type EngineLog } from './cycle-context.ts';
import { type CycleCalls, judgeCycle } from './cycle-health.ts';
import { createCycleLinks } from './cycle-links.ts';
import { createCycleRecorder } from './cycle-recorder.ts';
import type { CycleReport } from './cycle-report.ts';
import { runIncrementalCycle } from './incremental-cycle.ts';
import { type CycleOutcome, runInitialCycle } from './initial-cycle.ts';
import { closeInterrupted } from './interrupted-cycles.ts';
import { compileJobMappings, leaseOf, openCycleContext } from './open-context.ts';

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
  /** Quarantine thresholds and times; default Entra's (defaultQuarantinePolicy). */
  quarantinePolicy?: QuarantinePolicy;
  /** Sends the notification emails; none: nobody is told. */
  notifier?: Notifier;
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

interface FinishedJob {
  job: Job;
  notices: JobNotice[];
  event: QuarantineEvent;
  quarantine: Quarantine | null;
  nextAttemptAt: string | null;
}

/**
 * Writes the end of a real (not dry) cycle into the job, retrying when an admin wrote
 * meanwhile: statistics, hold, quarantine and schedule. Returns what to tell the admin.
 */
async function finishJob(
  deps: CycleDeps,
  start: Job,
  report: CycleReport,
  outcome: CycleOutcome | undefined,
  calls: CycleCalls,
): Promise<FinishedJob | undefined> {
  const jobs = deps.store.provisioning.jobs;
  const policy = deps.quarantinePolicy ?? defaultQuarantinePolicy;
  for (let attempt = 0; ; attempt++) {
    const record = await jobs.get(start.appId);
    if (!record) return undefined;
    const job = jobOf(record);
    const succeeded = report.status === 'succeeded';
    const held = report.status === 'held';
    const judged = judgeCycle(job.state, calls, new Date(report.finished), policy);
    // Turned off only when it was on (a job an admin had turned off keeps its own reason).
    const disable = judged.disable && job.enabled;
    const event = judged.disable && !disable ? 'none' : judged.event;
    const state: JobState = {
      ...job.state,
      ...judged.state,
      disabledReason: disable ? judged.state.disabledReason : job.state.disabledReason,
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
        quarantine: start.state.quarantine,
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
    // A run ahead of schedule keeps the schedule, unless quarantine sets (or lifts) one; a
    // schedule an admin changed during the cycle is always kept.
    const quarantineSchedule = judged.nextRunAt !== null || judged.event === 'lifted';
    const rescheduled =
      job.nextRunAt !== null &&
      job.nextRunAt > report.started &&
      (job.nextRunAt !== start.nextRunAt || !quarantineSchedule);
    const next =
      judged.nextRunAt ??
      new Date(
        Date.parse(report.finished) + (report.more ? 1000 : job.settings.intervalSeconds * 1000),
      );
    try {
      const updated = await jobs.update(
        job.appId,
        {
          state: state as unknown as Record<string, unknown>,
          ...(succeeded && outcome && { watermark: outcome.watermark }),
          ...(succeeded && report.kind === 'initial' && { initialVersion: start.configVersion }),
          ...(job.enabled && !rescheduled && { nextRunAt: held ? null : next.toISOString() }),
          ...(disable && { enabled: false, nextRunAt: null }),
        },
        job.version,
      );
      deps.events.emit('job:changed', { appId: job.appId });
      const q = state.quarantine;
      const nextAttemptAt = judged.nextRunAt?.toISOString() ?? null;
      const notices: JobNotice[] = [];
      if (event === 'entered' && q)
        notices.push({ kind: 'quarantined', quarantine: q, nextAttemptAt });
      if (event === 'reasonChanged' && q && job.state.quarantine)
        notices.push({
          kind: 'quarantineReasonChanged',
          previous: job.state.quarantine.reason,
          quarantine: q,
          nextAttemptAt,
        });
      if (disable && q)
        notices.push({
          kind: 'disabled',
          quarantine: q,
          disabledReason: state.disabledReason ?? '',
        });
      if (held && state.hold) notices.push({ kind: 'tooManyDeletes', hold: state.hold });
      return { job: jobOf(updated), notices, event, quarantine: q, nextAttemptAt };
    } catch (error) {
      if (!isStoreError(error, 'conflict') || attempt >= 10) throw error;
    }
  }
}

const quarantineMessages: Partial<Record<QuarantineEvent, string>> = {
  entered: 'provisioning job entered quarantine',
  reasonChanged: 'provisioning job is still in quarantine, for another reason',
  lifted: 'provisioning job left quarantine: the cycle went through',
  disabled: 'provisioning job turned off after four weeks in quarantine',
};

/** Logs the quarantine change and sends the notification emails; never throws. */
async function tell(
  deps: CycleDeps,
  app: { id: string; name: string },
  finished: FinishedJob,
): Promise<void> {
  const message = quarantineMessages[finished.event];
  if (message)
    deps.log[finished.event === 'lifted' ? 'info' : 'warn'](
      {
        appId: app.id,
        quarantine: finished.quarantine,
        nextAttemptAt: finished.nextAttemptAt,
        ...(finished.event === 'disabled' && { disabledReason: finished.job.state.disabledReason }),
      },
      message,
    );
  for (const notice of finished.notices) {
    try {
      await deps.notifier?.notify(
        { appId: app.id, appName: app.name, settings: finished.job.settings },
        notice,
      );
    } catch (error) {
      deps.log.error({ err: error, appId: app.id }, 'the notification failed');
    }
  }
}

/**
 * The end of a cycle, whoever ran it (this process, or the finishing job on workers): its row
 * (status, progress, counts, window); unless a dry run, the job's watermark, statistics, next
 * run and quarantine (judged from `calls`), noted on the report; the cycle:finished event, a
 * log line, and the notification emails.
 *
 * Example: await endCycle(deps, app, job, report, outcome, { calls: 12, failedCalls: 0, outcomes, escrowsLeft: 0 });
 */
export async function endCycle(
  deps: CycleDeps,
  app: { id: string; name: string },
  job: Job,
  report: CycleReport,
  outcome: CycleOutcome | undefined,
  calls: CycleCalls,
): Promise<void> {
  const { cycleId, kind, status, dryRun } = report;
  await deps.store.provisioning.cycles.update(cycleId, {
    status,
    finished: report.finished,
    done: report.done,
    total: report.total,
    counts: report.counts,
    error: report.error,
    watermarkTo: status === 'succeeded' ? report.watermark : null,
  });
  const ranIn = job.state.quarantine;
  const finishedJob = dryRun ? undefined : await finishJob(deps, job, report, outcome, calls);
  if (finishedJob)
    report.quarantine = {
      ranIn,
      event: finishedJob.event,
      now: finishedJob.quarantine,
      nextAttemptAt: finishedJob.nextAttemptAt,
    };
  deps.events.emit('cycle:finished', { appId: app.id, report });
  deps.log.info(
    {
      appId: app.id,
      cycleId,
      kind,
      status,
      durationMs: report.durationMs,
      counts: report.counts,
      dryRun,
      calls: calls.calls,
      failedCalls: calls.failedCalls,
      ...(report.quarantine && { quarantine: report.quarantine }),
    },
    `provisioning cycle ${status}${ranIn && !dryRun ? ` (an attempt in quarantine: ${ranIn.reason})` : ''}`,
  );
  if (finishedJob) await tell(deps, app, finishedJob);
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
    const ranIn = job.state.quarantine;
    if (ranIn && !dryRun)
      deps.log.info(
        {
          appId: app.id,
          cycleId,
          kind,
          quarantine: ranIn,
          disabledReason: job.state.disabledReason,
        },
        `provisioning cycle started as an attempt in quarantine (${ranIn.reason} since ${ranIn.since}: ${ranIn.detail})`,
      );

    let client: ScimClient | undefined;
    let stop: { detail: string } | undefined;
    const recorder = createCycleRecorder({ store, appId: app.id, cycleId, dryRun, clock, events });
    const links = createCycleLinks(store.provisioning.links, app.id, cycleId, { dryRun });
    let outcome: CycleOutcome | undefined;
    let status: CycleReport['status'] = 'succeeded';
    let error: string | null = null;
    try {
      client = openTargetClient(credentials, app.limits, deps);
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
        error = failure instanceof Error ? failure.message : String(failure);
        if (isSyncError(failure) && failure.kind === 'stop') stop = { detail: failure.message };
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
    const stats = client?.stats() ?? { requests: 0, failures: 0 };
    await endCycle(deps, app, job, report, outcome, {
      calls: stats.requests,
      failedCalls: stats.failures,
      ...(stop && { stop }),
      outcomes: { ...recorder.outcomes },
      escrowsLeft: dryRun ? 0 : await store.provisioning.escrows.count(app.id),
    });
    return report;
  } finally {
    if (!dryRun) await store.provisioning.jobs.release(app.id, owner);
  }
}
