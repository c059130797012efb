/**
 * The initial cycle (Entra how-provisioning-works.md): every user and group in scope, a page at
 * a time — never the whole directory in memory — matched, created or linked and updated; then
 * the objects linked before but not seen now (unassigned, filtered out, deleted while the job
 * was off) are deprovisioned, the reference pass links managers and members, and the
 * disables and deletes go through the accidental-deletion check. The watermark becomes the
 * change feed's head as it was when the cycle started: later changes come with the next cycle.
 *
 * Example: const { watermark } = await runInitialCycle(context);
 */
import type { DirectoryGroupRecord, DirectoryUserRecord } from '../../store/store.ts';
import { type CycleContext, endPage } from './cycle-context.ts';
import { type DeletionHold, runDeprovisions } from './deprovision.ts';
import type { SyncItem } from './object-state.ts';
import { runReferencePass } from './reference-pass.ts';
import { syncObjects } from './sync-objects.ts';

export interface CycleOutcome {
  watermark: number;
  more: boolean;
  hold: DeletionHold | undefined;
}

const item = (
  record: DirectoryUserRecord | DirectoryGroupRecord,
  assigned?: boolean,
): SyncItem => ({
  sourceId: record.id,
  record,
  changeId: null,
  ...(assigned !== undefined && { assigned }),
});

/**
 * Runs pages through syncObjects two at a time: while one page waits for the target, the next
 * is read, assessed and exported, so the target is never idle between pages. The first
 * failure (a stop) ends the loop once both pages are done.
 */
export async function runPages(
  context: CycleContext,
  type: 'user' | 'group',
  pages: AsyncIterable<SyncItem[]>,
  depth = 2,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const items of pages) {
    if (failure) break;
    const task: Promise<void> = (async () => {
      await syncObjects(context, type, items);
      await endPage(context);
    })()
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= depth) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
}

async function* byIds(
  context: CycleContext,
  type: 'user' | 'group',
  ids: readonly string[],
): AsyncGenerator<SyncItem[]> {
  for (let i = 0; i < ids.length; i += context.pageSize) {
    const page = ids.slice(i, i + context.pageSize);
    const records =
      type === 'user'
        ? await context.store.directory.users.getMany(page)
        : await context.store.directory.groups.getMany(page);
    const live = (records as (DirectoryUserRecord | DirectoryGroupRecord)[]).filter(
      (r) => r.deleted === null,
    );
    context.recorder.done(page.length - live.length);
    yield live.map((r) => item(r, true));
  }
}

async function* scanUsers(context: CycleContext): AsyncGenerator<SyncItem[]> {
  let after: string | undefined;
  for (;;) {
    const page = await context.store.directory.users.scan(after, context.pageSize, 'active');
    if (page.length === 0) return;
    yield page.map((r) => item(r, true));
    after = page.at(-1)!.id;
  }
}

async function* listGroups(context: CycleContext): AsyncGenerator<SyncItem[]> {
  for (let start = 1; ; start += context.pageSize) {
    const page = await context.store.directory.groups.list({
      state: 'active',
      startIndex: start,
      count: context.pageSize,
    });
    yield page.records.map((r) => item(r, true));
    if (page.records.length < context.pageSize) return;
  }
}

/** Linked objects this cycle did not visit: assessed again, so they leave the target as they should. */
async function sweepUnseen(context: CycleContext, type: 'user' | 'group'): Promise<void> {
  let after: string | undefined;
  do {
    const page = await context.links.unseen(type, after, context.pageSize);
    const ids = page.links.map((l) => l.sourceId);
    const records = new Map<string, DirectoryUserRecord | DirectoryGroupRecord>(
      (type === 'user'
        ? await context.store.directory.users.getMany(ids)
        : await context.store.directory.groups.getMany(ids)
      ).map((r) => [r.id, r]),
    );
    await syncObjects(
      context,
      type,
      ids.map((id) => ({ sourceId: id, record: records.get(id), changeId: null })),
    );
    await endPage(context);
    after = page.next;
  } while (after !== undefined);
}

export async function runInitialCycle(context: CycleContext): Promise<CycleOutcome> {
  const { store, scope, mappings } = context;
  const head = await store.directory.changes.head();
  const users = mappings.user;
  const groups = mappings.group;
  const userIds = users && !scope.all ? await scope.assignedUserIds() : undefined;
  context.candidates = scope.all ? 'all' : new Set(userIds);
  const groupIds = groups && !scope.all ? scope.assignedGroupIds() : undefined;
  const count = async (type: 'user' | 'group') =>
    (
      await store.directory[type === 'user' ? 'users' : 'groups'].list({
        state: 'active',
        startIndex: 1,
        count: 1,
      })
    ).totalResults;
  context.recorder.setTotal(
    (users ? (userIds?.length ?? (await count('user'))) : 0) +
      (groups ? (groupIds?.length ?? (await count('group'))) : 0),
  );

  if (users)
    await runPages(context, 'user', userIds ? byIds(context, 'user', userIds) : scanUsers(context));
  if (groups)
    await runPages(
      context,
      'group',
      groupIds ? byIds(context, 'group', groupIds) : listGroups(context),
    );
  context.candidates = undefined;
  context.claims.clear();
  if (users) await sweepUnseen(context, 'user');
  if (groups) await sweepUnseen(context, 'group');
  await runReferencePass(context);
  const hold = await runDeprovisions(context);
  return { watermark: head, more: false, hold };
}
