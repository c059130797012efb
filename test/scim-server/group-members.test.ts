// Group membership beyond Entra's forms: POST and PUT with members, nested groups, PATCH forms
// that need the current members, Prefer, and what deleting a member does to its groups.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { assertScimError, coreGroup, coreUser, createHarness, type Harness } from './support.ts';

describe('group members', () => {
  let h: Harness;
  const users: string[] = [];
  const ids = async (group: string) =>
    ((await h.call('GET', `/Groups/${group}`)).body.members ?? [])
      .map((m: { value: string }) => m.value)
      .sort();

  before(async () => {
    h = await createHarness();
    for (let i = 0; i < 4; i++) {
      users.push(
        (await h.call('POST', '/Users', { body: { schemas: [coreUser], userName: `u${i}` } })).body
          .id,
      );
    }
  });

  it('POST with members stores them as rows; an unknown member is 400 and leaves no group', async () => {
    const created = await h.call('POST', '/Groups', {
      body: {
        schemas: [coreGroup],
        displayName: 'Two',
        members: [{ value: users[0] }, { value: users[1], type: 'User' }],
      },
    });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(
      created.body.members.map((m: { value: string; type: string }) => [m.value, m.type]).sort(),
      [
        [users[0], 'User'],
        [users[1], 'User'],
      ].sort(),
    );
    assert.match(created.body.members[0].$ref, /^https:\/\/roster\.test\/scim\/v2\/acme\/Users\//);
    assertScimError(
      await h.call('POST', '/Groups', {
        body: { schemas: [coreGroup], displayName: 'Ghost', members: [{ value: 'nobody' }] },
      }),
      400,
      'invalidValue',
      /"nobody"/,
    );
    const ghosts = await h.call(
      'GET',
      `/Groups?filter=${encodeURIComponent('displayName eq "Ghost"')}`,
    );
    assert.equal(ghosts.body.totalResults, 0);
  });

  it('PUT replaces the member set; a PUT without members empties the group', async () => {
    const group = (
      await h.call('POST', '/Groups', {
        body: { schemas: [coreGroup], displayName: 'P', members: [{ value: users[0] }] },
      })
    ).body.id;
    const put = await h.call('PUT', `/Groups/${group}`, {
      body: {
        schemas: [coreGroup],
        displayName: 'P2',
        members: [{ value: users[2] }, { value: users[3] }],
      },
    });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.displayName, 'P2');
    assert.deepEqual(await ids(group), [users[2], users[3]].sort());
    assert.equal(
      (
        await h.call('PUT', `/Groups/${group}`, {
          body: { schemas: [coreGroup], displayName: 'P3' },
        })
      ).status,
      200,
    );
    assert.deepEqual(await ids(group), []);
    assertScimError(
      await h.call('PUT', `/Groups/${group}`, {
        body: { schemas: [coreGroup], displayName: 'P4', members: [{ value: 'nobody' }] },
      }),
      400,
      'invalidValue',
    );
    assert.equal(
      (await h.call('GET', `/Groups/${group}`)).body.displayName,
      'P3',
      'a failed PUT changes nothing',
    );
  });

  it('nested groups; a PATCH that filters members by type loads them and still writes deltas', async () => {
    const inner = (
      await h.call('POST', '/Groups', { body: { schemas: [coreGroup], displayName: 'Inner' } })
    ).body.id;
    const outer = (
      await h.call('POST', '/Groups', {
        body: {
          schemas: [coreGroup],
          displayName: 'Outer',
          members: [{ value: inner }, { value: users[0] }, { value: users[1] }],
        },
      })
    ).body.id;
    const types = (await h.call('GET', `/Groups/${outer}`)).body.members.map(
      (m: { value: string; type: string }) => [m.value, m.type],
    );
    assert.deepEqual(new Map(types).get(inner), 'Group');
    const removed = await h.call('PATCH', `/Groups/${outer}`, {
      body: { Operations: [{ op: 'remove', path: 'members[type eq "User"]' }] },
    });
    assert.equal(removed.status, 204, removed.text);
    assert.deepEqual(await ids(outer), [inner]);
    const replaced = await h.call('PATCH', `/Groups/${outer}`, {
      body: { Operations: [{ op: 'replace', path: 'members', value: [{ value: users[2] }] }] },
      headers: { Prefer: 'return=representation' },
    });
    assert.equal(replaced.status, 200);
    assert.deepEqual(
      replaced.body.members.map((m: { value: string }) => m.value),
      [users[2]],
    );
    const renamed = await h.call('PATCH', `/Groups/${outer}?attributes=displayName`, {
      body: {
        Operations: [
          { op: 'replace', value: { displayName: 'Outer 2', members: [{ value: users[3] }] } },
        ],
      },
    });
    assert.equal(renamed.status, 200, 'attributes given: RFC 7644 §3.5.2 requires 200');
    assert.deepEqual(Object.keys(renamed.body).sort(), ['displayName', 'id', 'schemas']);
    assert.deepEqual(await ids(outer), [users[3]]);
  });

  it('a PATCH that changes nothing keeps the version; a user PATCH may prefer 204', async () => {
    const group = (
      await h.call('POST', '/Groups', { body: { schemas: [coreGroup], displayName: 'Same' } })
    ).body.id;
    const same = await h.call('PATCH', `/Groups/${group}`, {
      body: { Operations: [{ op: 'replace', path: 'displayName', value: 'Same' }] },
    });
    assert.equal(same.headers.get('etag'), 'W/"1"');
    const minimal = await h.call('PATCH', `/Users/${users[3]}`, {
      body: { Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
      headers: { Prefer: 'return=minimal' },
    });
    assert.equal(minimal.status, 204);
    assert.equal(minimal.headers.get('etag'), 'W/"2"');
  });

  it("a user's GET, PATCH and PUT answer with its groups; excluding them skips them", async () => {
    const group = (
      await h.call('POST', '/Groups', {
        body: { schemas: [coreGroup], displayName: 'Readers', members: [{ value: users[2] }] },
      })
    ).body;
    const shown = (answer: { body: { groups?: { value: string; display?: string }[] } }) =>
      (answer.body.groups ?? []).map((g) => [g.value, g.display]);
    const expected = [[group.id, 'Readers']];
    assert.deepEqual(shown(await h.call('GET', `/Users/${users[2]}`)), expected);
    const patchBody = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'title', value: 'Reader' }],
    };
    const patched = await h.call('PATCH', `/Users/${users[2]}`, { body: patchBody });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.title, 'Reader');
    assert.deepEqual(shown(patched), expected);
    const put = await h.call('PUT', `/Users/${users[2]}`, {
      body: { schemas: [coreUser], userName: 'u2', title: 'Writer' },
    });
    assert.deepEqual(shown(put), expected);
    const lean = await h.call('PATCH', `/Users/${users[2]}?excludedAttributes=groups`, {
      body: { ...patchBody, Operations: [{ op: 'replace', path: 'title', value: 'Lean' }] },
    });
    assert.equal(lean.body.title, 'Lean');
    assert.equal(lean.body.groups, undefined);
  });

  it('deleting a user removes it from its groups and moves their version', async () => {
    const group = (
      await h.call('POST', '/Groups', {
        body: { schemas: [coreGroup], displayName: 'D', members: [{ value: users[3] }] },
      })
    ).body;
    assert.equal((await h.call('DELETE', `/Users/${users[3]}`)).status, 204);
    const after = await h.call('GET', `/Groups/${group.id}`);
    assert.deepEqual(after.body.members, []);
    assert.notEqual(after.body.meta.version, group.meta.version);
  });
});
