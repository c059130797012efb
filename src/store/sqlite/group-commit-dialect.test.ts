// The SQLite connection lock hands over in arrival order, one waiter per release; transactions
// that start in the same turn share one COMMIT, and each still succeeds or fails on its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kysely, sql } from 'kysely';
import { createUserSchema } from '../../scim/index.ts';
import { FifoLock, GroupCommitSqliteDialect } from './group-commit-dialect.ts';
import { openSqliteStore } from './index.ts';
import { openNodeSqlite } from './node-sqlite-database.ts';

describe('FifoLock', () => {
  it('hands the lock to one waiter per release, first come first served', async () => {
    const lock = new FifoLock();
    const order: number[] = [];
    await lock.acquire();
    const waiters = [1, 2, 3].map((n) => lock.acquire().then(() => order.push(n)));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [], 'nobody gets a held lock');
    assert.equal(lock.waiting, 3);
    lock.release();
    await waiters[0];
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [1], 'one release wakes one waiter');
    lock.release();
    lock.release();
    await Promise.all(waiters);
    assert.deepEqual(order, [1, 2, 3]);
    lock.release();
    await lock.acquire(); // free again: taken at once
  });
});

interface Rows {
  t: { n: number };
}

/** A Kysely on an in-memory database through the group-commit dialect, counting COMMITs. */
function open() {
  const database = openNodeSqlite({ location: ':memory:' });
  const counted = { commits: 0 };
  const prepare = database.prepare;
  database.prepare = (text: string) => {
    if (/^commit$/i.test(text)) counted.commits++;
    return prepare(text);
  };
  const dialect = new GroupCommitSqliteDialect(
    { database },
    { inTransaction: () => database.raw.isTransaction },
  );
  const db = new Kysely<Rows>({ dialect });
  return { db, counted, raw: database.raw };
}

const numbers = (db: Kysely<Rows>) =>
  db
    .selectFrom('t')
    .select('n')
    .orderBy('n')
    .execute()
    .then((rows) => rows.map((r) => r.n));

describe('group commit', () => {
  it('transactions started together share a COMMIT; a failing one takes only its own rows', async () => {
    const { db, counted } = open();
    await sql`create table t (n integer primary key)`.execute(db);
    const before = counted.commits;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('t').values({ n: i }).execute();
          await trx
            .insertInto('t')
            .values({ n: 100 + i })
            .execute();
          if (i === 0 || i === 4) throw new Error(`no ${i}`);
        }),
      ),
    );
    assert.deepEqual(
      outcomes.map((o) => o.status),
      [
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        ...Array(5).fill('fulfilled'),
      ],
    );
    const kept = [1, 2, 3, 5, 6, 7, 8, 9];
    assert.deepEqual(await numbers(db), [...kept, ...kept.map((n) => 100 + n)]);
    assert.ok(counted.commits - before < 8, `${counted.commits - before} COMMITs for 8 writes`);
    await db.destroy();
  });

  it('a unique violation fails one transaction of a group, not its neighbours', async () => {
    const { db } = open();
    await sql`create table t (n integer primary key)`.execute(db);
    const outcomes = await Promise.allSettled(
      [1, 2, 2, 3].map((n) =>
        db.transaction().execute((trx) => trx.insertInto('t').values({ n }).execute()),
      ),
    );
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(await numbers(db), [1, 2, 3]);
    await db.destroy();
  });

  it('when SQLite ends the whole transaction, every write of the group fails', async () => {
    const { db, raw } = open();
    await sql`create table t (n integer primary key)`.execute(db);
    const first = db.transaction().execute((trx) => trx.insertInto('t').values({ n: 1 }).execute());
    const second = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ n: 2 }).execute();
      raw.exec('rollback'); // what SQLite does itself on an I/O error or a full disk
      throw new Error('disk full');
    });
    await assert.rejects(first, /rolled back the transaction this write was part of/);
    await assert.rejects(second, /disk full/);
    assert.deepEqual(await numbers(db), [], 'nothing reported written, nothing written');
    const third = db.transaction().execute((trx) => trx.insertInto('t').values({ n: 3 }).execute());
    await third;
    assert.deepEqual(await numbers(db), [3], 'the next group works');
    await db.destroy();
  });

  it('a read while a group is open answers only after the COMMIT, and sees it', async () => {
    const { db, raw } = open();
    await sql`create table t (n integer primary key)`.execute(db);
    const write = db.transaction().execute((trx) => trx.insertInto('t').values({ n: 7 }).execute());
    const read = numbers(db).then((rows) => ({ rows, open: raw.isTransaction }));
    const [answer] = await Promise.all([read, write]);
    assert.deepEqual(answer.rows, [7]);
    assert.equal(answer.open, false, 'answered after the COMMIT');
    await db.destroy();
  });
});

describe('the SQLite store under concurrent writers', () => {
  it('200 creates and reads at once all land, each readable after its write', async () => {
    const store = await openSqliteStore({ location: ':memory:' });
    const users = createUserSchema();
    const { id: tenant } = await store.tenants.create('t', {});
    const created = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const record = await store.resources.create(tenant, 'User', { userName: `u${i}` }, users);
        return (await store.resources.get(tenant, 'User', record.id))?.data.userName;
      }),
    );
    assert.deepEqual(
      created,
      Array.from({ length: 200 }, (_, i) => `u${i}`),
    );
    await store.close();
  });
});
