// The SQLite resource cache is never stale: own writes, another connection's commits, and a
// read that overlapped a write all lead to the current row.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createGroupSchema, createUserSchema, parseFilter } from '../../scim/index.ts';
import type { ResourceStore, Store } from '../store.ts';
import { openSqliteStore } from './index.ts';
import { cacheResources } from './resource-cache.ts';

const users = createUserSchema();
const groups = createGroupSchema();
const dir = mkdtempSync(path.join(tmpdir(), 'roster-cache-'));
const opened: Store[] = [];
after(async () => {
  for (const store of opened) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(file = ':memory:') {
  const store = await openSqliteStore({ location: file });
  opened.push(store);
  return store;
}

const user = (userName: string, title?: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  ...(title && { title }),
});

describe('the SQLite resource cache', () => {
  it("follows this store's own writes: replace, members, rename, delete", async () => {
    const store = await open();
    const { id: tenant } = await store.tenants.create('t', {});
    const r = store.resources;
    const ann = await r.create(tenant, 'User', user('ann'), users);
    const group = await r.create(tenant, 'Group', { displayName: 'Sales' }, groups);
    assert.equal((await r.get(tenant, 'User', ann.id))?.version, 1);
    assert.deepEqual(await r.groupsOf(tenant, ann.id), []);

    await r.replace(tenant, 'User', ann.id, user('ann', 'Boss'), users, 1);
    assert.equal((await r.get(tenant, 'User', ann.id))?.data.title, 'Boss');
    await r.changeMembers(tenant, group.id, { add: [ann.id] });
    assert.deepEqual(
      (await r.groupsOf(tenant, ann.id)).map((g) => g.display),
      ['Sales'],
    );
    assert.equal((await r.get(tenant, 'Group', group.id))?.version, 2);
    await r.replace(tenant, 'Group', group.id, { displayName: 'Sales EMEA' }, groups);
    assert.deepEqual(
      (await r.groupsOf(tenant, ann.id)).map((g) => g.display),
      ['Sales EMEA'],
    );
    const both = async () => {
      const found = await r.getUserWithGroups(tenant, ann.id);
      return [found?.record.data.title, found?.groups.map((g) => g.display)];
    };
    assert.deepEqual(await both(), ['Boss', ['Sales EMEA']]);
    await r.replace(tenant, 'User', ann.id, user('ann', 'Chief'), users);
    assert.deepEqual(await both(), ['Chief', ['Sales EMEA']]);
    await r.changeMembers(tenant, group.id, { removeAll: true });
    assert.deepEqual(await both(), ['Chief', []]);
    assert.deepEqual(await r.groupsOf(tenant, ann.id), []);
    await r.changeMembers(tenant, group.id, { add: [ann.id] });
    assert.equal((await r.get(tenant, 'Group', group.id))?.version, 5);
    await r.delete(tenant, 'User', ann.id);
    assert.equal(await r.get(tenant, 'User', ann.id), undefined);
    assert.equal((await r.get(tenant, 'Group', group.id))?.version, 6, 'the group lost a member');
  });

  it("sees another connection's commits to the same file (another roster process)", async () => {
    const file = path.join(dir, 'shared.db');
    const one = await open(file);
    const two = await open(file);
    const { id: tenant } = await one.tenants.create('t', {});
    const ann = await one.resources.create(tenant, 'User', user('ann'), users);
    const group = await one.resources.create(tenant, 'Group', { displayName: 'G' }, groups);
    assert.equal((await one.resources.get(tenant, 'User', ann.id))?.version, 1);
    assert.deepEqual(await one.resources.groupsOf(tenant, ann.id), []);

    await two.resources.replace(tenant, 'User', ann.id, user('ann', 'Changed'), users);
    await two.resources.changeMembers(tenant, group.id, { add: [ann.id] });
    const seen = await one.resources.get(tenant, 'User', ann.id);
    assert.equal(seen?.version, 2);
    assert.equal(seen?.data.title, 'Changed');
    assert.equal((await one.resources.groupsOf(tenant, ann.id)).length, 1);
    await two.resources.changeMembers(tenant, group.id, { removeAll: true });
    assert.deepEqual((await one.resources.getUserWithGroups(tenant, ann.id))?.groups, []);
    await two.resources.delete(tenant, 'User', ann.id);
    assert.equal(await one.resources.get(tenant, 'User', ann.id), undefined);
  });

  it('does not remember a read that overlapped a write', async () => {
    const store = await open();
    const { id: tenant } = await store.tenants.create('t', {});
    const ann = await store.resources.create(tenant, 'User', user('ann'), users);
    // The read has its row but is held back until the write has committed.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowReads: ResourceStore = {
      ...store.resources,
      get: async (...args) => {
        const row = await store.resources.get(...args);
        await held;
        return row;
      },
    };
    const cached = cacheResources(slowReads, () => false, 100);
    const stale = cached.get(tenant, 'User', ann.id);
    await cached.replace(tenant, 'User', ann.id, user('ann', 'New'), users);
    release();
    assert.equal((await stale)?.version, 1);
    const after = await cached.get(tenant, 'User', ann.id);
    assert.equal(after?.version, 2, 'the overlapping read was not cached');
  });

  it('answers userName lookups from cached users, never a renamed or deleted one', async () => {
    const file = path.join(dir, 'lookups.db');
    const one = await open(file);
    const two = await open(file);
    const { id: tenant } = await one.tenants.create('t', {});
    const r = one.resources;
    const ann = await r.create(tenant, 'User', user('Ann@acme.test'), users);
    const group = await r.create(tenant, 'Group', { displayName: 'G' }, groups);
    await r.changeMembers(tenant, group.id, { add: [ann.id] });
    const find = async (name: string, withGroups = true) => {
      const page = await r.query(tenant, 'User', users, {
        filter: parseFilter(`userName eq "${name}"`),
        startIndex: 1,
        count: 10,
        withGroups,
      });
      return page.records.map((record) => [
        record.data.userName,
        record.data.title,
        page.groups?.get(record.id)?.map((g) => g.display),
      ]);
    };
    // Counting the base store's lookups shows which answers came from memory.
    let asked = 0;
    const counting = cacheResources(
      {
        ...r,
        query: (...args) => {
          asked++;
          return r.query(...args);
        },
      },
      () => false,
      100,
    );
    await counting.getUserWithGroups(tenant, ann.id);
    const page = await counting.query(tenant, 'User', users, {
      filter: parseFilter('userName eq "ANN@acme.test"'),
      startIndex: 1,
      count: 10,
      withGroups: true,
    });
    assert.equal(asked, 0, 'a cached user and its groups answer the lookup');
    assert.deepEqual(page.groups?.get(ann.id)?.length, 1);
    const skipped = await counting.query(tenant, 'User', users, {
      filter: parseFilter('userName eq "ann@acme.test"'),
      startIndex: 2,
      count: 10,
    });
    assert.deepEqual([skipped.totalResults, skipped.records], [1, []], 'startIndex past it');

    assert.deepEqual(await find('ann@acme.test'), [['Ann@acme.test', undefined, ['G']]]);
    await r.replace(tenant, 'User', ann.id, user('Ann.Lee@acme.test', 'Lead'), users);
    assert.deepEqual(await find('ann@acme.test'), [], 'the old name after a rename');
    assert.deepEqual(await find('ann.lee@acme.test'), [['Ann.Lee@acme.test', 'Lead', ['G']]]);
    await two.resources.replace(tenant, 'User', ann.id, user('Ann@acme.test', 'Back'), users);
    assert.deepEqual(await find('ann.lee@acme.test'), [], "another process's rename");
    assert.deepEqual(await find('ann@acme.test', false), [['Ann@acme.test', 'Back', undefined]]);
    await r.delete(tenant, 'User', ann.id);
    assert.deepEqual(await find('ann@acme.test'), [], 'a deleted user');
  });

  it('hands out frozen records, so a caller cannot change what the next one reads', async () => {
    const store = await open();
    const { id: tenant } = await store.tenants.create('t', {});
    const ann = await store.resources.create(tenant, 'User', user('ann'), users);
    const record = await store.resources.get(tenant, 'User', ann.id);
    assert.throws(() => {
      (record!.data as Record<string, unknown>).title = 'x';
    }, TypeError);
    assert.equal((await store.resources.get(tenant, 'User', ann.id))?.data.title, undefined);
  });
});
