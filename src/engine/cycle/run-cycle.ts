/**
 * One provisioning cycle of one app, start to end: the job read, its mappings compiled, the
 * lease taken (one cycle per app at a time, across processes), the cycle recorded as running,
 * the target client and writer chosen (Bulk when the job allows it and the target advertises
 * it), then the initial or incremental cycle; at the end the cycle row, the job's watermark
 * (only when the cycle went through), statistics and next run are written and the lease given
 * back. A `stop` failure (credentials, Tenant URL) or an unexpected error ends the cycle as
 * failed; a stop request (job switched off) as stopped; too many deletes as held. Every real
 * cycle is judged for quarantine (end-cycle.ts, cycle-health.ts): its state, the next attempt, turning the
 * job off after four weeks, and the notification email. A dry run reads the target but writes
 * neither to it nor to the store (but its own cycle row).
 *
 * Example: const report = await runCycle(deps, 'Wrike', { dryRun: true });
 */
import { hostname } from 'node:os';
import { isSyncError, type ScimClient } from '../../client/index.ts';
import type { Store } from '../../store/store.ts';
import type { QuarantinePolicy } from '../../sync/index.ts';
import { findApp } from '../app-info.ts';
import { ProvisioningError } from '../engine-error.ts';
import type { EngineEvents } from '../events.ts';
import type { Jobs } from '../jobs.ts';
import type { Notifier } from '../notifier.ts';
import { openTargetClient, type TargetClientDeps } from '../target-client.ts';
import { CycleStopped, type EngineLog } from './cycle-context.ts';
import { createCycleLinks } from './cycle-links.ts';
import { createCycleRecorder } from './cycle-recorder.ts';
import type { CycleReport } from './cycle-report.ts';
import { endCycle } from './end-cycle.ts';
import { runIncrementalCycle } from './incremental-cycle.ts';
import { type CycleOutcome, runInitialCycle } from './initial-cycle.ts';
import { closeInterrupted } from './interrupted-cycles.ts';
import { leaseOf, openCycleContext, recordRunningCycle, runnableJob } from './open-context.ts';

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

export async function runCycle(
  deps: CycleDeps,
  appRef: string,
  options: RunCycleOptions = {},
): Promise<CycleReport> {
  const { store, clock, events } = deps;
  const dryRun = options.dryRun ?? false;
  const app = await findApp(store, appRef);
  const { job } = await deps.jobs.load(app.id);
  const { credentials, mappings } = runnableJob(app, job, deps.secretBox, 'run cycles');
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
    await recordRunningCycle(store, {
      id: cycleId,
      appId: app.id,
      kind,
      dryRun,
      started: startedAt.toISOString(),
      watermarkFrom: kind === 'initial' ? 0 : job.watermark,
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
