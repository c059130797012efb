/**
 * The hot reads of one turn of the event loop, batched into one PostgreSQL statement per tenant
 * and shape: GET of a user with its groups, GET of a resource by id, and the `userName eq`
 * lookup Entra and Okta send before every create. With 50 SCIM clients, a turn reads several
 * requests; each used to cost a round trip of its own, and the socket write of each query was
 * a third of the server's CPU on GET /Users/{id}. Now they share one statement over
 * `unnest($keys)` (see eachKey for why not `= ANY($keys)`).
 *
 * No answer is older than its request: a batch's statement starts after every read in it was
 * asked (at the end of the turn that asked), so a read still sees every write committed before
 * it. The same key asked twice in one turn is read once; each asker gets its own copy.
 *
 * Example: const resources = batchReads(store.resources, context);
 */
import { type CompiledQuery, type RawBuilder, sql } from 'kysely';
import { compileOnce } from '../compiled-once.ts';
import type { StoreContext } from '../context.ts';
import { groupsColumn, groupsOfRow } from '../member-queries.ts';
import { lookupSlice, userNameLookup } from '../resource-query.ts';
import { type ResourceRow, resourceColumns, toRecord } from '../resource-rows.ts';
import type { ResourcePage, ResourceStore } from '../store.ts';

/** Keys per statement at most; a bigger batch is split. */
const maxKeys = 200;

/** One asker of a batched read (or write), until its statement answers. */
export interface Waiter<Row> {
  resolve: (row: Row | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects the keys asked in this turn, per group (the statement's other parameters), and
 * loads each group's keys with one call of `load` at the end of the turn.
 */
export function batchedLoader<Row>(
  load: (group: readonly string[], keys: readonly string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
  limit = maxKeys,
): (group: readonly string[], key: string) => Promise<Row | undefined> {
  let pending = new Map<
    string,
    { group: readonly string[]; waiters: Map<string, Waiter<Row>[]> }
  >();
  let scheduled = false;

  async function run(
    group: readonly string[],
    keys: string[],
    waiters: Map<string, Waiter<Row>[]>,
  ) {
    let rows: Row[];
    try {
      rows = await load(group, keys);
    } catch (error) {
      for (const key of keys) for (const waiter of waiters.get(key)!) waiter.reject(error);
      return;
    }
    const found = new Map(rows.map((row) => [keyOf(row), row]));
    for (const key of keys) {
      const row = found.get(key);
      waiters.get(key)!.forEach((waiter, i) => {
        waiter.resolve(i === 0 || row === undefined ? row : structuredClone(row));
      });
    }
  }

  function flush() {
    scheduled = false;
    const batches = pending;
    pending = new Map();
    for (const { group, waiters } of batches.values()) {
      const keys = [...waiters.keys()];
      for (let i = 0; i < keys.length; i += limit)
        void run(group, keys.slice(i, i + limit), waiters);
    }
  }

  return (group, key) =>
    new Promise<Row | undefined>((resolve, reject) => {
      const name = group.join('\u0000');
      let batch = pending.get(name);
      if (!batch) {
        batch = { group, waiters: new Map() };
        pending.set(name, batch);
      }
      const waiting = batch.waiters.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else batch.waiters.set(key, [{ resolve, reject }]);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}

/**
 * One statement for many keys: each key is its own unique-index lookup, a LATERAL subquery with
 * LIMIT 1 (which PostgreSQL does not flatten into a join). By id, `kind` is checked outside it,
 * so that only the primary key covers its conditions: the generic plan of a prepared statement
 * on a table with no statistics yet (autovacuum off, or a minute after a bulk load) took
 * scim_resources_last_modified (tenant, kind, …) otherwise, reading every row of the tenant
 * per key, as it did for `id = ANY($keys)`.
 */
function eachKey(
  tenantId: string,
  kind: string,
  keys: string,
  by: 'id' | 'userName',
  extra: readonly RawBuilder<unknown>[] = [],
) {
  const selected = [...resourceColumns.map((c) => sql.ref(`r.${c}`)), ...extra];
  const match = by === 'id' ? sql`r.id = k.key` : sql`r.kind = 'User' AND r.user_name_ci = k.key`;
  return sql<KeyedRow>`SELECT r.* FROM unnest(${keys}::text[]) AS k(key)
    CROSS JOIN LATERAL (SELECT ${sql.join(selected)} FROM scim_resources AS r
      WHERE r.tenant_id = ${tenantId} AND ${match} LIMIT 1) AS r
    WHERE r.kind = ${kind}`;
}

/** A row of a batched read: the resource, its folded userName or its groups when asked. */
type KeyedRow = ResourceRow & { user_name_ci?: string | null; groups?: unknown };
type Batched = (tenantId: string, kind: string, keys: readonly string[]) => CompiledQuery<KeyedRow>;

/**
 * The batched statements, compiled once, each taking (tenant, kind, keys): resources by id,
 * users with their groups by id, users by folded userName with or without their groups (the
 * last three read users whatever `kind` says).
 */
export function batchedStatements(
  context: StoreContext,
): Record<'byId' | 'usersById' | 'usersByName' | 'usersByNameWithGroups', Batched> {
  const { db } = context;
  const groups = sql`${groupsColumn(context)}`;
  const name = sql.ref('r.user_name_ci');
  const statement = (by: 'id' | 'userName', extra?: RawBuilder<unknown>[], user = false) =>
    compileOnce<[string, string, readonly string[]], KeyedRow>((tenantId, kind, keys) => ({
      compile: () => eachKey(tenantId, user ? 'User' : kind, keys, by, extra).compile(db),
    }));
  return {
    byId: statement('id'),
    usersById: statement('id', [groups], true),
    usersByName: statement('userName', [name], true),
    usersByNameWithGroups: statement('userName', [name, groups], true),
  };
}

export function batchReads(base: ResourceStore, context: StoreContext): ResourceStore {
  const statements = batchedStatements(context);
  const load =
    (make: Batched) =>
    async ([tenantId, kind]: readonly string[], keys: readonly string[]) =>
      (await context.db.executeQuery(make(tenantId!, kind!, keys))).rows;
  const get = batchedLoader(load(statements.byId), (row) => row.id);
  const getUser = batchedLoader(load(statements.usersById), (row) => row.id);
  const lookup = batchedLoader(load(statements.usersByName), (row) => row.user_name_ci ?? '');
  const lookupWithGroups = batchedLoader(
    load(statements.usersByNameWithGroups),
    (row) => row.user_name_ci ?? '',
  );

  return {
    ...base,
    async get(tenantId, kind, id) {
      const row = await get([tenantId, kind], id);
      return row && toRecord(row);
    },
    async getUserWithGroups(tenantId, id) {
      const row = await getUser([tenantId, 'User'], id);
      return row && { record: toRecord(row), groups: groupsOfRow(row) };
    },
    async query(tenantId, kind, schema, query) {
      const name = userNameLookup(kind, schema, query);
      if (name === undefined) return base.query(tenantId, kind, schema, query);
      const withGroups = query.withGroups === true;
      const row = await (withGroups ? lookupWithGroups : lookup)([tenantId, 'User'], name);
      const records = lookupSlice(query, row ? [toRecord(row)] : []);
      const page: ResourcePage = { totalResults: row ? 1 : 0, records };
      if (withGroups) page.groups = new Map(records.map((r) => [r.id, groupsOfRow(row!)]));
      return page;
    },
  };
}
