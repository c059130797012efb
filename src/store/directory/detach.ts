/**
 * What a hard delete takes with it: every membership row naming the object (as a member, or as
 * the group) and every assignment of it to an app, each returned as a feed entry so that a
 * consumer sees the removals as well as the purge.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { ChangeEntry } from './change-feed.ts';

export async function detachEverywhere(
  trx: Transaction<Database>,
  id: string,
  at: string,
): Promise<ChangeEntry[]> {
  const changes: ChangeEntry[] = [];
  const memberships = await trx
    .selectFrom('dir_members')
    .selectAll()
    .where((eb) => eb.or([eb('member_id', '=', id), eb('group_id', '=', id)]))
    .orderBy('group_id')
    .orderBy('member_id')
    .execute();
  if (memberships.length > 0) {
    await trx
      .deleteFrom('dir_members')
      .where((eb) => eb.or([eb('member_id', '=', id), eb('group_id', '=', id)]))
      .execute();
    const groups = [...new Set(memberships.map((m) => m.group_id))].filter((g) => g !== id);
    if (groups.length > 0)
      await trx
        .updateTable('dir_groups')
        .set((eb) => ({ version: eb('version', '+', 1), last_modified: at }))
        .where('id', 'in', groups)
        .execute();
    for (const m of memberships)
      changes.push({
        objectType: 'membership',
        objectId: m.group_id,
        kind: 'removed',
        detail: { memberId: m.member_id, memberType: m.member_type },
      });
  }
  const assignments = await trx
    .deleteFrom('dir_assignments')
    .where('principal_id', '=', id)
    .returningAll()
    .execute();
  for (const a of assignments.sort((x, y) => x.id.localeCompare(y.id)))
    changes.push({
      objectType: 'assignment',
      objectId: a.id,
      kind: 'removed',
      detail: {
        appId: a.app_id,
        principalId: a.principal_id,
        principalType: a.principal_type,
        roleId: a.role_id,
      },
    });
  return changes;
}
