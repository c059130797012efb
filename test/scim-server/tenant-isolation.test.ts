// A token of tenant A never reaches tenant B: B's URL with A's token is the same 401 as a bad
// token (nothing tells that B exists), and B's ids under A's URL are simply not found.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  assertScimError,
  coreGroup,
  coreUser,
  createHarness,
  filterPath,
  type Harness,
} from './support.ts';

describe('tenant isolation', () => {
  let h: Harness;
  let globex: { id: string; token: string };
  let theirUser: string;
  let theirGroup: string;
  let ourGroup: string;

  before(async () => {
    h = await createHarness();
    globex = await h.addTenant('globex');
    const asGlobex = { token: globex.token };
    theirUser = (
      await h.call('POST', '/scim/v2/globex/Users', {
        ...asGlobex,
        body: { schemas: [coreUser], userName: 'shared@corp.test' },
      })
    ).body.id;
    theirGroup = (
      await h.call('POST', '/scim/v2/globex/Groups', {
        ...asGlobex,
        body: { schemas: [coreGroup], displayName: 'Their group', members: [{ value: theirUser }] },
      })
    ).body.id;
    ourGroup = (
      await h.call('POST', '/Groups', { body: { schemas: [coreGroup], displayName: 'Ours' } })
    ).body.id;
  });

  it("A's token on B's URL is 401, exactly like a wrong token or an unknown tenant", async () => {
    const cross = await h.call('GET', '/scim/v2/globex/Users');
    const wrong = await h.call('GET', '/scim/v2/globex/Users', { token: 'rst_wrong' });
    const unknown = await h.call('GET', '/scim/v2/initech/Users');
    for (const answer of [cross, wrong, unknown]) {
      assertScimError(answer, 401);
      assert.equal(answer.body.detail, cross.body.detail);
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
    assertScimError(await h.call('GET', `/scim/v2/globex/Users/${theirUser}`), 401);
    assertScimError(await h.call('GET', '/scim/v2/globex/ServiceProviderConfig'), 401);
    assertScimError(await h.call('GET', '/scim/v2/acme/Users', { token: globex.token }), 401);
  });

  it("B's ids under A's URL are 404 for every verb, and no filter finds them", async () => {
    assertScimError(await h.call('GET', `/Users/${theirUser}`), 404);
    assertScimError(await h.call('GET', `/Groups/${theirGroup}`), 404);
    assertScimError(await h.call('GET', `/Users/${theirGroup}`), 404);
    assertScimError(
      await h.call('PUT', `/Users/${theirUser}`, {
        body: { schemas: [coreUser], userName: 'x@y.test' },
      }),
      404,
    );
    assertScimError(
      await h.call('PATCH', `/Users/${theirUser}`, {
        body: { Operations: [{ op: 'replace', path: 'active', value: false }] },
      }),
      404,
    );
    assertScimError(
      await h.call('PATCH', `/Groups/${theirGroup}`, {
        body: { Operations: [{ op: 'add', path: 'members', value: [{ value: theirUser }] }] },
      }),
      404,
    );
    assertScimError(await h.call('DELETE', `/Users/${theirUser}`), 404);
    assert.equal(
      (await h.call('GET', filterPath('Users', `id eq "${theirUser}"`))).body.totalResults,
      0,
    );
    assert.equal(
      (await h.call('GET', filterPath('Users', 'userName eq "shared@corp.test"'))).body
        .totalResults,
      0,
    );
    assert.equal(
      (await h.call('GET', filterPath('Groups', `members.value eq "${theirUser}"`))).body
        .totalResults,
      0,
    );
    assert.equal((await h.call('POST', '/.search', { body: {} })).body.totalResults, 1);
  });

  it("B's user cannot become a member of A's group (400, as for any unknown id)", async () => {
    assertScimError(
      await h.call('PATCH', `/Groups/${ourGroup}`, {
        body: { Operations: [{ op: 'add', path: 'members', value: [{ value: theirUser }] }] },
      }),
      400,
      'invalidValue',
    );
  });

  it('userName is unique per tenant, not across tenants; B is left intact', async () => {
    const same = await h.call('POST', '/Users', {
      body: { schemas: [coreUser], userName: 'Shared@corp.test' },
    });
    assert.equal(same.status, 201);
    const theirs = await h.call('GET', `/scim/v2/globex/Users/${theirUser}`, {
      token: globex.token,
    });
    assert.equal(theirs.status, 200);
    assert.deepEqual(
      theirs.body.groups.map((g: { value: string }) => g.value),
      [theirGroup],
    );
  });

  it('a revoked token is refused at once (auth cache off in tests)', async () => {
    const [token] = await h.store.tokens.list(globex.id);
    assert.ok(token);
    await h.store.tokens.revoke(globex.id, token.id);
    assertScimError(await h.call('GET', '/scim/v2/globex/Users', { token: globex.token }), 401);
  });
});
