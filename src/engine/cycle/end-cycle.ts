/**
 * The end of a cycle, whoever ran it (runCycle in this process, or the finishing job on
 * workers): the cycle row; unless a dry run, the job's statistics, hold, schedule and quarantine
 * (judged from the cycle's calls, cycle-health.ts), retried when an admin wrote the job
 * meanwhile; the cycle:finished event, a log line, and the notification emails.
 *
 * Example: await endCycle(deps, app, job, report, outcome, { calls: 12, failedCalls: 0, outcomes, escrowsLeft: 0 });
 */
import { isStoreError } from '../../store/store.ts';
import {
  defaultQuarantinePolicy,
  type Quarantine,
  type QuarantineEvent,
} from '../../sync/index.ts';
import type { JobNotice } from '../job-notice.ts';
import { type Job, type JobState, jobOf } from '../job-record.ts';
import { type CycleCalls, judgeCycle } from './cycle-health.ts';
import type { CycleReport } from './cycle-report.ts';
import type { CycleOutcome } from './initial-cycle.ts';
import type { CycleDeps } from './run-cycle.ts';

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
