/**
 * The hot writes of the SCIM endpoint, many to a statement on PostgreSQL: creates (a POST: one
 * row and its value rows), replaces that are only their version-checked UPDATE (a PATCH of
 * `title`: no indexed column, value row or member change), and small member additions or
 * removals of one group.
 * Per tenant and kind, one statement of each runs at a time; the writes asked meanwhile wait and
 * form the next one, so under load a statement carries what one round trip and one commit each
 * used to. Each write still lands or fails on its own: a replace's version is checked per row,
 * and a statement that fails (a taken userName, a deadlock with another server) changed
 * nothing, so its writes then run one by one, each answered with its own outcome.
 *
 * Example: context.replaceAlone = batchReplaces(context); context.createAlone = batchCreates(context);
 */
import { sql } from 'kysely';
import type { CreateAlone, MemberDelta, ReplaceAlone, StoreContext } from '../context.ts';
import { addMembersAlone, removeMembersAlone } from '../member-rows.ts';
import { type ResourceRow, resourceColumns } from '../resource-rows.ts';
import type { Waiter } from './batched-reads.ts';

/** Writes per statement at most (member changes: 50, see batchMemberDeltas). */
const maxItems = 200;

type Waiting<Item, Row> = Waiter<Row> & { item: Item };

/**
 * Runs items `run` many at a time, per group, one statement at a time per group. An item whose
 * key is already in the statement being formed waits for the next one (a statement writes a row
 * once). Each item gets the row `run` returned for its key, or undefined.
 */
export function batchedWriter<Item, Row>(
  run: (items: readonly Item[]) => Promise<Row[]>,
  groupOf: (item: Item) => string,
  keyOf: (item: Item) => string,
  rowKey: (row: Row) => string,
  limit = maxItems,
): (item: Item) => Promise<Row | undefined> {
  const groups = new Map<string, Waiting<Item, Row>[]>();

  async function settle(batch: Waiting<Item, Row>[]) {
    let rows: Row[];
    try {
      rows = await run(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Nothing of it was written: each runs alone, with its own outcome.
      for (const waiting of batch) await settle([waiting]);
      return;
    }
    const found = new Map(rows.map((row) => [rowKey(row), row]));
    for (const waiting of batch) waiting.resolve(found.get(keyOf(waiting.item)));
  }

  async function drain(group: string, queue: Waiting<Item, Row>[]) {
    while (queue.length > 0) {
      const batch: Waiting<Item, Row>[] = [];
      const keys = new Set<string>();
      for (let i = 0; i < queue.length && batch.length < limit; ) {
        const key = keyOf(queue[i]!.item);
        if (keys.has(key)) i++;
        else {
          keys.add(key);
          batch.push(...queue.splice(i, 1));
        }
      }
      await settle(batch);
    }
    groups.delete(group);
  }

  return (item) =>
    new Promise<Row | undefined>((resolve, reject) => {
      const group = groupOf(item);
      const queue = groups.get(group);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      const started = [{ item, resolve, reject }];
      groups.set(group, started);
      // The rest of this turn's requests join the first statement.
      setImmediate(() => void drain(group, started));
    });
}

/**
 * The batched UPDATE: every replace's row, when its version still matches. Each row is found by
 * a LIMIT 1 primary-key lookup and updated by its ctid, so no plan can turn it into a scan of
 * the tenant: without statistics, `r.tenant_id = $1 AND r.id = v.id` was planned as a hash join
 * over an index on (tenant, kind, …), 225 PATCHes a second. A row another writer changed after
 * the lookup is skipped (its ctid no longer holds the newest version): that replace misses, as
 * its version check would have. Items share a tenant and a kind.
 */
export function replacesStatement(items: readonly ReplaceAlone[]) {
  const { tenantId, kind } = items[0]!;
  const column = <K extends keyof ReplaceAlone>(key: K) => items.map((item) => item[key]);
  const returning = sql.join(resourceColumns.map((c) => sql.ref(`r.${c}`)));
  return sql<ResourceRow>`UPDATE scim_resources AS r
    SET last_modified = v.last_modified, version = r.version + 1, data = v.data
    FROM (SELECT t.at, v.* FROM unnest(${column('id')}::text[], ${column('ifVersion')}::int[],
        ${column('lastModified')}::text[], ${column('data')}::jsonb[])
        AS v(id, version, last_modified, data)
      CROSS JOIN LATERAL (SELECT t.ctid AS at FROM scim_resources AS t
        WHERE t.tenant_id = ${tenantId} AND t.id = v.id LIMIT 1) AS t) AS v
    WHERE r.ctid = v.at AND r.kind = ${kind} AND r.id = v.id AND r.version = v.version
    RETURNING ${returning}`;
}

/**
 * Every replace asked of `context`, batched (see above). A statement locks its rows in id order,
 * so two servers' statements over the same rows wait for each other instead of deadlocking.
 */
export function batchReplaces(
  context: StoreContext,
): (item: ReplaceAlone) => Promise<ResourceRow | undefined> {
  const byId = (a: ReplaceAlone, b: ReplaceAlone) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return batchedWriter(
    async (items) => (await replacesStatement([...items].sort(byId)).execute(context.db)).rows,
    (item) => `${item.tenantId}\u0000${item.kind}`,
    (item) => item.id,
    (row) => row.id,
  );
}

/**
 * Many new resources of one tenant and kind in one statement: their rows, then their value rows
 * (data-modifying WITHs), answering the ids created. All or nothing, as one INSERT is: a taken
 * userName fails it, and batchedWriter then runs each create alone, so only that one fails.
 */
export function createsStatement(items: readonly CreateAlone[]) {
  const rows = items.map((item) => item.row);
  const values = items.flatMap((item) => item.values);
  const of = <K extends keyof CreateAlone['row']>(key: K) => rows.map((row) => row[key]);
  const valuesOf = <K extends keyof CreateAlone['values'][number]>(key: K) =>
    values.map((value) => value[key]);
  const { tenant_id: tenantId, kind } = rows[0]!;
  return sql<{ id: string }>`WITH created AS (
      INSERT INTO scim_resources (tenant_id, id, kind, user_name_ci, external_id, display_name,
        display_name_ci, created, last_modified, version, data)
      SELECT ${tenantId}, r.id, ${kind}, r.user_name_ci, r.external_id, r.display_name,
        r.display_name_ci, r.created, r.last_modified, 1, r.data
      FROM unnest(${of('id')}::text[], ${of('user_name_ci')}::text[], ${of('external_id')}::text[],
        ${of('display_name')}::text[], ${of('display_name_ci')}::text[], ${of('created')}::text[],
        ${of('last_modified')}::text[], ${of('data')}::jsonb[])
        AS r(id, user_name_ci, external_id, display_name, display_name_ci, created,
          last_modified, data)
      RETURNING id),
    valued AS (
      INSERT INTO scim_values (tenant_id, resource_id, attr, value, value_ci)
      SELECT ${tenantId}, v.resource_id, v.attr, v.value, v.value_ci
      FROM unnest(${valuesOf('resource_id')}::text[], ${valuesOf('attr')}::text[],
        ${valuesOf('value')}::text[], ${valuesOf('value_ci')}::text[])
        AS v(resource_id, attr, value, value_ci))
    SELECT id FROM created`;
}

/** Every single create asked of `context`, batched per tenant and kind (see above). */
export function batchCreates(context: StoreContext): (item: CreateAlone) => Promise<void> {
  const write = batchedWriter(
    async (items: readonly CreateAlone[]) =>
      (await createsStatement(items).execute(context.db)).rows,
    (item) => `${item.row.tenant_id}\u0000${item.row.kind}`,
    (item) => item.row.id,
    (row) => row.id,
  );
  return async (item) => {
    if (!(await write(item))) throw new Error(`resource ${item.row.id} was not created`);
  };
}

/**
 * Member changes of one group that only add, or only remove, many to a statement: the union of
 * their ids inserted (or deleted) and the group's version moved once per change, each change
 * answered with the version it made (the first v+1, the next v+2, …: the order they were asked
 * in). One missing member fails an addition statement, and each change then runs alone, so
 * only the changes naming it fail. Without this, 50 clients adding to one group took turns (an
 * in-process queue, else the row's lock), one round trip and one commit each.
 */
export function batchMemberDeltas(
  context: StoreContext,
): (item: MemberDelta) => Promise<ResourceRow> {
  let next = 0;
  const write = batchedWriter(
    async (items: readonly (MemberDelta & { key: string })[]) => {
      const { tenantId, groupId, op } = items[0]!;
      const ids = items.flatMap((item) => item.ids);
      const lastModified = items
        .map((item) => item.lastModified)
        .sort()
        .at(-1)!;
      const row =
        op === 'add'
          ? await addMembersAlone(
              context.db,
              tenantId,
              groupId,
              ids,
              lastModified,
              undefined,
              items.length,
            )
          : await removeMembersAlone(
              context.db,
              tenantId,
              groupId,
              ids,
              lastModified,
              items.length,
            );
      const first = Number(row.version) - items.length;
      return items.map((item, i) => ({
        key: item.key,
        row: { ...row, version: first + i + 1 },
      }));
    },
    (item) => `${item.tenantId}\u0000${item.groupId}\u0000${item.op}`,
    (item) => item.key,
    (answer) => answer.key,
    50,
  );
  return async (item) => (await write({ ...item, key: String(next++) }))!.row;
}
