/**
 * The PostgreSQL store's statements look each row up by its unique index in the generic plan a
 * prepared statement falls back to. The batched ones (src/store/postgres/batched-reads.ts and
 * batched-writes.ts): with the table's statistics, and by id also on a table seeded a moment
 * ago with none yet (autovacuum off), where the plans PostgreSQL chose for `id = ANY($keys)`
 * and for an UPDATE … FROM unnest(…) read every row of the tenant. The single-row ones (a
 * replace's UPDATE, a group's version bump, a delete, the stale-version check, a member add's
 * lookup of its ids), without statistics, where `tenant_id = $1 AND kind = $2` of an index on
 * (tenant, kind, …) looked as selective as the primary key. Answers are covered by the store
 * conformance suite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createGroupSchema, createUserSchema } from '../../src/scim/index.ts';
import type { Database } from '../../src/store/database.ts';
import { batchedStatements } from '../../src/store/postgres/batched-reads.ts';
import { replacesStatement } from '../../src/store/postgres/batched-writes.ts';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import { postgresDialect } from '../../src/store/postgres/postgres-dialect.ts';

const databaseUrl = process.env.DATABASE_URL;
const skip = databaseUrl
  ? undefined
  : 'PostgreSQL suites skipped: DATABASE_URL is not set (bash .ci/run sets it)';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe('statements by key use the unique indexes (PostgreSQL)', { skip }, () => {
  const schema = `batched_${process.pid}_${Date.now()}`;
  let client: pg.Client;
  let db: Kysely<Database>;
  let tenantId: string;
  let ids: string[];
  before(async () => {
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path = ${schema}`);
    const url = `${databaseUrl}${databaseUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const store = await openPostgresStore({ connectionString: url, poolSize: 2 });
    tenantId = (await store.tenants.create('batched', {})).id;
    const made = await store.resources.createMany(
      tenantId,
      'User',
      Array.from({ length: 5000 }, (_, i) => ({ userName: `u${i}@batched.test` })),
      createUserSchema(),
    );
    ids = made.map((r) => r.id);
    await store.close();
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    });
  });
  after(async () => {
    await db?.destroy();
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  });

  /** The generic plan of `compiled`, prepared with its parameters' types. */
  async function genericPlan(
    compiled: { sql: string; parameters: readonly unknown[] },
    options: { inferTypes?: boolean } = {},
  ) {
    // Without a type list PostgreSQL infers each parameter's type from the statement, and an
    // array is sent as an untyped '{…}' literal so it can become text[] or jsonb[] alike.
    const types = options.inferTypes
      ? []
      : compiled.parameters.map((p) => (Array.isArray(p) ? 'text[]' : 'text'));
    const literal = (p: unknown) =>
      Array.isArray(p)
        ? options.inferTypes
          ? client.escapeLiteral(`{${p.map((x) => JSON.stringify(String(x))).join(',')}}`)
          : `ARRAY[${p.map((x) => client.escapeLiteral(String(x))).join(',')}]::text[]`
        : p === null
          ? 'NULL'
          : client.escapeLiteral(String(p));
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(
      `PREPARE batched${types.length ? `(${types.join(',')})` : ''} AS ${compiled.sql}`,
    );
    try {
      const { rows } = await client.query(
        `EXPLAIN (FORMAT JSON) EXECUTE batched(${compiled.parameters.map(literal).join(',')})`,
      );
      return nodes((rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan);
    } finally {
      await client.query('DEALLOCATE batched');
    }
  }

  const statements = () =>
    batchedStatements({ db, dialect: postgresDialect, now: () => new Date(), newId: () => '' });

  /** Every read of scim_resources in `plan` is an index scan, and one uses `index`. */
  function assertLookups(plan: PlanNode[], index: string) {
    const resources = plan.filter((n) => n['Relation Name'] === 'scim_resources');
    assert.ok(resources.length > 0, JSON.stringify(plan));
    assert.deepEqual(
      resources.map((n) => n['Node Type']),
      resources.map(() => 'Index Scan'),
      JSON.stringify(plan),
    );
    assert.ok(
      resources.some((n) => n['Index Name'] === index),
      `looked up by ${index}: ${JSON.stringify(plan)}`,
    );
    for (const n of plan.filter((x) => x['Relation Name'] === 'scim_members'))
      assert.match(n['Node Type'], /Index/, 'members are read by index');
  }

  const byId = () => ids.slice(0, 3);
  const byName = () => ['u1@batched.test', 'u2@batched.test'];

  test('by id, before any statistics: the primary key, not an index on (tenant, kind, …)', async () => {
    for (const name of ['byId', 'usersById'] as const)
      assertLookups(
        await genericPlan(statements()[name](tenantId, 'User', byId())),
        'scim_resources_pk',
      );
  });

  test('batched replaces, before any statistics: each row by primary key, then by ctid', async () => {
    const items = ids.slice(0, 2).map((id) => ({
      tenantId,
      kind: 'User',
      id,
      ifVersion: 1,
      lastModified: '2026-01-01T00:00:00.000Z',
      data: '{}',
    }));
    const plan = await genericPlan(replacesStatement(items).compile(db));
    const reads = plan
      .filter((n) => n['Relation Name'] === 'scim_resources' && n['Node Type'] !== 'ModifyTable')
      .map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`.trim());
    assert.deepEqual(
      reads.sort(),
      ['Index Scan scim_resources_pk', 'Tid Scan'],
      JSON.stringify(plan),
    );
  });

  test('single-row statements, before any statistics: each names its row by primary key', async () => {
    // Every statement the store sends while it reads, replaces (an indexed attribute, so the
    // transaction's own UPDATE), bumps a group, finds a stale version and deletes.
    const sent: { sql: string; parameters: readonly unknown[] }[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      // Kysely sends (text, values); the store's client sends a repeated text as a named config.
      const [first, second] = args;
      const { text, values } =
        typeof first === 'string' ? { text: first, values: second } : (first as pg.QueryConfig);
      if (typeof text === 'string' && /scim_resources/.test(text) && Array.isArray(values))
        sent.push({ sql: text, parameters: values });
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    const url = `${databaseUrl}${databaseUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const store = await openPostgresStore({ connectionString: url, poolSize: 1, migrate: false });
    try {
      const users = createUserSchema();
      const id = ids[10]!;
      const user = (await store.resources.get(tenantId, 'User', id))!;
      const renamed = { ...user.data, userName: 'renamed@batched.test' };
      await store.resources.replace(tenantId, 'User', id, renamed, users, user.version);
      await assert.rejects(
        store.resources.replace(tenantId, 'User', id, user.data, users, user.version),
        /version/,
      );
      const [group] = await store.resources.createMany(
        tenantId,
        'Group',
        [{ displayName: 'g' }],
        createGroupSchema(),
      );
      const many = { add: ids.slice(20, 40), remove: [] };
      await store.resources.changeMembers(tenantId, group!.id, many, group!.version);
      await store.resources.getUserWithGroups(tenantId, ids[25]!);
      assert.equal(await store.resources.delete(tenantId, 'User', ids[11]!), true);
    } finally {
      pg.Client.prototype.query = query;
      await store.close();
    }
    // The creates' INSERT reads no row; every other statement names its rows by id.
    const byKey = sent.filter((s) => !/^\s*insert into/i.test(s.sql));
    assert.ok(byKey.length >= 5, `statements by id: ${byKey.map((s) => s.sql).join('\n')}`);
    for (const statement of byKey) {
      const plan = await genericPlan(statement, { inferTypes: true });
      const reads = plan.filter((n) => n['Relation Name'] === 'scim_resources');
      for (const n of reads)
        assert.ok(
          n['Index Name'] === 'scim_resources_pk' || n['Node Type'] === 'ModifyTable',
          `${statement.sql}\n${JSON.stringify(plan)}`,
        );
    }
  });

  test('with statistics: every statement looks each key up by its unique index', async () => {
    await client.query('ANALYZE scim_resources');
    for (const [name, keys, index] of [
      ['byId', byId, 'scim_resources_pk'],
      ['usersById', byId, 'scim_resources_pk'],
      ['usersByName', byName, 'scim_resources_user_name'],
      ['usersByNameWithGroups', byName, 'scim_resources_user_name'],
    ] as const)
      assertLookups(await genericPlan(statements()[name](tenantId, 'User', keys())), index);
  });
});
