/**
 * The coordinator of a cycle on workers: a short job that takes the job's lease (for the cycle,
 * not for a process), records the cycle, works out what it covers — initial: every object in
 * scope; incremental: the coalesced change window — splits that into pages and stores the plan
 * with them in one transaction. The pages and the watcher are then queued by the caller. A cycle
 * whose workers all died (its plan is still open, its lease ran out) is resumed, not restarted.
 *
 * Example: const started = await startCycle(deps, appId); // { cycleId, pages: [...] } | { resumed } | undefined
 */
import type { PageKey } from '../../store/store.ts';
import { findApp } from '../app-info.ts';
import { loadAssignmentScope } from '../assignment-scope.ts';
import { readChangeWindow } from '../cycle/incremental-cycle.ts';
import { closeInterrupted } from '../cycle/interrupted-cycles.ts';
import { recordRunningCycle, runnableJob } from '../cycle/open-context.ts';
import { type CyclePlan, chunked, type PageWork, pageRecords, splitObjects } from './page-work.ts';
import { cycleOwner, type WorkerDeps } from './worker-deps.ts';

export type StartedCycle =
  | { cycleId: string; pages: PageKey[] }
  | { resumed: string }
  | { running: string }
  | undefined;

async function activeIds(deps: WorkerDeps, type: 'user' | 'group'): Promise<string[]> {
  const ids: string[] = [];
  const size = 1000;
  if (type === 'user') {
    let after: string | undefined;
    for (;;) {
      const page = await deps.store.directory.users.scan(after, size, 'active');
      ids.push(...page.map((r) => r.id));
      if (page.length < size) return ids;
      after = page.at(-1)!.id;
    }
  }
  for (let start = 1; ; start += size) {
    const page = await deps.store.directory.groups.list({
      state: 'active',
      startIndex: start,
      count: size,
    });
    ids.push(...page.records.map((r) => r.id));
    if (page.records.length < size) return ids;
  }
}

export async function startCycle(
  deps: WorkerDeps,
  appRef: string,
  options: { manual?: boolean } = {},
): Promise<StartedCycle> {
  const { store, clock, timing } = deps;
  const work = store.provisioning.work;
  const app = await findApp(store, appRef);
  const { job } = await deps.jobs.load(app.id);
  if (!options.manual && !job.enabled) return undefined;
  const { mappings } = runnableJob(app, job, deps.secretBox, 'run cycles');
  const now = clock();
  const until = new Date(now.getTime() + timing.leaseMs).toISOString();
  const leaseFree = job.leaseUntil === null || job.leaseUntil < now.toISOString();

  const open = await work.openPlans(app.id);
  const owning = open.find((p) => job.leaseOwner === cycleOwner(p.cycleId));
  if (owning && !leaseFree) return { running: owning.cycleId };
  if (!leaseFree) return undefined; // a cycle run elsewhere (in-process, run --once)
  const orphan = owning ?? open[0];
  if (orphan) {
    // Every worker of this cycle died (its lease ran out): carry it on where its pages are.
    if (
      !(await store.provisioning.jobs.claim(
        app.id,
        cycleOwner(orphan.cycleId),
        until,
        now.toISOString(),
      ))
    )
      return undefined;
    return { resumed: orphan.cycleId };
  }

  const cycleId = crypto.randomUUID();
  if (!(await store.provisioning.jobs.claim(app.id, cycleOwner(cycleId), until, now.toISOString())))
    return undefined;
  // No plan is open and the lease is ours: a cycle row still running was interrupted.
  await closeInterrupted(store, app.id, clock);
  const kind = job.initialPending ? 'initial' : 'incremental';
  try {
    await recordRunningCycle(store, {
      id: cycleId,
      appId: app.id,
      kind,
      dryRun: false,
      started: now.toISOString(),
      watermarkFrom: kind === 'initial' ? 0 : job.watermark,
    });
    deps.events.emit('cycle:started', { appId: app.id, cycleId, kind, dryRun: false });
    const size = deps.pageSize ?? 500;
    const scope = await loadAssignmentScope(store, app, {
      all: job.settings.scope === 'all',
      flatten: job.settings.flattenNestedGroups,
    });
    const sync: PageWork[] = [];
    const members: PageWork[] = [];
    let watermark: number;
    let more = false;
    let total = 0;
    if (kind === 'initial') {
      watermark = await store.directory.changes.head();
      if (mappings.user) {
        const ids = scope.all ? await activeIds(deps, 'user') : await scope.assignedUserIds();
        sync.push(...splitObjects('user', ids, size, { assigned: true, claims: true }));
        total += ids.length;
      }
      if (mappings.group) {
        const ids = scope.all ? await activeIds(deps, 'group') : scope.assignedGroupIds();
        sync.push(...splitObjects('group', ids, size, { assigned: true }));
        total += ids.length;
      }
    } else {
      const window = await readChangeWindow({ store, scope, app, job, mappings, clock });
      watermark = window.at;
      more = window.at < window.head;
      for (const [type, objects] of [
        ['user', window.users],
        ['group', window.groups],
      ] as const) {
        if (!mappings[type]) continue;
        const ids = [...objects.keys()];
        sync.push(
          ...splitObjects(type, ids, size, {
            changes: [...objects.values()],
            retries: ids.map((id) => window.retries.get(`${type}:${id}`) ?? null),
          }),
        );
        total += objects.size;
      }
      if (mappings.group && window.members.size > 0) {
        for (const part of chunked([...window.members], size))
          members.push({ kind: 'members', groups: part.map(([id, deltas]) => [id, [...deltas]]) });
        total += window.members.size;
      }
    }
    const plan: CyclePlan = {
      kind,
      job,
      started: now.toISOString(),
      watermark,
      more,
      total,
      types: (['user', 'group'] as const).filter((t) => mappings[t] !== undefined),
      enabledAtStart: job.enabled,
    };
    const at = now.toISOString();
    const rows = [
      ...pageRecords(cycleId, app.id, 'sync', sync, at),
      ...pageRecords(cycleId, app.id, 'members', members, at),
    ];
    await work.createPlan(
      {
        cycleId,
        appId: app.id,
        phase: 'sync',
        plan: plan as unknown as Record<string, unknown>,
        outcome: {},
        created: at,
        updated: at,
      },
      rows,
    );
    await store.provisioning.cycles.update(cycleId, { total });
    return { cycleId, pages: rows.filter((r) => r.phase === 'sync') };
  } catch (error) {
    await store.provisioning.cycles.update(cycleId, {
      status: 'failed',
      finished: clock().toISOString(),
      error: error instanceof Error ? error.message : String(error),
    });
    await store.provisioning.jobs.release(app.id, cycleOwner(cycleId));
    throw error;
  }
}
