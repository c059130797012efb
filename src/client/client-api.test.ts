// The client's operations against a scripted target: Test Connection's explanations, paging,
// discovery, Bulk chunking with per-operation results, and RFC-only request bodies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScimClient } from './create-scim-client.ts';
import { patchBody, resourceBody } from './request-bodies.ts';
import {
  createFakeFetch,
  type FakeAnswer,
  type RecordedRequest,
  scimError,
  scimJson,
} from './testing/fake-fetch.ts';
import { createFakeTime } from './testing/fake-time.ts';

const listResponse = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

function setup(
  handler: (request: RecordedRequest, index: number) => FakeAnswer,
  timeoutMs = 60_000,
) {
  const time = createFakeTime();
  const target = createFakeFetch(handler, time.clock);
  const client = createScimClient({
    baseUrl: 'https://app.test/scim/v2',
    token: 'secret',
    fetch: target.fetch,
    clock: time.clock,
    sleep: time.sleep,
    timeoutMs,
    randomId: () => '7d6ae7a1-0000-4000-8000-000000000000',
  });
  const run = async <T>(promise: Promise<T>): Promise<T> => {
    const outcome = promise.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    await time.runUntilIdle();
    const result = await outcome;
    if (!result.ok) throw result.error;
    return result.value;
  };
  return { client, target, run };
}

describe('testConnection', () => {
  it("sends Entra's probe and accepts an empty ListResponse", async () => {
    const { client, target, run } = setup(() =>
      scimJson(200, { schemas: [listResponse], totalResults: 0, Resources: [] }),
    );
    const result = await run(client.testConnection());
    assert.equal(result.ok, true);
    const probe = target.requests[0]!;
    assert.equal(probe.method, 'GET');
    assert.equal(probe.url.pathname, '/scim/v2/Users');
    assert.equal(
      probe.url.searchParams.get('filter'),
      'userName eq "7d6ae7a1-0000-4000-8000-000000000000"',
    );
  });

  const tlsError = new TypeError('fetch failed', {
    cause: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
  });
  const dnsError = new TypeError('fetch failed', {
    cause: Object.assign(new Error('getaddrinfo ENOTFOUND app.test'), { code: 'ENOTFOUND' }),
  });
  const cases: [string, () => FakeAnswer, string, RegExp][] = [
    [
      'DNS failure',
      () => {
        throw dnsError;
      },
      'unreachable',
      /could not be reached: check the host name/,
    ],
    [
      'expired certificate',
      () => {
        throw tlsError;
      },
      'tls',
      /TLS connection to the target failed: check its certificate/,
    ],
    ['no answer', () => 'hang', 'timeout', /did not answer in time/],
    ['401', () => scimError(401, 'bad token'), 'unauthorized', /check the Secret Token/],
    ['403', () => scimError(403, 'forbidden'), 'unauthorized', /check the Secret Token/],
    ['404', () => scimError(404, 'no such path'), 'notFound', /check the Tenant URL \(Base URL\)/],
    [
      'an HTML page',
      () =>
        new Response('<!doctype html><title>Login</title>', {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
        }),
      'notScim',
      /did not answer as a SCIM service/,
    ],
    [
      'JSON that is not a ListResponse',
      () => scimJson(200, { hello: 'world' }),
      'notScim',
      /not with a SCIM ListResponse/,
    ],
    [
      'filter refused',
      () => scimError(400, 'filtering is not supported', 'invalidFilter'),
      'rejected',
      /must support filtering Users on userName/,
    ],
    [
      'server error',
      () => scimError(500, 'boom'),
      'serverError',
      /The target failed \(500\): boom/,
    ],
  ];
  for (const [name, answer, problem, message] of cases) {
    it(`${name} → ${problem}`, async () => {
      const { client, run } = setup(answer, 1000);
      const result = await run(client.testConnection());
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.problem, problem);
      assert.match(result.message, message);
    });
  }
});

describe('list', () => {
  const users = Array.from({ length: 250 }, (_, i) => ({ id: `u${i}`, userName: `user${i}` }));
  const pager = (cap: number) => (request: RecordedRequest) => {
    const start = Number(request.url.searchParams.get('startIndex'));
    const count = Math.min(Number(request.url.searchParams.get('count')), cap);
    const page = users.slice(start - 1, start - 1 + count);
    return scimJson(200, {
      schemas: [listResponse],
      totalResults: users.length,
      startIndex: start,
      itemsPerPage: page.length,
      Resources: page,
    });
  };

  it('streams every resource, page by page', async () => {
    const { client, target } = setup(pager(1000));
    const seen: string[] = [];
    for await (const user of client.list('/Users', { pageSize: 100, attributes: ['userName'] }))
      seen.push(user.id as string);
    assert.equal(seen.length, 250);
    assert.deepEqual(
      target.requests.map((r) => r.url.searchParams.get('startIndex')),
      ['1', '101', '201'],
    );
    assert.equal(target.requests[0]!.url.searchParams.get('attributes'), 'userName');
  });

  it('follows a server that returns smaller pages than asked', async () => {
    const { client, target } = setup(pager(40));
    let count = 0;
    for await (const _ of client.list('/Users', { pageSize: 100 })) count++;
    assert.equal(count, 250);
    assert.equal(target.requests.length, 7);
  });

  it('stops on an empty page even if totalResults promised more', async () => {
    const { client, target } = setup(() => scimJson(200, { totalResults: 10, Resources: [] }));
    const pages = [];
    for await (const page of client.listPages('/Groups', { excludedAttributes: ['members'] }))
      pages.push(page);
    assert.equal(pages.length, 1);
    assert.equal(target.requests[0]!.url.searchParams.get('excludedAttributes'), 'members');
  });
});

describe('discover and bulk', () => {
  const config = (bulk: object) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk,
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
  });

  it('reads the capabilities once; no endpoint means assumptions', async () => {
    const { client, target, run } = setup(() =>
      scimJson(200, config({ supported: true, maxOperations: 2, maxPayloadSize: 1048576 })),
    );
    const first = await run(client.discover());
    await run(client.discover());
    assert.deepEqual(first.bulk, { supported: true, maxOperations: 2, maxPayloadSize: 1048576 });
    assert.equal(first.etag, true);
    assert.equal(target.requests.length, 1);

    const missing = setup(() => scimError(404, 'none'));
    const assumed = await missing.run(missing.client.discover());
    assert.equal(assumed.advertised, false);
    assert.equal(assumed.bulk.supported, false);
  });

  it('refuses bulk when the target does not advertise it', async () => {
    const { client, run } = setup(() =>
      scimJson(200, config({ supported: false, maxOperations: 0, maxPayloadSize: 0 })),
    );
    await assert.rejects(
      run(client.bulk([{ method: 'DELETE', path: '/Users/u1' }])),
      /does not advertise Bulk/,
    );
  });

  it('chunks by maxOperations and returns one result per operation, failures as data', async () => {
    const { client, target, run } = setup((request) => {
      if (request.url.pathname.endsWith('/ServiceProviderConfig')) {
        return scimJson(
          200,
          config({ supported: true, maxOperations: 2, maxPayloadSize: 1048576 }),
        );
      }
      const ops = (
        request.body as { Operations: { method: string; bulkId?: string; path: string }[] }
      ).Operations;
      return scimJson(200, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
        Operations: ops.map((op) =>
          op.path === '/Users/gone'
            ? {
                method: op.method,
                status: '404',
                response: {
                  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
                  status: '404',
                  detail: 'no such user',
                },
              }
            : {
                method: op.method,
                bulkId: op.bulkId,
                status: op.method === 'POST' ? '201' : '200',
                location: `https://app.test/scim/v2/Users/${op.bulkId ?? 'x'}-id`,
              },
        ),
      });
    });
    const results = await run(
      client.bulk([
        { method: 'POST', path: '/Users', data: { userName: 'a', id: 'ignored', meta: {} } },
        { method: 'POST', path: '/Users', bulkId: 'b', data: { userName: 'b' } },
        {
          method: 'PATCH',
          path: '/Users/gone',
          operations: [{ op: 'replace', path: 'active', value: false }],
        },
        { method: 'DELETE', path: '/Users/u9' },
        { method: 'PUT', path: '/Users/u8', data: { userName: 'c' } },
      ]),
    );
    const bulkRequests = target.requests.filter((r) => r.url.pathname.endsWith('/Bulk'));
    assert.deepEqual(
      bulkRequests.map((r) => (r.body as { Operations: unknown[] }).Operations.length),
      [2, 2, 1],
    );
    const first = bulkRequests[0]!.body as {
      schemas: string[];
      Operations: Record<string, unknown>[];
    };
    assert.deepEqual(first.schemas, ['urn:ietf:params:scim:api:messages:2.0:BulkRequest']);
    assert.deepEqual(first.Operations[0], {
      method: 'POST',
      path: '/Users',
      bulkId: 'op0',
      data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'a' },
    });
    assert.deepEqual(
      results.map((r) => [r.index, r.status, r.id, r.error?.kind]),
      [
        [0, 201, 'op0-id', undefined],
        [1, 201, 'b-id', undefined],
        [2, 404, undefined, 'notFound'],
        [3, 200, 'x-id', undefined],
        [4, 200, 'x-id', undefined],
      ],
    );
    assert.equal(results[2]!.error!.detail, 'no such user');
  });
});

describe('request bodies are RFC 7644, never Entra shapes', () => {
  it('a resource gets schemas (extensions included), loses id and meta', () => {
    assert.deepEqual(
      resourceBody('/Users', {
        id: 'x',
        meta: { resourceType: 'User' },
        userName: 'ann',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
      }),
      {
        schemas: [
          'urn:ietf:params:scim:schemas:core:2.0:User',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        ],
        userName: 'ann',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
      },
    );
    assert.deepEqual(resourceBody('Groups', { displayName: 'G' }).schemas, [
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]);
  });

  it('a PATCH has the PatchOp schema and lower-case ops', () => {
    assert.deepEqual(
      patchBody([
        { op: 'Replace' as never, path: 'active', value: false },
        { op: 'remove', path: 'nickName' },
      ]),
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'replace', path: 'active', value: false },
          { op: 'remove', path: 'nickName' },
        ],
      },
    );
  });

  it("refuses Entra's remove-with-a-value-list and a value-less add", () => {
    assert.throws(
      () => patchBody([{ op: 'remove', path: 'members', value: [{ value: 'u1' }] }]),
      /remove takes no value/,
    );
    assert.throws(() => patchBody([{ op: 'add', path: 'nickName' }]), /add needs a value/);
  });

  it('a 204 PATCH answer is undefined, a 200 the resource', async () => {
    const { client, target, run } = setup((_, i) =>
      i === 0 ? new Response(null, { status: 204 }) : scimJson(200, { id: 'g' }),
    );
    assert.equal(
      await run(
        client.patch('/Groups', 'g', [{ op: 'add', path: 'members', value: [{ value: 'u1' }] }]),
      ),
      undefined,
    );
    assert.deepEqual(
      await run(
        client.patch('/Groups', 'g', [{ op: 'replace', path: 'displayName', value: 'G' }], {
          attributes: ['id'],
        }),
      ),
      { id: 'g' },
    );
    assert.equal(target.requests[1]!.url.searchParams.get('attributes'), 'id');
  });
});
