// POST /Bulk (RFC 7644 §3.7): bulkId references in data and paths resolved in dependency
// order, per-operation results, failOnErrors, cycles, and the advertised limits enforced.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Store } from '../../src/store/store.ts';
import { databases } from '../store/databases.ts';
import {
  assertScimError,
  coreGroup,
  coreUser,
  createHarness,
  type Harness,
  patchOp,
} from './support.ts';

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

/** Counts the store's batch inserts, and can pretend no userName is taken (a concurrent writer). */
function counting(options: { blindCheck?: boolean } = {}) {
  /** `many:<n>` for a batch of n, `one` for a single insert, in call order. */
  const calls: string[] = [];
  const wrap = (store: Store): Store => ({
    ...store,
    resources: {
      ...store.resources,
      createMany: (tenantId, kind, data, schema) => {
        calls.push(`many:${data.length}`);
        return store.resources.createMany(tenantId, kind, data, schema);
      },
      create: (...args) => {
        calls.push('one');
        return store.resources.create(...args);
      },
      takenUserNames: (tenantId, names) =>
        options.blindCheck
          ? Promise.resolve(new Set())
          : store.resources.takenUserNames(tenantId, names),
    },
  });
  return { calls, wrap };
}

type Op = {
  status: string;
  bulkId?: string;
  version?: string;
  location?: string;
  response?: { scimType?: string; detail: string };
};
const statuses = (answer: { body: { Operations: Op[] } }) =>
  answer.body.Operations.map((o) => [o.bulkId, o.status, o.response?.scimType]);

const userNamesOf = async (h: Harness) => {
  const list = await h.call('GET', '/Users?count=1000&sortBy=userName');
  return list.body.Resources.map((u: { userName: string }) => u.userName);
};

for (const database of databases) {
  describe(`POST /Bulk writes runs of POSTs as one batch (${database.name})`, {
    skip: database.skip,
  }, () => {
    const harnesses: Harness[] = [];
    const harness = async (options: Parameters<typeof createHarness>[0] = {}) => {
      const h = await createHarness({ open: () => database.open(), ...options });
      harnesses.push(h);
      return h;
    };
    after(() => Promise.all(harnesses.map((h) => h.store.close())));

    it('gives a taken userName and a repeated one their own 409, the rest 201 in one insert', async () => {
      const { calls, wrap } = counting();
      const h = await harness({ wrap });
      await h.call('POST', '/Users', { body: { schemas: [coreUser], userName: 'Taken' } });
      const answer = await h.call('POST', '/Bulk', {
        body: {
          schemas: [bulkRequest],
          Operations: [
            postUser('a', 'ann'),
            postUser('b', 'TAKEN'),
            postUser('c', 'cleo'),
            postUser('d', 'Ann'),
            { method: 'POST', path: '/Users', bulkId: 'e', data: { schemas: [coreUser] } },
            postUser('f', 'fred'),
          ],
        },
      });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(statuses(answer), [
        ['a', '201', undefined],
        ['b', '409', 'uniqueness'],
        ['c', '201', undefined],
        ['d', '409', 'uniqueness'],
        ['e', '400', 'invalidValue'],
        ['f', '201', undefined],
      ]);
      const ops: Op[] = answer.body.Operations;
      assert.match(ops[1]!.response!.detail, /userName "TAKEN" is already taken/);
      assert.match(ops[3]!.response!.detail, /userName "Ann" is already taken/);
      assert.match(ops[4]!.response!.detail, /userName/);
      for (const op of [ops[0]!, ops[2]!, ops[5]!]) {
        assert.equal(op.version, 'W/"1"');
        const got = await h.call('GET', new URL(op.location!).pathname);
        assert.equal(got.status, 200);
        assert.equal(got.headers.get('etag'), 'W/"1"');
      }
      assert.deepEqual(calls, ['one', 'many:3'], 'the three new users in one batch');
      assert.deepEqual(await userNamesOf(h), ['ann', 'cleo', 'fred', 'Taken']);
    });

    it('failOnErrors counts errors inside a run: nothing after the n-th error is written', async () => {
      const h = await harness();
      await h.call('POST', '/Users', { body: { schemas: [coreUser], userName: 'taken' } });
      const answer = await h.call('POST', '/Bulk', {
        body: {
          schemas: [bulkRequest],
          failOnErrors: 2,
          Operations: [
            postUser('a', 'ann'),
            postUser('b', 'taken'),
            postUser('c', 'cleo'),
            postUser('d', 'ann'),
            postUser('e', 'never'),
            postUser('f', 'never2'),
          ],
        },
      });
      assert.deepEqual(statuses(answer), [
        ['a', '201', undefined],
        ['b', '409', 'uniqueness'],
        ['c', '201', undefined],
        ['d', '409', 'uniqueness'],
      ]);
      assert.deepEqual(await userNamesOf(h), ['ann', 'cleo', 'taken']);
    });

    it('an operation that references a bulkId breaks the run, and runs after its target', async () => {
      const { calls, wrap } = counting();
      const h = await harness({ wrap });
      const answer = await h.call('POST', '/Bulk', {
        body: {
          schemas: [bulkRequest],
          Operations: [
            postUser('u1', 'u1'),
            postUser('u2', 'u2'),
            {
              method: 'POST',
              path: '/Users',
              bulkId: 'u3',
              data: {
                schemas: [coreUser],
                userName: 'u3',
                'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
                  manager: { value: 'bulkId:u2' },
                },
              },
            },
            postUser('u4', 'u4'),
            postUser('u5', 'u5'),
            {
              method: 'POST',
              path: '/Groups',
              bulkId: 'g1',
              data: { schemas: [coreGroup], displayName: 'G1', members: [{ value: 'bulkId:u5' }] },
            },
            {
              method: 'POST',
              path: '/Groups',
              bulkId: 'g2',
              data: { schemas: [coreGroup], displayName: 'G2' },
            },
            {
              method: 'POST',
              path: '/Groups',
              bulkId: 'g3',
              data: { schemas: [coreGroup], displayName: 'G3' },
            },
          ],
        },
      });
      assert.deepEqual(
        statuses(answer).map(([id, status]) => [id, status]),
        [
          ['u1', '201'],
          ['u2', '201'],
          ['u3', '201'],
          ['u4', '201'],
          ['u5', '201'],
          ['g1', '201'],
          ['g2', '201'],
          ['g3', '201'],
        ],
      );
      // u1+u2 batched, u3 alone (it references u2), u4+u5 batched, g1 alone, g2+g3 batched.
      assert.deepEqual(calls, ['many:2', 'one', 'many:2', 'one', 'many:2']);
      const ops: Op[] = answer.body.Operations;
      const idOf = (op: Op) => op.location!.split('/').pop();
      const u3 = await h.call('GET', `/Users/${idOf(ops[2]!)}`);
      assert.equal(
        u3.body['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].manager.value,
        idOf(ops[1]!),
      );
      const g1 = await h.call('GET', `/Groups/${idOf(ops[5]!)}`);
      assert.deepEqual(
        g1.body.members.map((m: { value: string }) => m.value),
        [idOf(ops[4]!)],
      );
    });

    it('a Group with members inside a run is created alone, in its place; a bad member is its own 400', async () => {
      const h = await harness();
      const ann = await h.call('POST', '/Users', {
        body: { schemas: [coreUser], userName: 'ann' },
      });
      const group = (displayName: string, members?: { value: string }[]) => ({
        method: 'POST',
        path: '/Groups',
        bulkId: displayName,
        data: { schemas: [coreGroup], displayName, ...(members && { members }) },
      });
      const answer = await h.call('POST', '/Bulk', {
        body: {
          schemas: [bulkRequest],
          Operations: [
            group('A'),
            group('B', [{ value: ann.body.id }]),
            group('C', [{ value: 'no-such-id' }]),
            group('D'),
          ],
        },
      });
      assert.deepEqual(statuses(answer), [
        ['A', '201', undefined],
        ['B', '201', undefined],
        ['C', '400', 'invalidValue'],
        ['D', '201', undefined],
      ]);
      const list = await h.call('GET', '/Groups?sortBy=displayName&excludedAttributes=members');
      assert.deepEqual(
        list.body.Resources.map((g: { displayName: string }) => g.displayName),
        ['A', 'B', 'D'],
      );
    });

    it('when another server takes a userName after the check, the run falls back to one by one', async () => {
      const { calls, wrap } = counting({ blindCheck: true });
      const h = await harness({ wrap });
      await h.call('POST', '/Users', { body: { schemas: [coreUser], userName: 'raced' } });
      const answer = await h.call('POST', '/Bulk', {
        body: {
          schemas: [bulkRequest],
          Operations: [postUser('a', 'ann'), postUser('b', 'raced'), postUser('c', 'cleo')],
        },
      });
      assert.deepEqual(statuses(answer), [
        ['a', '201', undefined],
        ['b', '409', 'uniqueness'],
        ['c', '201', undefined],
      ]);
      assert.deepEqual(
        calls,
        ['one', 'many:3', 'one', 'one', 'one'],
        'the batch was tried, then each alone',
      );
      assert.deepEqual(await userNamesOf(h), ['ann', 'cleo', 'raced']);
    });

    it("applies the tenant's app profile to each operation of a run", async () => {
      const h = await harness({
        profile: { userNameIsEmail: true, allowedEmailDomains: ['acme.test'] },
      });
      const user = (bulkId: string, email: string) => ({
        method: 'POST',
        path: '/Users',
        bulkId,
        data: { schemas: [coreUser], userName: email, emails: [{ type: 'work', value: email }] },
      });
      const answer = await h.call('POST', '/Bulk', {
        body: {
          schemas: [bulkRequest],
          Operations: [
            user('a', 'ann@acme.test'),
            user('b', 'bob@other.test'),
            user('c', 'cleo@acme.test'),
          ],
        },
      });
      assert.deepEqual(statuses(answer), [
        ['a', '201', undefined],
        ['b', '400', 'invalidValue'],
        ['c', '201', undefined],
      ]);
      assert.match(answer.body.Operations[1].response.detail, /domain "other.test"/);
    });
  });
}
