// POST /Bulk (RFC 7644 §3.7): bulkId references in data and paths resolved in dependency
// order, per-operation results, failOnErrors, cycles, and the advertised limits enforced.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertScimError, coreGroup, coreUser, createHarness, patchOp } from './support.ts';

const bulkRequest = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const bulkResponse = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

const postUser = (bulkId: string, userName: string) => ({
  method: 'POST',
  path: '/Users',
  bulkId,
  data: { schemas: [coreUser], userName },
});

describe('POST /Bulk', () => {
  it('resolves bulkId references in data and paths, whatever the operation order', async () => {
    const h = await createHarness();
    const answer = await h.call('POST', '/Bulk', {
      body: {
        schemas: [bulkRequest],
        Operations: [
          // References users created later in the request: run after them.
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g1',
            data: {
              schemas: [coreGroup],
              displayName: 'Tour Guides',
              members: [{ type: 'User', value: 'bulkId:u1' }, { value: 'bulkId:u2' }],
            },
          },
          postUser('u1', 'alice'),
          postUser('u2', 'bob'),
          {
            method: 'PATCH',
            path: '/Users/bulkId:u1',
            data: {
              schemas: [patchOp],
              Operations: [
                {
                  op: 'add',
                  path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
                  value: 'bulkId:u2',
                },
              ],
            },
          },
          { method: 'DELETE', path: '/Users/bulkId:u2' },
        ],
      },
    });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.schemas, [bulkResponse]);
    const ops = answer.body.Operations;
    assert.deepEqual(
      ops.map((o: { method: string; bulkId?: string; status: string }) => [
        o.method,
        o.bulkId,
        o.status,
      ]),
      [
        ['POST', 'g1', '201'],
        ['POST', 'u1', '201'],
        ['POST', 'u2', '201'],
        ['PATCH', undefined, '200'],
        ['DELETE', undefined, '204'],
      ],
    );
    const u1 = ops[1].location.split('/').pop();
    const u2 = ops[2].location.split('/').pop();
    assert.match(ops[1].location, /^https:\/\/roster\.test\/scim\/v2\/acme\/Users\//);
    assert.equal(ops[1].version, 'W/"1"');
    const group = await h.call('GET', new URL(ops[0].location).pathname);
    assert.deepEqual(
      group.body.members.map((m: { value: string }) => m.value),
      [u1],
      'u2 was deleted by the last op',
    );
    const alice = await h.call('GET', `/Users/${u1}`);
    assert.equal(
      alice.body['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].manager.value,
      u2,
    );
    assert.equal((await h.call('GET', `/Users/${u2}`)).status, 404);
  });

  it('reports each failure in place and keeps going; failOnErrors stops after n errors', async () => {
    const h = await createHarness();
    await h.call('POST', '/Users', { body: { schemas: [coreUser], userName: 'taken' } });
    const answer = await h.call('POST', '/Bulk', {
      body: {
        schemas: [bulkRequest],
        Operations: [
          postUser('a', 'taken'),
          {
            method: 'PATCH',
            path: '/Users/bulkId:a',
            data: { Operations: [{ op: 'add', path: 'title', value: 'x' }] },
          },
          {
            method: 'PUT',
            path: '/Users/bulkId:nobody',
            data: { schemas: [coreUser], userName: 'x' },
          },
          { method: 'GET', path: '/Users' },
          { method: 'POST', path: '/Widgets', data: {} },
          postUser('b', 'fine'),
        ],
      },
    });
    const ops = answer.body.Operations;
    assert.deepEqual(
      ops.map((o: { status: string; response?: { scimType?: string } }) => [
        o.status,
        o.response?.scimType,
      ]),
      [
        ['409', 'uniqueness'],
        ['400', 'invalidValue'],
        ['400', 'invalidValue'],
        ['400', 'invalidValue'],
        ['404', undefined],
        ['201', undefined],
      ],
    );
    assert.match(ops[1].response.detail, /bulkId "a" belongs to an operation that failed/);
    assert.match(ops[2].response.detail, /bulkId "nobody" is not defined/);
    assert.equal(ops[0].response.schemas[0], 'urn:ietf:params:scim:api:messages:2.0:Error');

    const stopped = await h.call('POST', '/Bulk', {
      body: {
        schemas: [bulkRequest],
        failOnErrors: 1,
        Operations: [postUser('c', 'taken'), postUser('d', 'never-created')],
      },
    });
    assert.deepEqual(
      stopped.body.Operations.map((o: { status: string }) => o.status),
      ['409'],
    );
    const none = await h.call(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "never-created"')}`,
    );
    assert.equal(none.body.totalResults, 0);
  });

  it('a bulkId reference cycle is 409 for the operations on it', async () => {
    const h = await createHarness();
    const answer = await h.call('POST', '/Bulk', {
      body: {
        schemas: [bulkRequest],
        Operations: [
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g1',
            data: { schemas: [coreGroup], displayName: 'A', members: [{ value: 'bulkId:g2' }] },
          },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g2',
            data: { schemas: [coreGroup], displayName: 'B', members: [{ value: 'bulkId:g1' }] },
          },
          postUser('u', 'unrelated'),
        ],
      },
    });
    assert.deepEqual(
      answer.body.Operations.map((o: { status: string }) => o.status),
      ['409', '409', '201'],
    );
    assert.match(answer.body.Operations[0].response.detail, /cycle/);
  });

  it('enforces maxOperations and maxPayloadSize with 413 (RFC 7644 §3.7.4), and the tenant profile', async () => {
    const h = await createHarness({
      limits: { bulkMaxOperations: 2, bulkMaxPayloadBytes: 2000 },
      profile: { groups: false },
    });
    assertScimError(
      await h.call('POST', '/Bulk', {
        body: {
          schemas: [bulkRequest],
          Operations: [postUser('1', 'a'), postUser('2', 'b'), postUser('3', 'c')],
        },
      }),
      413,
      undefined,
      /3 operations; the maximum is 2/,
    );
    assertScimError(
      await h.call('POST', '/Bulk', {
        body: {
          schemas: [bulkRequest],
          Operations: [
            { ...postUser('1', 'a'), data: { schemas: [coreUser], userName: 'x'.repeat(3000) } },
          ],
        },
      }),
      413,
      undefined,
      /maxPayloadSize/,
    );
    const groups = await h.call('POST', '/Bulk', {
      body: {
        schemas: [bulkRequest],
        Operations: [
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g',
            data: { schemas: [coreGroup], displayName: 'G' },
          },
        ],
      },
    });
    assert.equal(groups.body.Operations[0].status, '404');
    assertScimError(
      await h.call('POST', '/Bulk', { body: { schemas: [bulkRequest] } }),
      400,
      'invalidSyntax',
      /Operations/,
    );
    assertScimError(
      await h.call('POST', '/Bulk', { body: { Operations: [], failOnErrors: 0 } }),
      400,
      'invalidValue',
      /failOnErrors/,
    );
  });
});
