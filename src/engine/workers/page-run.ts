/**
 * One page job on a worker: take the page (its lease), keep the lease and the job's lease
 * alive while it works, do its work — objects, member deltas, references, deprovisions, or the
 * cycle's finish — and commit what it wrote in one transaction. A page that fails unexpectedly
 * is given back and tried again (up to timing.maxAttempts); a `stop` failure (credentials,
 * Tenant URL) fails the cycle. A page whose lease ran out commits nothing: another worker has it.
 *
 * Example: const result = await runPage(deps, cache, { cycleId, phase: 'sync', seq: 3 }); // 'done'
 */
import { isSyncError } from '../../client/index.ts';
import type { PageKey, PageWrites } from '../../store/store.ts';
import type { Deprovision } from '../cycle/cycle-context.ts';
import { carryOutDeprovisions, runDeprovisions } from '../cycle/deprovision.ts';
import { applyMemberDeltas } from '../cycle/member-deltas.ts';
import { handlePage } from '../cycle/reference-pass.ts';
import type { CycleParts, CyclePartsCache } from './cycle-parts.ts';
import { finishCycle } from './finish-cycle.ts';
import { runObjectsPage } from './objects-page.ts';
import { collectWrites, openPageContext, type PageContext } from './page-context.ts';
import { type CycleOutcomeState, type PageWork, pageName } from './page-work.ts';
import { cycleOwner, type WorkerDeps, type WorkerTiming } from './worker-deps.ts';

export interface PageRun {
  deps: WorkerDeps;
  parts: CycleParts;
  key: PageKey;
  /** Renews nothing itself (a timer does); cycle code calls it after each of its pages. */
  heartbeat: () => Promise<void>;
  /** Commits a part of the page (managers ahead) and keeps the page. */
  commitPart(writes: PageWrites): Promise<void>;
  /** A CycleContext for (a part of) the page; the last one opened is committed if the cycle must stop. */
  openPage(): Promise<PageContext>;
  sleep(ms: number): Promise<void>;
  options: Pick<WorkerTiming, 'managerWaitMs' | 'managerPollMs'>;
}

export type PageResult = 'done' | 'skipped' | 'lost' | 'retry' | 'failed';

class LostPage extends Error {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function doWork(
  run: PageRun,
  work: PageWork,
): Promise<{ writes: PageWrites; result?: Record<string, unknown> }> {
  const { deps, key } = run;
  if (work.kind === 'objects') return { writes: await runObjectsPage(run, work) };
  const page = await run.openPage();
  const { context } = page;
  if (work.kind === 'members') {
    await applyMemberDeltas(
      context,
      new Map(work.groups.map(([id, deltas]) => [id, new Map(deltas)])),
    );
    return { writes: await collectWrites(page) };
  }
  if (work.kind === 'reference') {
    const links = [...(await context.links.get(work.type, work.ids)).values()].filter(
      (l) => l.pending,
    );
    await handlePage(context, work.type, links);
    return { writes: await collectWrites(page) };
  }
  // deprovision: a page of them under the threshold, or all the cycle decided, checked against it.
  if (work.kind === 'deprovision' && work.items) {
    await carryOutDeprovisions(context, work.items);
    return { writes: await collectWrites(page) };
  }
  context.deprovisions = (await deps.store.provisioning.work.deprovisions(
    key.cycleId,
  )) as Deprovision[];
  const hold = await runDeprovisions(context);
  context.deprovisions = [];
  return { writes: await collectWrites(page), ...(hold && { result: { hold } }) };
}

export async function runPage(
  deps: WorkerDeps,
  cache: CyclePartsCache,
  key: PageKey,
): Promise<PageResult> {
  const { store, clock, timing } = deps;
  const work = store.provisioning.work;
  const owner = `${deps.workerId}/${crypto.randomUUID().slice(0, 8)}`;
  const until = (ms: number) => new Date(clock().getTime() + ms).toISOString();
  const page = await work.claimPage(key, owner, until(timing.pageLeaseMs), clock().toISOString());
  if (!page) return 'skipped';
  const plan = await work.getPlan(key.cycleId);
  if (!plan) return 'skipped';
  const outcome = plan.outcome as CycleOutcomeState;
  const pageWork = page.work as unknown as PageWork;
  const empty: PageWrites = {
    linkPuts: [],
    linkDeletes: [],
    seen: [],
    logs: [],
    escrowPuts: [],
    escrowDeletes: [],
    deprovisions: [],
    claimsDone: [],
    done: 0,
    counts: {},
  };
  if ((outcome.failure || outcome.stopped) && pageWork.kind !== 'finish') {
    await work.commitPage(key, owner, { status: 'cancelled', writes: empty });
    return 'done';
  }

  let lost = false;
  let beating = true;
  const beat = async () => {
    if (!beating) return;
    if (!(await work.renewPage(key, owner, until(timing.pageLeaseMs)))) lost = true;
    const now = clock();
    if (beating && pageWork.kind !== 'finish')
      await store.provisioning.jobs.claim(
        plan.appId,
        cycleOwner(key.cycleId),
        until(timing.leaseMs),
        now.toISOString(),
      );
  };
  const timer = setInterval(
    () => {
      beat().catch((err: unknown) =>
        deps.log.warn({ err, page: pageName(key) }, 'renewing a page lease failed'),
      );
    },
    Math.max(100, Math.floor(timing.pageLeaseMs / 3)),
  );
  const stopBeating = () => {
    beating = false;
    clearInterval(timer);
  };
  let opened: PageContext | undefined;
  try {
    if (pageWork.kind === 'finish') {
      await finishCycle(deps, plan, stopBeating);
      return 'done';
    }
    const parts = await cache.get(key.cycleId);
    const heartbeat = async () => {};
    const run: PageRun = {
      deps,
      parts,
      key,
      heartbeat,
      async commitPart(writes) {
        if (lost || !(await work.commitPage(key, owner, { status: 'running', writes })))
          throw new LostPage();
      },
      async openPage() {
        opened = await openPageContext(deps, parts, heartbeat);
        return opened;
      },
      sleep,
      options: timing,
    };
    const { writes, result } = await doWork(run, pageWork);
    stopBeating();
    if (
      lost ||
      !(await work.commitPage(key, owner, { status: 'done', writes, ...(result && { result }) }))
    ) {
      deps.log.warn(
        { page: pageName(key) },
        'a page lost its lease before it committed; another worker runs it',
      );
      return 'lost';
    }
    return 'done';
  } catch (error) {
    stopBeating();
    if (error instanceof LostPage) return 'lost';
    const message = error instanceof Error ? error.message : String(error);
    const stop = isSyncError(error) && error.kind === 'stop';
    if (!stop) deps.log.error({ err: error, page: pageName(key) }, 'a provisioning page failed');
    if (stop || page.attempts >= timing.maxAttempts) {
      // A stop (credentials, Tenant URL) ends the cycle: what the page did before it is kept,
      // as in-process, so the log and the links agree with the target.
      const writes =
        stop && opened && !opened.collected
          ? await collectWrites(opened).catch((err: unknown) => {
              deps.log.warn({ err, page: pageName(key) }, 'the stopped page kept nothing');
              return empty;
            })
          : empty;
      await work.commitPage(key, owner, { status: 'failed', writes, error: message });
      await work.setOutcome(key.cycleId, {
        failure: stop ? message : `page ${pageName(key)} failed ${page.attempts} times: ${message}`,
        ...(stop && { stop: true }),
      });
      return 'failed';
    }
    await work.releasePage(key, owner, message);
    return 'retry';
  } finally {
    stopBeating();
  }
}
