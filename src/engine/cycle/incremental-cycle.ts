/**
 * The incremental cycle (Entra how-provisioning-works.md): only what the change feed says
 * changed since the watermark — coalesced to one visit per object — plus the escrows due for a
 * retry. Assignment and membership changes of assigned groups widen the visit to the members
 * whose scope they change. Objects are read in their current state a page at a time; then the
 * member deltas, the reference pass (late managers and members) and the deprovisions. A window
 * holds at most 50,000 changes; the rest is left for the next cycle (`more`).
 *
 * Example: const { watermark, more } = await runIncrementalCycle(context);
 */
import type { DirectoryGroupRecord, DirectoryUserRecord } from '../../store/store.ts';
import { memberIdsOf } from '../source-objects.ts';
import { coalesceChanges, emptyWindow } from './change-window.ts';
import { type CycleContext, endPage } from './cycle-context.ts';
import { runDeprovisions } from './deprovision.ts';
import type { CycleOutcome } from './initial-cycle.ts';
import { applyMemberDeltas } from './member-deltas.ts';
import type { EscrowRetry } from './object-state.ts';
import { runReferencePass } from './reference-pass.ts';
import { syncObjects } from './sync-objects.ts';

export const maxChangesPerCycle = 50_000;
const feedPage = 1000;

async function usersOfGroup(
  context: Pick<CycleContext, 'store' | 'job'>,
  groupId: string,
): Promise<string[]> {
  const flatten = context.job.settings.flattenNestedGroups;
  if (flatten) return memberIdsOf(context.store, groupId, true);
  return (await context.store.directory.groups.members(groupId))
    .filter((m) => m.type === 'user')
    .map((m) => m.id);
}

async function visit(
  context: CycleContext,
  type: 'user' | 'group',
  objects: ReadonlyMap<string, number | null>,
  retries: ReadonlyMap<string, EscrowRetry>,
): Promise<void> {
  const ids = [...objects.keys()];
  for (let i = 0; i < ids.length; i += context.pageSize) {
    const page = ids.slice(i, i + context.pageSize);
    const records = new Map<string, DirectoryUserRecord | DirectoryGroupRecord>(
      (type === 'user'
        ? await context.store.directory.users.getMany(page)
        : await context.store.directory.groups.getMany(page)
      ).map((r) => [r.id, r]),
    );
    await syncObjects(
      context,
      type,
      page.map((id) => {
        const retry = retries.get(`${type}:${id}`);
        return {
          sourceId: id,
          record: records.get(id),
          changeId: objects.get(id) ?? null,
          ...(retry && { retry }),
        };
      }),
    );
    await endPage(context);
  }
}

/** What an incremental cycle visits: objects with their last change, member deltas, the window read. */
export interface IncrementalWork {
  users: Map<string, number | null>;
  groups: Map<string, number | null>;
  members: ReturnType<typeof emptyWindow>['members'];
  /** The escrows due for a retry, by `type:id`: which attempt this is and the last error. */
  retries: Map<string, EscrowRetry>;
  /** The change-feed sequence read up to, and the head when the cycle began. */
  at: number;
  head: number;
}

/**
 * Reads the change window since the watermark (at most maxChangesPerCycle changes), coalesced and
 * widened to the members whose scope changed, plus the escrows due. Workers split the result
 * into pages (src/engine/workers).
 */
export async function readChangeWindow(
  context: Pick<CycleContext, 'store' | 'scope' | 'app' | 'job' | 'mappings' | 'clock'>,
): Promise<IncrementalWork> {
  const { store, scope, app } = context;
  const head = await store.directory.changes.head();
  const window = emptyWindow();
  let at = context.job.watermark;
  let read = 0;
  while (at < head && read < maxChangesPerCycle) {
    const changes = await store.directory.changes.since(at, feedPage);
    if (changes.length === 0) break;
    coalesceChanges(changes, app.id, window);
    at = changes.at(-1)!.sequence;
    read += changes.length;
  }

  const users = new Map<string, number | null>(window.users);
  const groups = new Map<string, number | null>(window.groups);
  if (!scope.all && context.mappings.user) {
    // Who is in scope changed for the members of (un)assigned groups and of assigned groups whose members changed.
    for (const [groupId, changeId] of window.assignedGroups)
      for (const id of await usersOfGroup(context, groupId))
        if (!users.has(id)) users.set(id, changeId);
    for (const [groupId, deltas] of window.members) {
      if (!(await scope.isScopeGroup(groupId))) continue;
      for (const [memberId, delta] of deltas) {
        if (delta.memberType === 'user')
          users.set(memberId, Math.max(users.get(memberId) ?? 0, delta.changeId));
        else if (context.job.settings.flattenNestedGroups)
          for (const id of await usersOfGroup(context, memberId))
            if (!users.has(id)) users.set(id, delta.changeId);
      }
    }
  }
  const due = await store.provisioning.escrows.due(app.id, context.clock().toISOString(), 5000);
  const retries = new Map<string, EscrowRetry>();
  for (const escrow of due) {
    retries.set(`${escrow.objectType}:${escrow.sourceId}`, {
      attempt: escrow.attempts + 1,
      errorCode: escrow.errorCode,
    });
    const target = escrow.objectType === 'user' ? users : groups;
    if (!target.has(escrow.sourceId)) target.set(escrow.sourceId, null);
  }
  return { users, groups, members: window.members, retries, at, head };
}

export async function runIncrementalCycle(context: CycleContext): Promise<CycleOutcome> {
  const { users, groups, members, retries, at, head } = await readChangeWindow(context);
  context.recorder.setTotal(users.size + groups.size + members.size);

  if (context.mappings.user) await visit(context, 'user', users, retries);
  else context.recorder.done(users.size);
  if (context.mappings.group) await visit(context, 'group', groups, retries);
  else context.recorder.done(groups.size);
  if (context.mappings.group) await applyMemberDeltas(context, members);
  else context.recorder.done(members.size);
  await runReferencePass(context);
  const hold = await runDeprovisions(context);
  return { watermark: at, more: at < head, hold };
}
