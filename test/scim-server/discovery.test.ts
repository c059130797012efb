// The discovery endpoints (RFC 7644 §4): ServiceProviderConfig advertises what the server does
// and the limits it enforces; /Schemas and /ResourceTypes follow the tenant's app profile.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertScimError,
  coreGroup,
  coreUser,
  createHarness,
  enterpriseUser,
  listResponse,
} from './support.ts';

describe('discovery', () => {
  it('ServiceProviderConfig advertises patch, bulk limits, filter, sort, etag, RFC 9865 paging, bearer tokens', async () => {
    const h = await createHarness({
      limits: { bulkMaxOperations: 50, bulkMaxPayloadBytes: 65536, maxResults: 500 },
    });
    const spc = await h.call('GET', '/ServiceProviderConfig');
    assert.equal(spc.status, 200);
    assert.deepEqual(spc.body.schemas, [
      'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
    ]);
    assert.deepEqual(spc.body.patch, { supported: true });
    assert.deepEqual(spc.body.bulk, { supported: true, maxOperations: 50, maxPayloadSize: 65536 });
    assert.deepEqual(spc.body.filter, { supported: true, maxResults: 500 });
    assert.deepEqual(spc.body.changePassword, { supported: false });
    assert.deepEqual(spc.body.sort, { supported: true });
    assert.deepEqual(spc.body.etag, { supported: true });
    assert.equal(spc.body.pagination.cursor, true);
    assert.equal(spc.body.pagination.index, true);
    assert.equal(spc.body.pagination.maxPageSize, 500);
    assert.equal(spc.body.authenticationSchemes[0].type, 'oauthbearertoken');
    assert.equal(spc.body.meta.location, 'https://roster.test/scim/v2/acme/ServiceProviderConfig');
  });

  it('/Schemas and /ResourceTypes list User (with the enterprise extension) and Group', async () => {
    const h = await createHarness();
    const schemas = await h.call('GET', '/Schemas');
    assert.deepEqual(schemas.body.schemas, [listResponse]);
    assert.deepEqual(
      schemas.body.Resources.map((s: { id: string }) => s.id),
      [coreUser, enterpriseUser, coreGroup],
    );
    const one = await h.call('GET', `/Schemas/${coreUser}`);
    assert.equal(one.body.id, coreUser);
    assert.ok(one.body.attributes.some((a: { name: string }) => a.name === 'userName'));
    assert.equal(one.body.meta.location, `https://roster.test/scim/v2/acme/Schemas/${coreUser}`);
    const types = await h.call('GET', '/ResourceTypes');
    assert.deepEqual(
      types.body.Resources.map((t: { id: string; endpoint: string }) => [t.id, t.endpoint]),
      [
        ['User', '/Users'],
        ['Group', '/Groups'],
      ],
    );
    const user = await h.call('GET', '/ResourceTypes/User');
    assert.deepEqual(user.body.schemaExtensions, [{ schema: enterpriseUser, required: false }]);
  });

  it('needs the bearer token like every other endpoint', async () => {
    const h = await createHarness();
    for (const path of ['/ServiceProviderConfig', '/Schemas', '/ResourceTypes']) {
      assertScimError(await h.call('GET', path, { token: null }), 401);
    }
  });

  it('a users-only profile hides the Group type, its schema, and its endpoint', async () => {
    const h = await createHarness({ profile: { groups: false } });
    const types = await h.call('GET', '/ResourceTypes');
    assert.deepEqual(
      types.body.Resources.map((t: { id: string }) => t.id),
      ['User'],
    );
    assert.equal(types.body.totalResults, 1);
    const schemas = await h.call('GET', '/Schemas');
    assert.ok(!schemas.body.Resources.some((s: { id: string }) => s.id === coreGroup));
    assertScimError(await h.call('GET', `/Schemas/${coreGroup}`), 404);
    assertScimError(await h.call('GET', '/ResourceTypes/Group'), 404);
  });
});
