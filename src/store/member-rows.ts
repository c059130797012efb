/**
 * Writes a group's member deltas as rows inside the caller's transaction: every added id must
 * name a User or Group of the tenant (else StoreError notFound, subject `member`), removals and
 * "remove all" delete rows, additions insert the ones not already there. On PostgreSQL a change
 * that only adds, or only removes, is one statement of its own instead (addMembersAlone,
 * removeMembersAlone), shared with others of its group when small (postgres/batched-writes.ts).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import { insertMany } from './insert-many.ts';
import {
  type Executor,
  kindOfRow,
  missedWrite,
  type ResourceRow,
  resourceColumns,
} from './resource-rows.ts';
import type { MemberChange } from './store.ts';
import { StoreError } from './store-error.ts';

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

type FoundId = { id: string; kind: string };

/**
 * The id and kind of each of `ids` that names a resource of the tenant, as a subquery. On
 * PostgreSQL each id is its own primary-key lookup (unnest + LATERAL … LIMIT 1): `id IN (…)`
 * was planned, on a table without statistics, as a read of every row of the tenant through
 * scim_resources_last_modified (tenant_id, kind, …). SQLite looks `IN (…)` up by the key.
 */
function foundIds(dialect: string, tenantId: string, ids: readonly string[]) {
  if (dialect === 'postgres')
    return sql<FoundId>`SELECT t.id, t.kind FROM unnest(${[...ids]}::text[]) AS k(id)
      CROSS JOIN LATERAL (SELECT id, kind FROM scim_resources
        WHERE tenant_id = ${tenantId} AND id = k.id LIMIT 1) AS t`;
  return sql<FoundId>`SELECT id, kind FROM scim_resources
    WHERE tenant_id = ${tenantId} AND id IN (${sql.join(ids)})`;
}

/** The kind of each of `ids` that names a resource of the tenant. */
async function kindsOf(db: Executor, dialect: string, tenantId: string, ids: readonly string[]) {
  const kinds = new Map<string, string>();
  for (const part of chunk(ids, 500)) {
    const { rows } = await foundIds(dialect, tenantId, part).execute(db);
    for (const row of rows) kinds.set(row.id, row.kind);
  }
  return kinds;
}

/** StoreError notFound (subject `member`) naming the ids of `add` that are not in `kinds`. */
function missingMembers(add: readonly string[], kinds: Map<string, string>) {
  const missing = add.filter((id) => !kinds.has(id));
  if (missing.length === 0) return undefined;
  const named = missing
    .slice(0, 5)
    .map((id) => JSON.stringify(id))
    .join(', ');
  const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
  return new StoreError('notFound', 'member', `no User or Group with id ${named}${more}`);
}

export async function writeMemberRows(
  trx: Transaction<Database>,
  dialect: string,
  tenantId: string,
  groupId: string,
  change: MemberChange,
): Promise<void> {
  const add = [...new Set(change.add ?? [])];
  const remove = [...new Set(change.remove ?? [])];
  const kinds = await kindsOf(trx, dialect, tenantId, add);
  const missing = missingMembers(add, kinds);
  if (missing) throw missing;
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

/**
 * Adds members to a group and moves its version in one statement (PostgreSQL: a WITH whose
 * UPDATE and INSERT apply together or not at all), for a change that only adds, at most 500
 * ids. The group's row as updated; StoreError notFound (a member, or the group) or conflict
 * (`ifVersion` stale) when nothing was written. `changes`: how many member changes the ids
 * stand for (the version moves once for each; postgres/batched-writes.ts adds several at once).
 */
export async function addMembersAlone(
  db: Kysely<Database>,
  tenantId: string,
  groupId: string,
  add: readonly string[],
  lastModified: string,
  ifVersion?: number,
  changes = 1,
): Promise<ResourceRow> {
  const ids = [...new Set(add)];
  const columns = sql.join(resourceColumns.map((c) => sql.ref(c)));
  const version = ifVersion === undefined ? sql`` : sql` AND version = ${ifVersion}`;
  const { rows } = await sql<ResourceRow>`
    WITH found AS (${foundIds('postgres', tenantId, ids)}), bumped AS (
      UPDATE scim_resources SET version = version + ${changes}, last_modified = ${lastModified}
      WHERE tenant_id = ${tenantId} AND id = ${groupId} AND ${kindOfRow('Group')}${version}
        AND (SELECT count(*) FROM found) = ${ids.length}
      RETURNING ${columns}
    ), added AS (
      INSERT INTO scim_members (tenant_id, group_id, member_id, member_kind)
      SELECT ${tenantId}, bumped.id, found.id, found.kind FROM bumped CROSS JOIN found
      ON CONFLICT (tenant_id, group_id, member_id) DO NOTHING
    )
    SELECT ${columns} FROM bumped`.execute(db);
  if (rows[0]) return rows[0];
  throw (
    missingMembers(ids, await kindsOf(db, 'postgres', tenantId, ids)) ??
    (await missedWrite(db, tenantId, 'Group', groupId, ifVersion))
  );
}

/**
 * Removes members from a group and moves its version (once per change of `changes`) in one
 * statement (PostgreSQL), for changes that only remove: an id that is not a member is no error,
 * as in writeMemberRows. The group's row as updated; StoreError notFound when it is gone (its
 * member rows are gone with it, so the DELETE finds none). Each row is found by a primary-key
 * lookup and deleted by ctid: `member_id IN (…)` over several ids was planned, without table
 * statistics, as a read of the whole group filtered by id (24 ms in a 100,000-member group).
 */
export async function removeMembersAlone(
  db: Kysely<Database>,
  tenantId: string,
  groupId: string,
  remove: readonly string[],
  lastModified: string,
  changes = 1,
): Promise<ResourceRow> {
  const ids = [...new Set(remove)];
  const columns = sql.join(resourceColumns.map((c) => sql.ref(c)));
  const { rows } = await sql<ResourceRow>`
    WITH bumped AS (
      UPDATE scim_resources SET version = version + ${changes}, last_modified = ${lastModified}
      WHERE tenant_id = ${tenantId} AND id = ${groupId} AND ${kindOfRow('Group')}
      RETURNING ${columns}
    ), removed AS (
      DELETE FROM scim_members AS m
      USING (SELECT t.at FROM unnest(${ids}::text[]) AS k(id)
        CROSS JOIN LATERAL (SELECT ctid AS at FROM scim_members
          WHERE tenant_id = ${tenantId} AND group_id = ${groupId} AND member_id = k.id LIMIT 1)
          AS t) AS d
      WHERE m.ctid = d.at
    )
    SELECT ${columns} FROM bumped`.execute(db);
  if (rows[0]) return rows[0];
  throw await missedWrite(db, tenantId, 'Group', groupId, undefined);
}
