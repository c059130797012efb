/**
 * The batched statements of the PostgreSQL store (src/store/postgres/batched-reads.ts and
 * batched-writes.ts) look each key up by its unique index in the generic plan a prepared
 * statement falls back to: with the table's statistics, and by id also on a table seeded a
 * moment ago with none yet (autovacuum off), where the plans PostgreSQL chose for
 * `id = ANY($keys)` and for an UPDATE … FROM unnest(…) read every row of the tenant.
 * Answers are covered by the store conformance suite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createUserSchema } from '../../src/scim/index.ts';
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

describe('batched statements use the unique indexes (PostgreSQL)', { skip }, () => {
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
  async function genericPlan(compiled: { sql: string; parameters: readonly unknown[] }) {
    const types = compiled.parameters.map((p) => (Array.isArray(p) ? 'text[]' : 'text'));
    const literal = (p: unknown) =>
      Array.isArray(p)
        ? `ARRAY[${p.map((x) => client.escapeLiteral(String(x))).join(',')}]::text[]`
        : client.escapeLiteral(String(p));
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE batched(${types.join(',')}) AS ${compiled.sql}`);
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
