/**
 * The end of a cycle: the disables and deletes it decided, checked against the
 * accidental-deletion threshold first (Entra accidental-deletions.md). Over the threshold,
 * nothing is carried out: each is logged as StagedDelete and the cycle reports a hold
 * (TooManyDeletes) until an admin allows the deletes or restarts. Otherwise a disable is an
 * update with [IsSoftDeleted] true (active=false), a delete a DELETE (a 404 means it is gone
 * already); each logged, failures escrowed.
 *
 * Example: const hold = await runDeprovisions(context); // undefined, or { count: 612, threshold: 500 }
 */
import { isSyncError } from '../../client/index.ts';
import type { DirectoryGroupRecord, DirectoryUserRecord } from '../../store/store.ts';
import { checkDeletionThreshold } from '../../sync/index.ts';
import { recommendedActions } from '../error-codes.ts';
import type { Job } from '../job-record.ts';
import { type CycleContext, checkStopped, type Deprovision } from './cycle-context.ts';
import { actionStep, exportDetails } from './log-steps.ts';
import { recordFailure, settleAll } from './object-log.ts';
import { assess } from './object-state.ts';
import { updateObject } from './write-object.ts';

export interface DeletionHold {
  count: number;
  threshold: number;
}

const reasons: Record<string, string> = {
  purged: 'purged from the directory',
  softDeleted: 'soft-deleted in the directory',
  disabled: 'disabled in the directory (accountEnabled false)',
  unassigned: 'no longer assigned to the app',
  outOfScope: 'left the scoping filters',
};

async function carryOut(
  context: CycleContext,
  item: Deprovision,
  record: DirectoryUserRecord | DirectoryGroupRecord | undefined,
): Promise<void> {
  const mapping = context.mappings[item.objectType]!;
  const links = await context.links.get(item.objectType, [item.sourceId]);
  const link = links.get(item.sourceId);
  if (!link) return;
  const work = await assess(
    context,
    mapping,
    item.objectType,
    { sourceId: item.sourceId, record, changeId: item.changeId },
    link,
  );
  const why = reasons[item.reason] ?? item.reason;
  if (item.kind === 'delete') {
    try {
      try {
        await context.writer.delete(mapping.endpoint, link.targetId);
      } catch (error) {
        if (!(isSyncError(error) && error.kind === 'notFound')) throw error;
      }
      context.links.remove(item.objectType, item.sourceId);
      context.recorder.entry({
        objectType: item.objectType,
        sourceId: item.sourceId,
        sourceIdentity: item.identity,
        targetId: link.targetId,
        action: 'Delete',
        status: 'Success',
        changeId: item.changeId,
        reason: why,
        steps: [
          ...work.steps,
          actionStep(
            'Success',
            `Deleted ${link.targetId} on the target`,
            exportDetails(context.trace, null),
          ),
        ],
        startedAt: work.startedAt,
      });
      context.recorder.succeeded(item.objectType, item.sourceId);
    } catch (error) {
      recordFailure(context, work, link.targetId, 'Delete', error);
    }
    return;
  }
  if (!work.source) return; // purged since: the next cycle deletes it
  try {
    const result = await updateObject(context, mapping, work, link, new Map(), {
      read: true,
      softDeleted: true,
      fullMembers: false,
    });
    context.links.put(result.link);
    context.recorder.entry({
      objectType: item.objectType,
      sourceId: item.sourceId,
      sourceIdentity: item.identity,
      targetId: link.targetId,
      action: 'Disable',
      status: 'Success',
      changeId: item.changeId,
      reason: why,
      steps: [
        ...work.steps,
        actionStep(
          'Success',
          `Disabled ${link.targetId} on the target`,
          exportDetails(context.trace, result.link.exported, result.operations ?? []),
        ),
      ],
      modifiedProperties: result.modified,
      startedAt: work.startedAt,
    });
    context.recorder.succeeded(item.objectType, item.sourceId);
  } catch (error) {
    recordFailure(context, work, link.targetId, 'Disable', error);
  }
}

/** The accidental-deletion threshold applied to `list` under the job's settings and state. */
export function deletionCheck(job: Job, list: readonly Deprovision[]) {
  return checkDeletionThreshold(
    {
      disables: list.filter((d) => d.kind === 'disable').length,
      deletes: list.filter((d) => d.kind === 'delete').length,
    },
    { threshold: job.settings.deletionThreshold, allowDeletes: job.state.allowDeletes },
  );
}

/**
 * Holds the disables and deletes when they cross the accidental-deletion threshold (each logged
 * as StagedDelete); undefined when they may go through. Workers check once, then carry them out
 * in pages (carryOutDeprovisions).
 */
export async function holdDeprovisions(
  context: CycleContext,
  list: readonly Deprovision[],
): Promise<DeletionHold | undefined> {
  const check = deletionCheck(context.job, list);
  if (check.proceed) return undefined;
  const reason = `${check.count} disables and deletes in one cycle, more than the accidental-deletion threshold of ${check.threshold}`;
  for (const item of list)
    context.recorder.entry({
      objectType: item.objectType,
      sourceId: item.sourceId,
      sourceIdentity: item.identity,
      targetId: item.targetId,
      action: 'StagedDelete',
      status: 'Skipped',
      changeId: item.changeId,
      errorCode: 'TooManyDeletes',
      reason: `${item.kind === 'delete' ? 'delete' : 'disable'} held: ${reason}`,
      recommendedAction: recommendedActions.TooManyDeletes,
      steps: [actionStep('Skipped', `${item.kind} held (TooManyDeletes)`)],
    });
  await context.recorder.flush();
  return { count: check.count, threshold: check.threshold };
}

/** Carries out disables and deletes a page at a time: each logged, failures escrowed. */
export async function carryOutDeprovisions(
  context: CycleContext,
  list: readonly Deprovision[],
): Promise<void> {
  for (let i = 0; i < list.length; i += context.pageSize) {
    checkStopped(context);
    const page = list.slice(i, i + context.pageSize);
    const users = page.filter((d) => d.objectType === 'user').map((d) => d.sourceId);
    const groups = page.filter((d) => d.objectType === 'group').map((d) => d.sourceId);
    const records = new Map<string, DirectoryUserRecord | DirectoryGroupRecord>();
    for (const r of await context.store.directory.users.getMany(users))
      records.set(`user:${r.id}`, r);
    for (const r of await context.store.directory.groups.getMany(groups))
      records.set(`group:${r.id}`, r);
    await settleAll(
      page.map((item) =>
        carryOut(context, item, records.get(`${item.objectType}:${item.sourceId}`)),
      ),
    );
    await context.links.flush();
    await context.recorder.flush();
  }
}

/** Carries out (or holds) the cycle's disables and deletes; see the file comment. */
export async function runDeprovisions(context: CycleContext): Promise<DeletionHold | undefined> {
  const list = context.deprovisions;
  if (list.length === 0) return undefined;
  const hold = await holdDeprovisions(context, list);
  if (!hold) await carryOutDeprovisions(context, list);
  return hold;
}
