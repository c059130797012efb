/**
 * Past an Entra gap: a user that comes back (re-enabled, re-assigned, restored) gets its group
 * memberships back on the target — some apps drop a deactivated user's memberships, and Entra
 * believes they are still there. For each directory group of the user (with flattening, the
 * groups above those too) that is linked, the user is added again (RFC 7644 `add` of a member
 * the group already has changes nothing).
 *
 * Example: await restoreMemberships(context, annId, annTargetId) → 2
 */
import { planMemberPatches } from '../../sync/index.ts';
import type { CycleContext } from './cycle-context.ts';

export async function restoreMemberships(
  context: CycleContext,
  userId: string,
  targetId: string,
): Promise<number> {
  const groups = context.mappings.group;
  if (!groups) return 0;
  const ids = new Set<string>();
  let pending = (await context.store.directory.groups.memberOf(userId)).filter((g) => !g.deleted);
  while (pending.length > 0) {
    const next: typeof pending = [];
    for (const group of pending) {
      if (ids.has(group.id)) continue;
      ids.add(group.id);
      if (context.job.settings.flattenNestedGroups)
        next.push(
          ...(await context.store.directory.groups.memberOf(group.id)).filter((g) => !g.deleted),
        );
    }
    pending = next;
  }
  const links = await context.links.get('group', [...ids]);
  for (const link of links.values())
    for (const operations of planMemberPatches({ add: [targetId], remove: [] }))
      await context.writer.patch(groups.endpoint, link.targetId, operations);
  return links.size;
}
