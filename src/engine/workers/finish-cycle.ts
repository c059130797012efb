/**
 * The end of a cycle on workers, run once as the last page: the report summed from the pages
 * (objects done, log entries by action and status), the status (failed, stopped, held by the
 * accidental-deletion check, or succeeded), then endCycle — the cycle row, the job's watermark,
 * statistics and next run — unless an earlier run of this page got that far (the job's last
 * cycle is this one), the job's lease freed, the cycle's work dropped, the next cycle queued.
 * Every step can run twice without harm, so a finish whose worker died simply runs again.
 *
 * Example: await finishCycle(deps, planRecord, stopHeartbeat);
 */
import type { CyclePlanRecord } from '../../store/store.ts';
import { findApp } from '../app-info.ts';
import type { CycleReport } from '../cycle/cycle-report.ts';
import type { DeletionHold } from '../cycle/deprovision.ts';
import { endCycle } from '../cycle/end-cycle.ts';
import { jobOf } from '../job-record.ts';
import type { CycleOutcomeState, CyclePlan } from './page-work.ts';
import { cycleOwner, type WorkerDeps } from './worker-deps.ts';

/** Objects done and log entries by action and status, over the pages' commits. */
export function sumPages(pages: { done: number; counts: Record<string, number> }[]) {
  let done = 0;
  const counts: Record<string, number> = {};
  for (const page of pages) {
    done += page.done;
    for (const [name, n] of Object.entries(page.counts)) counts[name] = (counts[name] ?? 0) + n;
  }
  return { done, counts };
}

export async function finishCycle(
  deps: WorkerDeps,
  record: CyclePlanRecord,
  stopHeartbeat: () => void,
): Promise<void> {
  const { store, clock } = deps;
  const work = store.provisioning.work;
  const plan = record.plan as unknown as CyclePlan;
  const outcome = record.outcome as CycleOutcomeState;
  const pages = await work.pages(record.cycleId);
  const { done, counts } = sumPages(pages);
  const hold = pages.find((p) => p.phase === 'deprovision' && p.result?.hold)?.result?.hold as
    | DeletionHold
    | undefined;
  const status: CycleReport['status'] = outcome.failure
    ? 'failed'
    : outcome.stopped
      ? 'stopped'
      : hold
        ? 'held'
        : 'succeeded';
  const error =
    outcome.failure ??
    outcome.stopped ??
    (hold
      ? `TooManyDeletes: ${hold.count} disables and deletes, more than the threshold of ${hold.threshold}; allow the deletes or fix the cause and restart`
      : null);
  const finished = clock();
  const report: CycleReport = {
    cycleId: record.cycleId,
    appId: record.appId,
    kind: plan.kind,
    dryRun: false,
    status,
    started: plan.started,
    finished: finished.toISOString(),
    durationMs: Math.max(0, finished.getTime() - Date.parse(plan.started)),
    done,
    total: Math.max(plan.total, done),
    counts,
    error,
    watermark: plan.watermark,
    more: plan.more,
  };
  const live = await store.provisioning.jobs.get(record.appId);
  if (live && jobOf(live).state.lastCycle?.id !== record.cycleId) {
    // Quarantine's view of the cycle: its pages' writes (each page's client is its own, so the
    // objects stand for the calls), and the stop failure that ended it.
    const successes = counts.Success ?? 0;
    const failures = counts.Failure ?? 0;
    const app = await findApp(store, record.appId);
    await endCycle(
      deps,
      app,
      plan.job,
      report,
      { watermark: plan.watermark, more: plan.more, hold },
      {
        calls: successes + failures,
        failedCalls: failures,
        ...(outcome.stop && outcome.failure && { stop: { detail: outcome.failure } }),
        outcomes: { successes, failures, referenceFailures: 0 },
        escrowsLeft: await store.provisioning.escrows.count(record.appId),
      },
    );
  }
  stopHeartbeat();
  await store.provisioning.jobs.release(record.appId, cycleOwner(record.cycleId));
  await work.clear(record.cycleId);
  const next = await store.provisioning.jobs.get(record.appId);
  if (next?.enabled && next.nextRunAt)
    await deps.queue.cycle(record.appId, new Date(next.nextRunAt));
}
