/**
 * The reference pass (Entra how-provisioning-works.md, step 6), run by every cycle — not only
 * initial ones, so a manager or member that comes into scope later is linked without a restart:
 *
 * - users whose manager had no link when they were written: once it has one, the manager is
 *   set (the user is read from the target and patched minimally);
 * - groups created or matched in this cycle (`pending.full`): their whole member list is
 *   compared with the target's (an empty group just created needs no read) and the difference
 *   sent as member deltas in batches (planMemberPatches);
 * - groups with members that had no link: those that have one now are added.
 *
 * Links with pending references are read from the store a page at a time.
 *
 * Example: await runReferencePass(context);
 */
import { isSyncError } from '../../client/index.ts';
import type {
  DirectoryGroupRecord,
  DirectoryUserRecord,
  ProvisioningLink,
} from '../../store/store.ts';
import { diffMembers, planMemberPatches } from '../../sync/index.ts';
import { groupIdentity, memberIdsOf, userIdentity } from '../source-objects.ts';
import { type CycleContext, checkStopped, endPage } from './cycle-context.ts';
import { actionStep, importStep, memberChange } from './log-steps.ts';
import { recordFailure, settleAll } from './object-log.ts';
import type { ObjectWork } from './object-state.ts';
import { sourceOf } from './source-of.ts';
import { updateObject } from './write-object.ts';

/** Sends the member deltas of one group and logs them as one Update. */
export async function sendMemberDelta(
  context: CycleContext,
  link: ProvisioningLink,
  add: readonly string[],
  remove: readonly string[],
  changeId: number | null,
  note: string,
): Promise<void> {
  const mapping = context.mappings.group!;
  if (add.length + remove.length === 0) return;
  const startedAt = performance.now();
  for (const operations of planMemberPatches(
    { add, remove },
    { batchSize: context.memberBatchSize },
  ))
    await context.writer.patch(mapping.endpoint, link.targetId, operations);
  context.recorder.entry({
    objectType: 'group',
    sourceId: link.sourceId,
    sourceIdentity: link.identity,
    targetId: link.targetId,
    action: 'Update',
    status: 'Success',
    changeId,
    reason: note,
    steps: [actionStep('Success', `Members: ${add.length} added, ${remove.length} removed`)],
    modifiedProperties: [memberChange(add, remove)],
    startedAt,
  });
}

/** Target ids of `ids` (users and groups) that have links, in order, without duplicates. */
function targetsOf(ids: readonly string[], lookup: ReadonlyMap<string, string>) {
  const targets: string[] = [];
  const unresolved: string[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const target = lookup.get(id);
    if (target === undefined) unresolved.push(id);
    else if (!seen.has(target)) {
      seen.add(target);
      targets.push(target);
    }
  }
  return { targets, unresolved };
}

async function syncGroupMembers(
  context: CycleContext,
  link: ProvisioningLink,
  record: DirectoryGroupRecord | undefined,
): Promise<void> {
  const pending = link.pending!;
  const put = (next: ProvisioningLink['pending']) =>
    context.links.put({ ...link, pending: next, updated: context.clock().toISOString() });
  if (!record || record.deleted !== null) {
    put(null); // gone or on its way out: nothing to add
    return;
  }
  const members = await memberIdsOf(
    context.store,
    record.id,
    context.job.settings.flattenNestedGroups,
  );
  const identity = groupIdentity(record);
  const fail = (error: unknown) =>
    recordFailure(
      context,
      {
        type: 'group',
        item: { sourceId: link.sourceId, record, changeId: null },
        identity,
        steps: [],
        startedAt: performance.now(),
      },
      link.targetId,
      'Update',
      error,
      { reference: true },
    );
  try {
    if (pending.full) {
      const lookup = await context.links.lookup(members);
      const { targets, unresolved } = targetsOf(members, lookup);
      let current: string[] = [];
      if (!pending.empty) {
        const group = await context.client.get(context.mappings.group!.endpoint, link.targetId, {
          attributes: ['members'],
        });
        current = ((group.members as { value?: unknown }[] | undefined) ?? [])
          .map((m) => m.value)
          .filter((v): v is string => typeof v === 'string');
      }
      const delta = diffMembers(current, targets);
      await sendMemberDelta(
        context,
        link,
        delta.add,
        delta.remove,
        null,
        'member list synchronised',
      );
      put(unresolved.length > 0 ? { ids: unresolved } : null);
      return;
    }
    const stillMembers = new Set(members);
    const waiting = (pending.ids ?? []).filter((id) => stillMembers.has(id));
    const lookup = await context.links.lookup(waiting);
    const { targets, unresolved } = targetsOf(waiting, lookup);
    if (targets.length === 0) {
      if (waiting.length !== (pending.ids ?? []).length)
        put(unresolved.length > 0 ? { ids: unresolved } : null);
      return;
    }
    await sendMemberDelta(
      context,
      link,
      targets,
      [],
      null,
      'members that came into scope later, linked',
    );
    put(unresolved.length > 0 ? { ids: unresolved } : null);
  } catch (error) {
    if (isSyncError(error) && error.kind === 'notFound') {
      context.links.remove('group', link.sourceId);
      return;
    }
    fail(error);
  }
}

async function syncManager(
  context: CycleContext,
  link: ProvisioningLink,
  record: DirectoryUserRecord | undefined,
  lookup: ReadonlyMap<string, string>,
): Promise<void> {
  const mapping = context.mappings.user!;
  if (!record) {
    context.links.put({ ...link, pending: null });
    return;
  }
  const manager = record.data.manager;
  if (manager && !lookup.has(manager)) {
    const waiting = link.pending?.ids ?? [];
    if (waiting.length !== 1 || waiting[0] !== manager)
      context.links.put({ ...link, pending: { ids: [manager] } });
    return;
  }
  const identity = userIdentity(record);
  const work: ObjectWork = {
    type: 'user',
    item: { sourceId: link.sourceId, record, changeId: null },
    source: await sourceOf(context, mapping, 'user', record),
    identity,
    link,
    plan: { kind: 'provision' },
    scope: undefined,
    steps: [importStep(true, `user ${identity}`)],
    startedAt: performance.now(),
  };
  try {
    // What we exported last is what the target holds but the manager: no read needed.
    const result = await updateObject(context, mapping, work, link, lookup, {
      read: true,
      softDeleted: link.state === 'disabled',
      fullMembers: false,
      ...(link.exported && { current: link.exported }),
    });
    context.links.put(result.link);
    if (result.outcome === 'updated')
      context.recorder.entry({
        objectType: 'user',
        sourceId: link.sourceId,
        sourceIdentity: identity,
        targetId: link.targetId,
        action: 'Update',
        status: 'Success',
        reason: 'reference pass: the manager is linked now',
        steps: [...work.steps, actionStep('Success', 'Set the manager on the target')],
        modifiedProperties: result.modified,
        startedAt: work.startedAt,
      });
  } catch (error) {
    if (isSyncError(error) && error.kind === 'notFound') {
      context.links.remove('user', link.sourceId);
      return;
    }
    recordFailure(context, work, link.targetId, 'Update', error, { reference: true });
  }
}

const groupsAtOnce = 16;

/** One page of links with pending references (workers run the pass a page per job). */
export async function handlePage(
  context: CycleContext,
  type: 'user' | 'group',
  links: ProvisioningLink[],
): Promise<void> {
  if (links.length === 0) return;
  const ids = links.map((l) => l.sourceId);
  if (type === 'user') {
    const records = new Map(
      (await context.store.directory.users.getMany(ids)).map((r) => [r.id, r]),
    );
    const managers = [...records.values()].flatMap((r) => (r.data.manager ? [r.data.manager] : []));
    const lookup = await context.links.lookup(managers);
    await settleAll(
      links.map((link) => syncManager(context, link, records.get(link.sourceId), lookup)),
    );
  } else {
    const records = new Map(
      (await context.store.directory.groups.getMany(ids)).map((r) => [r.id, r]),
    );
    // A few groups at a time: each holds its whole member list while it is compared.
    for (let i = 0; i < links.length; i += groupsAtOnce)
      await settleAll(
        links
          .slice(i, i + groupsAtOnce)
          .map((link) => syncGroupMembers(context, link, records.get(link.sourceId))),
      );
  }
  await endPage(context);
}

export async function runReferencePass(context: CycleContext): Promise<void> {
  await context.links.flush();
  for (const type of ['user', 'group'] as const) {
    if (!context.mappings[type]) continue;
    let after: string | undefined;
    do {
      checkStopped(context);
      const page = await context.links.pending(type, after, context.pageSize);
      await handlePage(context, type, page.links);
      after = page.next;
    } while (after !== undefined);
    await handlePage(context, type, context.links.bufferedPending(type));
  }
}

/**
 * The reference pass for some links only — provision on demand runs it for the objects it
 * just wrote (a user's manager, a group's whole member list), not for the whole app.
 */
export async function runReferencesOf(
  context: CycleContext,
  type: 'user' | 'group',
  sourceIds: readonly string[],
): Promise<void> {
  if (!context.mappings[type] || sourceIds.length === 0) return;
  await context.links.flush();
  const links = [...(await context.links.get(type, sourceIds)).values()].filter((l) => l.pending);
  await handlePage(context, type, links);
}
