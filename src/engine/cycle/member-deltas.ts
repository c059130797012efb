/**
 * Membership changes of an incremental cycle, sent as member deltas (never the whole list):
 * for each linked group, the members added and removed since the watermark that have links,
 * in PATCH batches; added members without a link yet wait in the group's `pending` until the
 * reference pass of a later cycle can add them. With flattened nested groups a change anywhere
 * below a linked group makes it compare its whole member list instead.
 *
 * Example: await applyMemberDeltas(context, window.members);
 */
import { isSyncError } from '../../client/index.ts';
import type { ProvisioningLink } from '../../store/store.ts';
import type { MemberDelta } from './change-window.ts';
import { type CycleContext, endPage } from './cycle-context.ts';
import { recordFailure } from './object-log.ts';
import { sendMemberDelta } from './reference-pass.ts';

async function ancestorsOf(context: CycleContext, groupIds: readonly string[]): Promise<string[]> {
  const found = new Set(groupIds);
  let pending = [...groupIds];
  while (pending.length > 0) {
    const next: string[] = [];
    for (const id of pending)
      for (const parent of await context.store.directory.groups.memberOf(id))
        if (!found.has(parent.id)) {
          found.add(parent.id);
          next.push(parent.id);
        }
    pending = next;
  }
  return [...found];
}

async function applyOne(
  context: CycleContext,
  link: ProvisioningLink,
  deltas: ReadonlyMap<string, MemberDelta>,
): Promise<void> {
  const adds = [...deltas].filter(([, d]) => d.kind === 'added').map(([id]) => id);
  const removes = [...deltas].filter(([, d]) => d.kind === 'removed').map(([id]) => id);
  const lookup = await context.links.lookup([...adds, ...removes]);
  const addTargets = [...new Set(adds.filter((id) => lookup.has(id)).map((id) => lookup.get(id)!))];
  const removeTargets = [
    ...new Set(removes.filter((id) => lookup.has(id)).map((id) => lookup.get(id)!)),
  ];
  const removed = new Set(removes);
  const waiting = new Set((link.pending?.ids ?? []).filter((id) => !removed.has(id)));
  for (const id of adds) if (!lookup.has(id)) waiting.add(id);
  const lastChange = Math.max(...[...deltas.values()].map((d) => d.changeId));
  try {
    await sendMemberDelta(
      context,
      link,
      addTargets,
      removeTargets,
      lastChange,
      'group membership changed',
    );
    context.links.put({
      ...link,
      pending: waiting.size > 0 ? { ids: [...waiting] } : null,
      updated: context.clock().toISOString(),
    });
  } catch (error) {
    if (isSyncError(error) && error.kind === 'notFound') {
      context.links.remove('group', link.sourceId);
      return;
    }
    recordFailure(
      context,
      {
        type: 'group',
        item: { sourceId: link.sourceId, record: undefined, changeId: lastChange },
        identity: link.identity,
        steps: [],
        startedAt: performance.now(),
      },
      link.targetId,
      'Update',
      error,
      { reference: true },
    );
  }
}

export async function applyMemberDeltas(
  context: CycleContext,
  members: ReadonlyMap<string, ReadonlyMap<string, MemberDelta>>,
): Promise<void> {
  if (!context.mappings.group || members.size === 0) return;
  await context.links.flush();
  const groupIds = [...members.keys()];
  if (context.job.settings.flattenNestedGroups) {
    const affected = await ancestorsOf(context, groupIds);
    for (const link of (await context.links.get('group', affected)).values())
      if (!link.pending?.full) context.links.put({ ...link, pending: { full: true } });
    await endPage(context);
    return;
  }
  for (let i = 0; i < groupIds.length; i += context.pageSize) {
    const page = groupIds.slice(i, i + context.pageSize);
    const links = await context.links.get('group', page);
    for (const link of links.values()) {
      if (link.pending?.full) continue; // compared whole by the reference pass
      await applyOne(context, link, members.get(link.sourceId)!);
    }
    context.recorder.done(page.length);
    await endPage(context);
  }
}
