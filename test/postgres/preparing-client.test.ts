/**
 * The pg Client that names repeated statements (src/store/postgres/preparing-client.ts), on a
 * real PostgreSQL: which texts become prepared statements on the connection, the cap on how
 * many, and that answers and errors are those of the unnamed query.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { preparingClient } from '../../src/store/postgres/preparing-client.ts';

const databaseUrl = process.env.DATABASE_URL;
const skip = databaseUrl
  ? undefined
  : 'PostgreSQL suites skipped: DATABASE_URL is not set (bash .ci/run sets it)';

describe('statements named after their second use (PostgreSQL)', { skip }, () => {
  let pool: pg.Pool;
  let other: pg.Client;
  before(async () => {
    // One connection, so the statements listed are the ones prepared on it; at most 2 names.
    pool = new pg.Pool({ connectionString: databaseUrl, max: 1, Client: preparingClient(2) });
    other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
  });
  after(async () => {
    await pool.end();
    await other.end();
  });
  // Listed on the same connection; sent without values (simple protocol), so never named.
  const prepared = async () =>
    (await pool.query('SELECT statement FROM pg_prepared_statements ORDER BY name')).rows.map(
      (r: { statement: string }) => r.statement,
    );

  test('a text sent twice is prepared once; the values still vary', async () => {
    const text = 'select $1::int + 1 as n';
    assert.deepEqual((await pool.query(text, [1])).rows, [{ n: 2 }]);
    assert.deepEqual(await prepared(), []);
    assert.deepEqual((await pool.query(text, [2])).rows, [{ n: 3 }]);
    assert.deepEqual((await pool.query(text, [41])).rows, [{ n: 42 }]);
    assert.deepEqual(await prepared(), [text]);
  });

  test('transaction control and other statements are never named', async () => {
    for (let i = 0; i < 3; i++) {
      await pool.query('begin', []);
      await pool.query("set local statement_timeout = '5s'", []);
      await pool.query('commit', []);
    }
    assert.ok((await prepared()).every((s) => !/begin|commit|statement_timeout/i.test(s)));
  });

  test('a statement that fails keeps failing the same way and works once it can', async () => {
    const table = `prep_${process.pid}_${Date.now()}`;
    const text = `select count(*)::int as n from ${table}`;
    for (let i = 0; i < 3; i++)
      await assert.rejects(pool.query(text, []), (e: { code?: string }) => e.code === '42P01');
    await other.query(`create table ${table} (id int)`);
    try {
      assert.deepEqual((await pool.query(text, [])).rows, [{ n: 0 }]);
      assert.deepEqual((await pool.query(text, [])).rows, [{ n: 0 }]);
      assert.ok((await prepared()).includes(text));
    } finally {
      await other.query(`drop table ${table}`);
    }
  });

  test('past the cap, new texts run unnamed', async () => {
    // Both names are taken by now: the arithmetic and the count.
    const text = 'select $1::text as t';
    for (const t of ['a', 'b', 'c']) assert.deepEqual((await pool.query(text, [t])).rows, [{ t }]);
    assert.ok(!(await prepared()).includes(text));
  });
});
