/**
 * The watcher of a cycle on workers: a short job that runs every few seconds (and after each
 * page) while the cycle lasts. It keeps the job's lease, notices a stop (the job switched off),
 * puts pages whose lease ran out (their worker died) back in the queue — and pending pages
 * whose queue job was lost — writes the progress summed from the pages, and once every page of
 * the phase is done moves the cycle to its next phase (only one watcher can) and queues its pages.
 *
 * Example: const { again } = await watchCycle(deps, cycleId); // false once the cycle is gone
 */
import type { CyclePhase, PageKey } from '../../store/store.ts';
import { jobOf } from '../job-record.ts';
import { sumPages } from './finish-cycle.ts';
import { nextPhase } from './next-phase.ts';
import { type CycleOutcomeState, type CyclePlan, pageRecords } from './page-work.ts';
import { cycleOwner, type WorkerDeps } from './worker-deps.ts';

const terminal = new Set(['done', 'failed', 'cancelled']);

export async function watchCycle(deps: WorkerDeps, cycleId: string): Promise<{ again: boolean }> {
  const { store, clock, timing, queue } = deps;
  const work = store.provisioning.work;
  let record = await work.getPlan(cycleId);
  if (!record || record.phase === 'done') return { again: false };
  const plan = record.plan as unknown as CyclePlan;
  const phase = record.phase as CyclePhase;
  const now = clock();
  const live = await store.provisioning.jobs.get(record.appId);
  if (!live) return { again: false };
  const job = jobOf(live);
  const outcome = record.outcome as CycleOutcomeState;
  if (phase !== 'finish') {
    const held = await store.provisioning.jobs.claim(
      record.appId,
      cycleOwner(cycleId),
      new Date(now.getTime() + timing.leaseMs).toISOString(),
      now.toISOString(),
    );
    if (!held && !outcome.failure)
      await work.setOutcome(cycleId, {
        failure: `the cycle lost the job's lease to ${job.leaseOwner ?? 'another cycle'}`,
      });
    if (plan.enabledAtStart && !job.enabled && !outcome.stopped)
      await work.setOutcome(cycleId, { stopped: 'provisioning was stopped' });
    record = (await work.getPlan(cycleId)) ?? record;
  }
  const ending = Boolean(
    (record.outcome as CycleOutcomeState).failure || (record.outcome as CycleOutcomeState).stopped,
  );
  if (ending && phase !== 'finish') await work.cancelPending(cycleId, phase);

  const enqueue: PageKey[] = await work.requeueExpired(cycleId, now.toISOString());
  if (enqueue.length > 0)
    deps.log.warn(
      { cycleId, pages: enqueue.length },
      'pages whose worker stopped renewing them run again',
    );
  const all = await work.pages(cycleId);
  const current = all.filter((p) => p.phase === phase);
  const stale = now.getTime() - timing.requeueMs;
  for (const page of current)
    if (
      page.status === 'pending' &&
      Date.parse(page.updated) < stale &&
      !enqueue.some((k) => k.seq === page.seq)
    )
      enqueue.push(page);
  const { done, counts } = sumPages(all);
  await store.provisioning.cycles.update(cycleId, {
    done,
    total: Math.max(plan.total, done),
    counts,
  });

  if (current.every((p) => terminal.has(p.status))) {
    const failed = current.find((p) => p.status === 'failed');
    if (failed && !ending) {
      await work.setOutcome(cycleId, { failure: failed.error ?? `page ${failed.seq} failed` });
      record = (await work.getPlan(cycleId)) ?? record;
    }
    if (phase !== 'finish') {
      const next = await nextPhase(deps, record, phase);
      const rows = pageRecords(cycleId, record.appId, next.phase, next.works, now.toISOString());
      if (await work.advance(cycleId, phase, next.phase, rows)) {
        const planned =
          rows.length > 0
            ? rows
            : (await work.pages(cycleId, next.phase)).filter((p) => p.status === 'pending');
        enqueue.push(...planned);
      }
    }
  }
  if (enqueue.length > 0)
    await queue.pages(
      record.appId,
      enqueue.map((k) => ({ cycleId: k.cycleId, phase: k.phase, seq: k.seq })),
    );
  return { again: true };
}
