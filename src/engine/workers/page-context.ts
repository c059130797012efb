/**
 * The CycleContext of one page attempt: the cycle's shared parts (cycle-parts.ts) with links,
 * a recorder and a journal of its own over staged writes, so the page commits everything it
 * did in one transaction — or nothing, when its worker dies. `collectWrites` gathers what the
 * attempt wrote (relabelling the creates an earlier run made, create-journal.ts).
 *
 * Example:
 *   const page = openPageContext(deps, parts, { heartbeat });
 *   await syncObjects(page.context, 'user', items);
 *   await store.provisioning.work.commitPage(key, owner, { status: 'done', writes: await collectWrites(page) });
 */
import type { PageWrites } from '../../store/store.ts';
import type { CycleContext } from '../cycle/cycle-context.ts';
import { createCycleLinks } from '../cycle/cycle-links.ts';
import { createCycleRecorder } from '../cycle/cycle-recorder.ts';
import { openCycleContext } from '../cycle/open-context.ts';
import type { CycleDeps } from '../cycle/run-cycle.ts';
import { createCreateJournal, relabelCreates } from './create-journal.ts';
import type { CycleParts } from './cycle-parts.ts';
import { createStagedWrites, type StagedWrites } from './staged-writes.ts';

export interface PageContext {
  context: CycleContext;
  staged: StagedWrites;
  /** What earlier runs of this cycle created (journal), for relabelling; filled by the page. */
  prior: Map<string, string | null>;
  /** Set once collectWrites has drained it. */
  collected: boolean;
}

export async function openPageContext(
  deps: CycleDeps,
  parts: CycleParts,
  heartbeat: () => Promise<void>,
): Promise<PageContext> {
  const { app, plan, cycleId } = parts;
  const staged = createStagedWrites(deps.store.provisioning);
  const context = await openCycleContext({
    store: deps.store,
    clock: deps.clock,
    log: deps.log,
    pageSize: deps.pageSize ?? 500,
    app,
    job: plan.job,
    cycleId,
    kind: plan.kind,
    dryRun: false,
    mappings: parts.mappings,
    client: parts.client,
    capabilities: parts.capabilities,
    scope: parts.scope,
    links: createCycleLinks(staged.links, app.id, cycleId, { dryRun: false }),
    recorder: createCycleRecorder({
      store: { provisioning: { ...deps.store.provisioning, ...staged.provisioning } },
      appId: app.id,
      cycleId,
      dryRun: false,
      clock: deps.clock,
      events: deps.events,
    }),
    signal: undefined,
    heartbeat,
  });
  context.journal = createCreateJournal(deps.store.provisioning.work, app.id, cycleId, deps.log);
  return { context, staged, prior: new Map(), collected: false };
}

/** Everything the attempt wrote, as one commit: links, log entries, escrows, deprovisions, counts. */
export async function collectWrites(
  page: PageContext,
  claimsDone: string[] = [],
): Promise<PageWrites> {
  const { context, staged } = page;
  page.collected = true;
  await context.links.flush();
  await context.recorder.flush(true);
  const writes = staged.drain();
  const counts = { ...context.recorder.counts };
  relabelCreates(writes.logs, counts, page.prior);
  return {
    ...writes,
    deprovisions: context.deprovisions.map((item) => ({
      objectType: item.objectType,
      sourceId: item.sourceId,
      item,
    })),
    claimsDone,
    done: context.recorder.progress().done,
    counts,
  };
}
