// A 100,000-member group: member PATCHes and excludedAttributes=members never load the member
// list (store.resources.members is counted by a wrapper); only a representation that returns
// members reads them.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createUserSchema } from '../../src/scim/index.ts';
import type { Store } from '../../src/store/store.ts';
import { coreGroup, coreUser, createHarness, filterPath, type Harness } from './support.ts';

const size = 100_000;

describe('a 100,000-member group', () => {
  let h: Harness;
  let group: string;
  let loads = 0;
  const members: string[] = [];

  const counting = (store: Store): Store => ({
    ...store,
    resources: {
      ...store.resources,
      members: (tenantId, groupId) => {
        loads++;
        return store.resources.members(tenantId, groupId);
      },
    },
  });

  before(async () => {
    h = await createHarness({ wrap: counting });
    const users = createUserSchema();
    for (let i = 0; i < size + 2; i++) {
      const record = await h.store.resources.create(
        h.tenant.id,
        'User',
        { schemas: [coreUser], userName: `u${i}` },
        users,
      );
      members.push(record.id);
    }
    group = (
      await h.call('POST', '/Groups', { body: { schemas: [coreGroup], displayName: 'Everyone' } })
    ).body.id;
    for (let i = 0; i < size; i += 10_000) {
      await h.store.resources.changeMembers(h.tenant.id, group, {
        add: members.slice(i, i + 10_000),
      });
    }
    loads = 0;
  });

  it('adding and removing one member is a row delta: 204, members never loaded', async () => {
    const added = await h.call('PATCH', `/Groups/${group}`, {
      body: {
        Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: members[size] }] }],
      },
    });
    assert.equal(added.status, 204, added.text);
    const removed = await h.call('PATCH', `/Groups/${group}`, {
      body: {
        Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: members[0] }] }],
      },
    });
    assert.equal(removed.status, 204);
    const flagForm = await h.call('PATCH', `/Groups/${group}`, {
      body: { Operations: [{ op: 'remove', path: `members[value eq "${members[1]}"]` }] },
    });
    assert.equal(flagForm.status, 204);
    const mixed = await h.call('PATCH', `/Groups/${group}?excludedAttributes=members`, {
      body: {
        Operations: [
          { op: 'Replace', path: 'displayName', value: 'All staff' },
          { op: 'Add', path: 'members', value: [{ value: members[size + 1] }] },
        ],
      },
    });
    assert.equal(mixed.status, 200, 'excludedAttributes asks for the resource');
    assert.equal(mixed.body.displayName, 'All staff');
    assert.equal('members' in mixed.body, false);
    assert.equal(loads, 0);
  });

  it('excludedAttributes=members reads never load members', async () => {
    const got = await h.call('GET', `/Groups/${group}?excludedAttributes=members`);
    assert.equal(got.status, 200);
    assert.equal('members' in got.body, false);
    const listed = await h.call(
      'GET',
      filterPath('Groups', 'displayName eq "All staff"', '&excludedAttributes=members'),
    );
    assert.equal(listed.body.totalResults, 1);
    const byMember = await h.call(
      'GET',
      filterPath('Groups', `members.value eq "${members[size]}"`, '&excludedAttributes=members'),
    );
    assert.equal(byMember.body.Resources[0].id, group);
    const user = await h.call('GET', `/Users/${members[5]}`);
    assert.deepEqual(
      user.body.groups.map((g: { value: string }) => g.value),
      [group],
    );
    assert.equal(loads, 0);
  });

  it('a representation that returns members loads them once, all of them', async () => {
    const got = await h.call('GET', `/Groups/${group}?attributes=members`);
    assert.equal(loads, 1);
    assert.equal(got.body.members.length, size);
    const ids = new Set(got.body.members.map((m: { value: string }) => m.value));
    assert.ok(ids.has(members[size]) && ids.has(members[size + 1]));
    assert.ok(!ids.has(members[0]) && !ids.has(members[1]));
  });
});
