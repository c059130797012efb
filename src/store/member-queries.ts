/**
 * Group membership as rows: adding or removing members costs the same for a 10-member group as
 * for a 100,000-member one, and two writers adding different members never lose each other's rows.
 */

import { sql } from 'kysely';
import { compiledOnce, compiledPerShape } from './compiled-once.ts';
import type { StoreContext } from './context.ts';
import { sharedDelta } from './member-delta.ts';
import { addMembersAlone, writeMemberRows } from './member-rows.ts';
import {
  kindOfRow,
  missedWrite,
  type ResourceRow,
  resourceColumns,
  toRecord,
} from './resource-rows.ts';
import type {
  MemberChange,
  MemberRecord,
  ResourceKind,
  ResourceRecord,
  UserWithGroups,
} from './store.ts';

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

/** A user's derived `groups`, compiled once per store (every GET of a user asks for it). */
export function createGroupsOf(context: StoreContext) {
  const query = compiledOnce(
    context.db,
    (tenantId: string, memberId: string) =>
      context.db.selectNoFrom(groupPairs(context, tenantId, memberId).as('groups')),
    context.readNow,
  );
  return async (tenantId: string, memberId: string): Promise<MemberRecord[]> => {
    const [row] = await query(tenantId, memberId);
    return row ? groupsOfRow(row) : [];
  };
}

/**
 * A user and its groups in one statement, the groups aggregated as JSON pairs: one read
 * instead of two on every GET of a user (on SQLite a statement costs ~20 µs on a loaded
 * server; on PostgreSQL a round trip).
 */
export function createGetUserWithGroups(context: StoreContext) {
  const query = compiledOnce(
    context.db,
    (tenantId: string, id: string) =>
      context.db
        .selectFrom('scim_resources as r')
        .select(resourceColumns.map((c) => `r.${c}` as const))
        .select(groupsColumn(context))
        .where('r.tenant_id', '=', tenantId)
        .where('r.id', '=', id)
        .where(kindOfRow('User', 'r.kind')),
    context.readNow,
  );
  return async (tenantId: string, id: string): Promise<UserWithGroups | undefined> => {
    const [row] = await query(tenantId, id);
    return row && { record: toRecord(row), groups: groupsOfRow(row) };
  };
}

/**
 * The groups that list member `memberId` of tenant `tenantId` (each a value or an SQL
 * reference) as one JSON array of [id, displayName] pairs in id order: the one shape of a
 * user's derived groups, read back with groupsOfRow.
 */
const groupPairs = (context: StoreContext, tenantId: unknown, memberId: unknown) => {
  const pairs = context.dialect.pairsArray(
    sql.ref('m.group_id'),
    sql.ref('g.display_name'),
    sql.ref('m.group_id'),
  );
  return sql<unknown>`(SELECT ${pairs}
    FROM scim_members AS m
    INNER JOIN scim_resources AS g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
    WHERE m.tenant_id = ${tenantId} AND m.member_id = ${memberId})`;
};

/** A select item: the groups of the user in row `r` (alias `r` of scim_resources), as `groups`. */
export const groupsColumn = (context: StoreContext) =>
  groupPairs(context, sql.ref('r.tenant_id'), sql.ref('r.id')).as('groups');

/** The `groups` column of groupsColumn as the user's derived groups. */
export function groupsOfRow(row: { groups?: unknown }): MemberRecord[] {
  // SQLite answers JSON text, PostgreSQL's driver the parsed array.
  const pairs = (typeof row.groups === 'string' ? JSON.parse(row.groups) : row.groups) as [
    string,
    string | null,
  ][];
  return pairs.map(([value, display]) => withDisplay({ value, type: 'Group' }, display));
}

function withDisplay(member: MemberRecord, display: string | null): MemberRecord {
  if (display !== null) member.display = display;
  return member;
}

/** The version bump of a member change, compiled once per dialect, with or without a check. */
const bumps = compiledPerShape<ResourceRow>();

export async function changeMembers(
  context: StoreContext,
  tenantId: string,
  groupId: string,
  change: MemberChange,
  ifVersion?: number,
): Promise<ResourceRecord> {
  const now = context.now().toISOString();
  const checks = ifVersion !== undefined;
  const bump = bumps(`${context.dialect.name}|${checks}`, (lastModified, tenant, id, version) => {
    let update = context.db
      .updateTable('scim_resources')
      .set((eb) => ({ version: eb('version', '+', 1), last_modified: lastModified! }))
      .where('tenant_id', '=', tenant!)
      .where('id', '=', id!)
      .where(kindOfRow('Group'));
    if (checks) update = update.where('version', '=', version as unknown as number);
    return update.returning(resourceColumns);
  });
  // A few additions or removals and nothing else: shared with the like changes of the group.
  const { memberDelta } = context;
  const shared = memberDelta && ifVersion === undefined ? sharedDelta(change) : undefined;
  if (memberDelta && shared)
    return toRecord(await memberDelta({ tenantId, groupId, ...shared, lastModified: now }));
  const add = change.add ?? [];
  const onlyAdds = add.length > 0 && !change.removeAll && !change.remove?.length;
  if (onlyAdds && add.length <= 500 && context.dialect.oneStatementWrites)
    return toRecord(await addMembersAlone(context.db, tenantId, groupId, add, now, ifVersion));
  return context.db.transaction().execute(async (trx) => {
    const compiled = bump(now, tenantId, groupId, ...(checks ? [ifVersion] : []));
    const [group] = (await trx.executeQuery(compiled)).rows;
    if (!group) throw await missedWrite(trx, tenantId, 'Group', groupId, ifVersion);
    await writeMemberRows(trx, context.dialect.name, tenantId, groupId, change);
    return toRecord(group);
  });
}
