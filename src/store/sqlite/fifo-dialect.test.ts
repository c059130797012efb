// The SQLite connection lock hands over in arrival order, one waiter per release, and the
// store stays correct with many writers at once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUserSchema } from '../../scim/index.ts';
import { FifoLock } from './fifo-dialect.ts';
import { openSqliteStore } from './index.ts';

describe('FifoLock', () => {
  it('hands the lock to one waiter per release, first come first served', async () => {
    const lock = new FifoLock();
    const order: number[] = [];
    await lock.acquire();
    const waiters = [1, 2, 3].map((n) => lock.acquire().then(() => order.push(n)));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [], 'nobody gets a held lock');
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
