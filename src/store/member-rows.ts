/**
 * Writes a group's member deltas as rows inside the caller's transaction: every added id must
 * name a User or Group of the tenant (else StoreError notFound, subject `member`), removals and
 * "remove all" delete rows, additions insert the ones not already there.
 */
import type { Transaction } from 'kysely';
import type { Database } from './database.ts';
import { insertMany } from './insert-many.ts';
import type { MemberChange } from './store.ts';
import { StoreError } from './store-error.ts';

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export async function writeMemberRows(
  trx: Transaction<Database>,
  dialect: string,
  tenantId: string,
  groupId: string,
  change: MemberChange,
): Promise<void> {
  const add = [...new Set(change.add ?? [])];
  const remove = [...new Set(change.remove ?? [])];
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
    const named = missing
      .slice(0, 5)
      .map((id) => JSON.stringify(id))
      .join(', ');
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
    throw new StoreError('notFound', 'member', `no User or Group with id ${named}${more}`);
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
  await insertMany(
    trx,
    dialect,
    'members',
    add.map((id) => ({
      tenant_id: tenantId,
      group_id: groupId,
      member_id: id,
      member_kind: kinds.get(id)!,
    })),
    (db, rows) =>
      db
        .insertInto('scim_members')
        .values(rows as never)
        .onConflict((oc) => oc.columns(['tenant_id', 'group_id', 'member_id']).doNothing()),
  );
}
