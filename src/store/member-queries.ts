/**
 * Group membership as rows: adding or removing members costs the same for a 10-member group as
 * for a 100,000-member one, and two writers adding different members never lose each other's rows.
 */

import type { StoreContext } from './context.ts';
import { resourceColumns, toRecord } from './resource-writes.ts';
import type { MemberChange, MemberRecord, ResourceKind, ResourceRecord } from './store.ts';
import { StoreError } from './store-error.ts';

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export async function listMembers(
  context: StoreContext,
  tenantId: string,
  groupId: string,
): Promise<MemberRecord[]> {
  const rows = await context.db
    .selectFrom('scim_members as m')
    .leftJoin('scim_resources as r', (join) =>
      join.onRef('r.tenant_id', '=', 'm.tenant_id').onRef('r.id', '=', 'm.member_id'),
    )
    .select(['m.member_id', 'm.member_kind', 'r.display_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.group_id', '=', groupId)
    .orderBy('m.member_id')
    .execute();
  return rows.map((row) =>
    withDisplay({ value: row.member_id, type: row.member_kind as ResourceKind }, row.display_name),
  );
}

export async function groupsOf(
  context: StoreContext,
  tenantId: string,
  memberId: string,
): Promise<MemberRecord[]> {
  const rows = await context.db
    .selectFrom('scim_members as m')
    .innerJoin('scim_resources as g', (join) =>
      join.onRef('g.tenant_id', '=', 'm.tenant_id').onRef('g.id', '=', 'm.group_id'),
    )
    .select(['m.group_id', 'g.display_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.member_id', '=', memberId)
    .orderBy('m.group_id')
    .execute();
  return rows.map((row) => withDisplay({ value: row.group_id, type: 'Group' }, row.display_name));
}

function withDisplay(member: MemberRecord, display: string | null): MemberRecord {
  if (display !== null) member.display = display;
  return member;
}

export async function changeMembers(
  context: StoreContext,
  tenantId: string,
  groupId: string,
  change: MemberChange,
  ifVersion?: number,
): Promise<ResourceRecord> {
  const now = context.now().toISOString();
  const add = [...new Set(change.add ?? [])];
  const remove = [...new Set(change.remove ?? [])];
  return context.db.transaction().execute(async (trx) => {
    const kinds = new Map<string, string>();
    for (const ids of chunk(add, 500)) {
      const found = await trx
        .selectFrom('scim_resources')
        .select(['id', 'kind'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .execute();
      for (const row of found) kinds.set(row.id, row.kind);
    }
    const missing = add.filter((id) => !kinds.has(id));
    if (missing.length > 0) {
      throw new StoreError(
        'notFound',
        'member',
        `no User or Group with id ${missing
          .slice(0, 5)
          .map((id) => JSON.stringify(id))
          .join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
      );
    }
    let bump = trx
      .updateTable('scim_resources')
      .set((eb) => ({ version: eb('version', '+', 1), last_modified: now }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', groupId)
      .where('kind', '=', 'Group');
    if (ifVersion !== undefined) bump = bump.where('version', '=', ifVersion);
    const group = await bump.returning(resourceColumns).executeTakeFirst();
    if (!group) {
      const exists = await trx
        .selectFrom('scim_resources')
        .select('version')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', groupId)
        .where('kind', '=', 'Group')
        .executeTakeFirst();
      if (!exists) throw new StoreError('notFound', 'Group', `Group ${groupId} not found`);
      throw new StoreError(
        'conflict',
        'version',
        `Group ${groupId} is at version ${exists.version}, not ${ifVersion}`,
      );
    }
    if (change.removeAll) {
      await trx
        .deleteFrom('scim_members')
        .where('tenant_id', '=', tenantId)
        .where('group_id', '=', groupId)
        .execute();
    }
    for (const ids of chunk(remove, 500)) {
      await trx
        .deleteFrom('scim_members')
        .where('tenant_id', '=', tenantId)
        .where('group_id', '=', groupId)
        .where('member_id', 'in', ids)
        .execute();
    }
    for (const ids of chunk(add, 500)) {
      const rows = ids.map((id) => ({
        tenant_id: tenantId,
        group_id: groupId,
        member_id: id,
        member_kind: kinds.get(id)!,
      }));
      await trx
        .insertInto('scim_members')
        .values(rows)
        .onConflict((oc) => oc.columns(['tenant_id', 'group_id', 'member_id']).doNothing())
        .execute();
    }
    return toRecord(group);
  });
}
