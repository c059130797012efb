// Request logs (one structured line per request, never a secret), Prometheus metrics by route
// template, request ids, and the throttled token last-used write.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { scimMetricNames } from '../../src/scim-server/index.ts';
import type { Store } from '../../src/store/store.ts';
import { coreUser, createHarness } from './support.ts';

describe('observability', () => {
  it('logs method, route template, status, tenant, duration and request id — no token, no body, no query', async () => {
    const h = await createHarness();
    const created = await h.call('POST', '/Users', {
      body: { schemas: [coreUser], userName: 'secret.person@example.test', password: 'hunter2' },
    });
    await h.call('GET', `/Users/${created.body.id}?attributes=userName`, {
      headers: { 'X-Request-Id': 'abc-123' },
    });
    await h.call(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "secret.person@example.test"')}`,
    );
    await h.call('GET', '/Users', { token: 'rst_leaked' });
    const lines = h.log.lines.filter((l) => l.message === 'scim request');
    assert.equal(lines.length, 4);
    assert.deepEqual(
      lines.map((l) => [l.fields.method, l.fields.route, l.fields.status, l.fields.tenant]),
      [
        ['POST', '/scim/v2/:tenant/Users', 201, 'acme'],
        ['GET', '/scim/v2/:tenant/Users/:id', 200, 'acme'],
        ['GET', '/scim/v2/:tenant/Users', 200, 'acme'],
        ['GET', '/scim/v2/:tenant/*', 401, 'acme'],
      ],
    );
    assert.equal(lines[1]?.fields.requestId, 'abc-123');
    for (const line of lines) {
      assert.equal(typeof line.fields.durationMs, 'number');
      assert.match(String(line.fields.requestId), /\S/);
    }
    const everything = JSON.stringify(h.log.lines);
    for (const secret of [h.token, 'rst_leaked', 'Bearer', 'hunter2', 'secret.person']) {
      assert.ok(!everything.includes(secret), `the log holds ${secret}`);
    }
  });

  it('answers X-Request-Id: the client’s when sane, a fresh one otherwise', async () => {
    const h = await createHarness();
    assert.equal(
      (await h.call('GET', '/Users', { headers: { 'X-Request-Id': 'trace-7' } })).headers.get(
        'x-request-id',
      ),
      'trace-7',
    );
    const odd = await h.call('GET', '/Users', {
      headers: { 'X-Request-Id': 'bad id\twith spaces' },
    });
    assert.match(odd.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    // Once on every kind of answer: success, created, no content, SCIM errors, unknown paths.
    const id = { 'X-Request-Id': 'trace-8' };
    const created = await h.call('POST', '/Users', {
      body: { schemas: [coreUser], userName: 'trace@example.test' },
      headers: id,
    });
    const answers = [
      created,
      await h.call('GET', `/Users/${created.body.id}`, { headers: id }),
      await h.call('DELETE', `/Users/${created.body.id}`, { headers: id }),
      await h.call('GET', '/Users/gone', { headers: id }),
      await h.call('GET', '/Users', { headers: id, token: null }),
      await h.call('POST', '/Bulk', {
        body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] },
        headers: id,
      }),
      await h.call('GET', '/scim/v2/acme/Nowhere', { headers: id }),
    ];
    assert.deepEqual(
      answers.map((a) => [a.status, a.headers.get('x-request-id')]),
      [201, 200, 204, 404, 401, 200, 404].map((status) => [status, 'trace-8']),
    );
  });

  it('counts requests and durations by method, route template and status on the given registry', async () => {
    const h = await createHarness();
    await h.call('GET', '/Users');
    await h.call('GET', '/Users/nope');
    await h.call('GET', '/Users/nope');
    const text = await h.registry.metrics();
    assert.match(
      text,
      new RegExp(
        `${scimMetricNames.requests}\\{method="GET",route="/scim/v2/:tenant/Users",status="200"\\} 1`,
      ),
    );
    assert.match(
      text,
      new RegExp(
        `${scimMetricNames.requests}\\{method="GET",route="/scim/v2/:tenant/Users/:id",status="404"\\} 2`,
      ),
    );
    assert.match(
      text,
      new RegExp(
        `${scimMetricNames.duration}_count\\{method="GET",route="/scim/v2/:tenant/Users/:id",status="404"\\} 2`,
      ),
    );
    assert.doesNotMatch(text, /acme|nope/);
  });

  it('records a token’s last use at most once a minute, without waiting for it', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const touches: string[] = [];
    const spy = (store: Store): Store => ({
      ...store,
      tokens: {
        ...store.tokens,
        touch: async (id, at) => {
          touches.push(at);
          await store.tokens.touch(id, at);
        },
      },
    });
    const h = await createHarness({ wrap: spy, now: () => new Date(now) });
    for (let i = 0; i < 5; i++) await h.call('GET', '/Users');
    now += 59_000;
    await h.call('GET', '/Users');
    now += 1_000;
    await h.call('GET', '/Users');
    await setImmediate();
    assert.deepEqual(touches, ['2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z']);
    const [token] = await h.store.tokens.list(h.tenant.id);
    assert.equal(token?.lastUsed, '2026-01-01T00:01:00.000Z');
  });

  it('never stores nor returns a password', async () => {
    const h = await createHarness();
    const created = await h.call('POST', '/Users', {
      body: { schemas: [coreUser], userName: 'p', password: 'hunter2' },
    });
    assert.equal(created.body.password, undefined);
    const stored = await h.store.resources.get(h.tenant.id, 'User', created.body.id);
    assert.equal(JSON.stringify(stored).includes('hunter2'), false);
  });
});
