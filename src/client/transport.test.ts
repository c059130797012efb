// The client's behaviour against a scripted target, on a fake clock: 429 Retry-After (seconds
// and HTTP-date) pausing the whole client, retries only where safe, timeouts through the
// AbortSignal, the concurrency limit, the token-bucket rate limit, headers, keep-alive.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScimClient, type ScimClientOptions } from './create-scim-client.ts';
import { isSyncError, type SyncError } from './sync-error.ts';
import {
  createFakeFetch,
  type FakeAnswer,
  type RecordedRequest,
  scimError,
  scimJson,
} from './testing/fake-fetch.ts';
import { createFakeTime } from './testing/fake-time.ts';

const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'ann' };

function setup(
  handler: (request: RecordedRequest, index: number) => FakeAnswer,
  options: Partial<ScimClientOptions> = {},
) {
  const time = createFakeTime(Date.parse('2026-01-01T00:00:00Z'));
  const target = createFakeFetch(handler, time.clock);
  const client = createScimClient({
    baseUrl: 'https://app.test/scim/v2/',
    token: 'secret',
    fetch: target.fetch,
    clock: time.clock,
    sleep: time.sleep,
    ...options,
  });
  const start = time.clock();
  const at = () => target.requests.map((r) => r.at - start);
  return { time, target, client, at };
}

async function settled<T>(promise: Promise<T>, time: ReturnType<typeof createFakeTime>) {
  const outcome = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await time.runUntilIdle();
  return outcome;
}

function syncError(outcome: { ok: boolean; error?: unknown }): SyncError {
  assert.equal(outcome.ok, false);
  assert.ok(isSyncError(outcome.error), String(outcome.error));
  return outcome.error;
}

describe('429 and Retry-After', () => {
  it('waits the Retry-After seconds, then succeeds', async () => {
    const { time, client, at } = setup((_, i) =>
      i === 0
        ? scimError(429, 'slow down', undefined, { 'Retry-After': '7' })
        : scimJson(200, user),
    );
    const outcome = await settled(client.get('/Users', 'u1'), time);
    assert.ok(outcome.ok);
    assert.deepEqual(at(), [0, 7000]);
    assert.deepEqual(client.stats(), { requests: 1, failures: 0, retries: 1 });
  });

  it('understands an HTTP-date', async () => {
    const { time, client, at } = setup((_, i) =>
      i === 0
        ? scimError(429, 'later', undefined, { 'Retry-After': 'Thu, 01 Jan 2026 00:00:03 GMT' })
        : scimJson(200, user),
    );
    assert.ok((await settled(client.get('/Users', 'u1'), time)).ok);
    assert.deepEqual(at(), [0, 3000]);
  });

  it('pauses the whole client, not only the refused request', async () => {
    let refused = false;
    const { time, client, target } = setup((request) => {
      if (request.url.pathname.endsWith('/a') && !refused) {
        refused = true;
        return scimError(429, 'busy', undefined, { 'Retry-After': '5' });
      }
      return scimJson(200, user);
    });
    const a = client.get('/Users', 'a');
    await time.settle();
    const b = client.get('/Users', 'b');
    await time.runUntilIdle();
    await Promise.all([a, b]);
    const sentB = target.requests.find((r) => r.url.pathname.endsWith('/b'))!;
    assert.ok(sentB.at - target.requests[0]!.at >= 5000, 'b waited for the pause');
  });

  it('backs off exponentially without Retry-After, then gives up as transient', async () => {
    const { time, client, at } = setup(() => scimError(429, 'busy'));
    const error = syncError(await settled(client.get('/Users', 'u1'), time));
    assert.equal(error.kind, 'transient');
    assert.equal(error.status, 429);
    assert.deepEqual(at(), [0, 1000, 3000, 7000]);
  });

  it('a Retry-After longer than maxRetryWaitMs goes to the engine at once', async () => {
    const { time, client, at } = setup(() =>
      scimError(429, 'tomorrow', undefined, { 'Retry-After': '3600' }),
    );
    const error = syncError(await settled(client.create('/Users', { userName: 'x' }), time));
    assert.equal(error.kind, 'transient');
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.deepEqual(at(), [0]);
  });
});

describe('retries only where safe', () => {
  it('503 is retried for a POST (the target refused the work)', async () => {
    const { time, client, at } = setup((_, i) =>
      i === 0
        ? scimError(503, 'overloaded', undefined, { 'Retry-After': '2' })
        : scimJson(201, user),
    );
    assert.ok((await settled(client.create('/Users', { userName: 'ann' }), time)).ok);
    assert.deepEqual(at(), [0, 2000]);
  });

  it('500 is not retried for a POST or a PATCH, which may have happened', async () => {
    for (const call of ['create', 'patch'] as const) {
      const { time, client, target } = setup(() => scimError(500, 'oops'));
      const promise =
        call === 'create'
          ? client.create('/Users', { userName: 'ann' })
          : client.patch('/Users', 'u1', [{ op: 'replace', path: 'active', value: false }]);
      const error = syncError(await settled(promise, time));
      assert.equal(error.kind, 'transient');
      assert.equal(target.requests.length, 1, call);
    }
  });

  it('500 and connection failures are retried for GET, PUT and DELETE', async () => {
    const { time, client, target } = setup((_, i) => {
      if (i === 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      if (i === 1) return scimError(502, 'bad gateway');
      return new Response(null, { status: 204 });
    });
    assert.ok((await settled(client.delete('/Users', 'u1'), time)).ok);
    assert.equal(target.requests.length, 3);
  });

  it('a 4xx is never retried', async () => {
    const { time, client, target } = setup(() => scimError(400, 'bad value', 'invalidValue'));
    const error = syncError(await settled(client.get('/Users', 'u1'), time));
    assert.equal(error.kind, 'rejected');
    assert.equal(target.requests.length, 1);
  });

  it('a 200 that is not JSON is transient (a garbled answer)', async () => {
    const { time, client } = setup(
      () =>
        new Response('<html>login</html>', {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
        }),
      { retry: { maxAttempts: 1 } },
    );
    const error = syncError(await settled(client.get('/Users', 'u1'), time));
    assert.equal(error.kind, 'transient');
    assert.match(
      error.detail,
      /^the target answered 200 with a body that is not JSON: <html>login/,
    );
  });
});

describe('timeouts', () => {
  it('aborts the request after timeoutMs and reports transient', async () => {
    const { time, client, target, at } = setup(() => 'hang', {
      timeoutMs: 1500,
      retry: { maxAttempts: 2 },
    });
    const error = syncError(await settled(client.get('/Users', 'u1'), time));
    assert.equal(error.kind, 'transient');
    assert.equal(error.detail, 'no answer within 1500 ms');
    assert.deepEqual(at(), [0, 2500], 'timeout, 1 s back-off, second attempt');
    assert.ok(target.requests.every((r) => r.signal?.aborted));
  });

  it('a slow body counts too', async () => {
    const { time, client } = setup(
      () =>
        new Response(new ReadableStream({ start() {} }), {
          status: 200,
          headers: { 'Content-Type': 'application/scim+json' },
        }),
      { timeoutMs: 1000, retry: { maxAttempts: 1 } },
    );
    const error = syncError(await settled(client.get('/Users', 'u1'), time));
    assert.equal(error.detail, 'no answer within 1000 ms');
  });

  it('an answer in time cancels the timer', async () => {
    const { time, client } = setup(() => scimJson(200, user), { timeoutMs: 1000 });
    await settled(client.get('/Users', 'u1'), time);
    assert.equal(time.pending(), 0);
  });
});

describe('concurrency and rate limits', () => {
  it('never more than `concurrency` requests in flight', async () => {
    const gates: (() => void)[] = [];
    const { time, client, target } = setup(
      () => new Promise<Response>((resolve) => gates.push(() => resolve(scimJson(200, user)))),
      { concurrency: 3 },
    );
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => client.get('/Users', `u${i}`)));
    for (let round = 0; round < 10; round++) {
      await time.settle();
      assert.ok(target.inFlight() <= 3);
      gates.shift()?.();
    }
    while (gates.length > 0) {
      gates.shift()!();
      await time.settle();
    }
    assert.equal((await all).length, 10);
    assert.equal(target.maxInFlight(), 3);
  });

  it('spaces requests to ratePerMinute (token bucket)', async () => {
    const { time, client, at } = setup(() => scimJson(200, user), { ratePerMinute: 60, burst: 2 });
    const all = Promise.all(Array.from({ length: 5 }, (_, i) => client.get('/Users', `u${i}`)));
    await time.runUntilIdle();
    await all;
    assert.deepEqual(at(), [0, 0, 1000, 2000, 3000], 'a burst of 2, then one a second');
  });
});

describe('the wire', () => {
  it('sends the bearer token, SCIM media types, and keeps connections reusable', async () => {
    const { time, client, target } = setup((request) =>
      request.method === 'GET' ? scimError(404, 'gone') : scimJson(201, user),
    );
    await settled(client.create('/Users', { userName: 'ann' }), time);
    await settled(client.get('/Users', 'nobody'), time);
    const [post, get] = target.requests;
    assert.equal(post!.headers.get('authorization'), 'Bearer secret');
    assert.equal(post!.headers.get('content-type'), 'application/scim+json');
    assert.match(post!.headers.get('accept')!, /^application\/scim\+json/);
    assert.equal(get!.headers.get('content-type'), null, 'no body, no Content-Type');
    assert.equal(get!.headers.get('connection'), null, 'keep-alive is never defeated');
    assert.ok(
      target.requests.every((r) => r.response?.bodyUsed),
      'bodies are read to the end',
    );
  });

  it('encodes ids and filters so any server decodes them intact', async () => {
    const { time, client, target } = setup(() => scimJson(200, { totalResults: 0, Resources: [] }));
    await settled(
      client.search(
        '/Users',
        { kind: 'compare', path: { name: 'userName' }, op: 'eq', value: 'a+b c&d#"e' },
        { count: 2, attributes: ['id', 'userName'] },
      ),
      time,
    );
    const request = target.requests[0]!;
    assert.equal(
      request.href,
      'https://app.test/scim/v2/Users?filter=userName%20eq%20%22a%2Bb%20c%26d%23%5C%22e%22&count=2&attributes=id%2CuserName',
    );
    assert.equal(request.url.searchParams.get('filter'), 'userName eq "a+b c&d#\\"e"');
    await settled(client.get('/Users', 'a/b c'), time).catch(() => {});
    assert.equal(target.requests[1]!.url.pathname, '/scim/v2/Users/a%2Fb%20c');
  });

  it('refuses a Tenant URL that is not an http(s) URL, as stop', () => {
    for (const baseUrl of ['not a url', 'ftp://x.test/scim', 'https://x.test/scim?tenant=1']) {
      assert.throws(
        () => createScimClient({ baseUrl, token: 't', fetch: async () => scimJson(200) }),
        (e: unknown) => isSyncError(e) && e.kind === 'stop',
        baseUrl,
      );
    }
  });
});
