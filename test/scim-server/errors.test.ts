// Every error path of the SCIM endpoint: the status, the RFC 7644 §3.12 body with scimType, and
// a detail that quotes the offending input.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Store } from '../../src/store/store.ts';
import {
  assertScimError,
  coreGroup,
  coreUser,
  createHarness,
  errorSchema,
  filterPath,
  type Harness,
} from './support.ts';

const user = (userName: string) => ({ schemas: [coreUser], userName });

describe('error answers', () => {
  let h: Harness;
  let id: string;

  before(async () => {
    h = await createHarness({ limits: { bodyBytes: 4096 } });
    id = (await h.call('POST', '/Users', { body: user('bjensen@example.test') })).body.id;
    await h.call('POST', '/Users', { body: user('taken@example.test') });
  });

  it('401 without, with a malformed, or with a wrong token; WWW-Authenticate: Bearer', async () => {
    const none = await h.call('GET', '/Users', { token: null });
    assertScimError(none, 401, undefined, /Authorization: Bearer/);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="SCIM"');
    const basic = await h.call('GET', '/Users', { headers: { Authorization: 'Basic YTpi' } });
    assertScimError(basic, 401);
    const wrong = await h.call('GET', '/Users', { token: 'rst_not-a-token' });
    assertScimError(wrong, 401, undefined, /not valid/);
    assert.match(wrong.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    assert.doesNotMatch(wrong.text, /rst_not-a-token/);
  });

  it('404 for unknown ids, endpoints, schemas and resource types', async () => {
    assertScimError(await h.call('GET', '/Users/no-such-id'), 404, undefined, /no-such-id/);
    assertScimError(await h.call('GET', '/Widgets'), 404, undefined, /Widgets/);
    assertScimError(await h.call('GET', '/scim/v2'), 404);
    assertScimError(await h.call('GET', '/Schemas/urn:example:nothing'), 404);
    assertScimError(await h.call('GET', '/ResourceTypes/Widget'), 404);
  });

  it('405 with Allow for a known path and the wrong method', async () => {
    const cases: [string, string, RegExp][] = [
      ['DELETE', '/Users', /^GET, POST/],
      ['POST', `/Users/${id}`, /^GET, PUT, PATCH, DELETE/],
      ['GET', '/Bulk', /^POST$/],
      ['PUT', '/ServiceProviderConfig', /^GET/],
      ['GET', '/.search', /^POST$/],
    ];
    for (const [method, path, allow] of cases) {
      const answer = await h.call(method, path, method === 'GET' ? {} : { body: {} });
      assertScimError(answer, 405, undefined, new RegExp(method));
      assert.match(answer.headers.get('allow') ?? '', allow);
    }
  });

  it('409 uniqueness, case-insensitively, on POST, PUT and PATCH, naming the userName', async () => {
    assertScimError(
      await h.call('POST', '/Users', { body: user('TAKEN@example.test') }),
      409,
      'uniqueness',
      /"TAKEN@example.test"/,
    );
    assertScimError(
      await h.call('PUT', `/Users/${id}`, { body: user('Taken@Example.test') }),
      409,
      'uniqueness',
      /Taken@Example/,
    );
    assertScimError(
      await h.call('PATCH', `/Users/${id}`, {
        body: { Operations: [{ op: 'replace', path: 'userName', value: 'taken@EXAMPLE.test' }] },
      }),
      409,
      'uniqueness',
      /taken@EXAMPLE/,
    );
  });

  it('412 when If-Match names another version; If-Match with the current ETag or * succeeds', async () => {
    const current = (await h.call('GET', `/Users/${id}`)).headers.get('etag')!;
    const patch = { Operations: [{ op: 'replace', path: 'title', value: 'Boss' }] };
    assertScimError(
      await h.call('PATCH', `/Users/${id}`, { body: patch, headers: { 'If-Match': 'W/"999"' } }),
      412,
      undefined,
      /999/,
    );
    assertScimError(
      await h.call('PUT', `/Users/${id}`, {
        body: user('bjensen@example.test'),
        headers: { 'If-Match': '"0"' },
      }),
      412,
    );
    assertScimError(
      await h.call('DELETE', `/Users/${id}`, { headers: { 'If-Match': 'W/"999"' } }),
      412,
    );
    const ok = await h.call('PATCH', `/Users/${id}`, {
      body: patch,
      headers: { 'If-Match': current },
    });
    assert.equal(ok.status, 200, ok.text);
    const next = ok.headers.get('etag')!;
    assert.notEqual(next, current);
    assert.equal(ok.body.meta.version, next);
    const star = await h.call('PATCH', `/Users/${id}`, {
      body: { Operations: [{ op: 'replace', path: 'title', value: 'CEO' }] },
      headers: { 'If-Match': '*' },
    });
    assert.equal(star.status, 200);
    const group = (
      await h.call('POST', '/Groups', { body: { schemas: [coreGroup], displayName: 'G' } })
    ).body.id;
    assertScimError(
      await h.call('PATCH', `/Groups/${group}`, {
        body: { Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] },
        headers: { 'If-Match': 'W/"7"' },
      }),
      412,
    );
    assert.equal(
      (
        await h.call('PATCH', `/Groups/${group}`, {
          body: { Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] },
          headers: { 'If-Match': 'W/"1"' },
        })
      ).status,
      204,
    );
  });

  it('304 when If-None-Match names the current version; 200 otherwise', async () => {
    const got = await h.call('GET', `/Users/${id}`);
    const etag = got.headers.get('etag')!;
    const same = await h.call('GET', `/Users/${id}`, { headers: { 'If-None-Match': etag } });
    assert.equal(same.status, 304);
    assert.equal(same.text, '');
    assert.equal(same.headers.get('etag'), etag);
    const old = await h.call('GET', `/Users/${id}`, { headers: { 'If-None-Match': 'W/"1"' } });
    assert.equal(old.status, 200);
  });

  it('413 past the body limit, with and without Content-Length', async () => {
    const big = { ...user('big@example.test'), displayName: 'x'.repeat(5000) };
    assertScimError(await h.call('POST', '/Users', { body: big }), 413, undefined, /4096 bytes/);
    const text = JSON.stringify(big);
    assertScimError(
      await h.call('POST', '/Users', {
        raw: text,
        headers: { 'Content-Length': String(text.length) },
      }),
      413,
    );
  });

  it('415 for a form or XML body; application/json, text/plain and no Content-Type are accepted', async () => {
    assertScimError(
      await h.call('POST', '/Users', {
        raw: 'userName=x',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
      415,
    );
    const json = await h.call('POST', '/Users', {
      body: user('json@example.test'),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    assert.equal(json.status, 201);
    const bare = await h.app.request('/scim/v2/acme/Users', {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.token}` },
      body: new TextEncoder().encode(JSON.stringify(user('bare@example.test'))),
    });
    assert.equal(bare.status, 201);
    const text = await h.call('POST', '/Users', {
      body: user('text@example.test'),
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    assert.equal(text.status, 201);
    assert.equal(bare.headers.get('content-type'), 'application/scim+json; charset=utf-8');
  });

  it('400 invalidSyntax for malformed JSON, quoting the position', async () => {
    assertScimError(
      await h.call('POST', '/Users', { raw: '{"userName": "a",}' }),
      400,
      'invalidSyntax',
      /position 17/,
    );
    assertScimError(
      await h.call('POST', '/Users', { raw: '{"active": tru}' }),
      400,
      'invalidSyntax',
      /position 14/,
    );
    assertScimError(await h.call('POST', '/Users', { raw: '' }), 400, 'invalidSyntax', /empty/);
    assertScimError(
      await h.call('PATCH', `/Users/${id}`, { body: { Operations: [] } }),
      400,
      'invalidSyntax',
      /Operations/,
    );
    assertScimError(
      await h.call('PATCH', `/Users/${id}`, {
        body: { Operations: [{ op: 'merge', path: 'title', value: 'x' }] },
      }),
      400,
      'invalidSyntax',
      /"merge"/,
    );
  });

  it('400 invalidFilter quoting the filter and the position', async () => {
    const detail = assertScimError(
      await h.call('GET', filterPath('Users', 'userName eqq "a"')),
      400,
      'invalidFilter',
    );
    assert.match(detail, /eqq/);
    assert.match(detail, /position 9/);
    assertScimError(
      await h.call('GET', filterPath('Users', 'shoeSize eq 42')),
      400,
      'invalidFilter',
      /shoeSize/,
    );
  });

  it('400 invalidValue, mutability, invalidPath and noTarget with the input quoted', async () => {
    assertScimError(
      await h.call('POST', '/Users', { body: { schemas: [coreUser] } }),
      400,
      'invalidValue',
      /userName/,
    );
    assertScimError(
      await h.call('POST', '/Users', {
        body: {
          ...user('two@example.test'),
          emails: [
            { value: 'a@x.test', primary: true },
            { value: 'b@x.test', primary: true },
          ],
        },
      }),
      400,
      'invalidValue',
      /primary/,
    );
    assertScimError(
      await h.call('PATCH', `/Users/${id}`, {
        body: { Operations: [{ op: 'replace', path: 'id', value: 'other' }] },
      }),
      400,
      'mutability',
      /"id"/,
    );
    assertScimError(
      await h.call('PATCH', `/Users/${id}`, {
        body: { Operations: [{ op: 'add', path: 'groups', value: [{ value: 'g' }] }] },
      }),
      400,
      'mutability',
    );
    assertScimError(
      await h.call('PATCH', `/Users/${id}`, {
        body: { Operations: [{ op: 'replace', path: 'shoeSize', value: 42 }] },
      }),
      400,
      'invalidPath',
      /shoeSize/,
    );
    assertScimError(
      await h.call('PATCH', `/Users/${id}`, { body: { Operations: [{ op: 'remove' }] } }),
      400,
      'noTarget',
    );
  });

  it('a filter on a discovery endpoint is 403 (RFC 7644 §4)', async () => {
    assertScimError(await h.call('GET', filterPath('Schemas', 'id pr')), 403);
  });
});

describe('rate limit', () => {
  it('429 with Retry-After past the burst, per token; the bucket refills with time', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const h = await createHarness({
      limits: { ratePerSecond: 2, burst: 3 },
      now: () => new Date(now),
    });
    for (let i = 0; i < 3; i++) assert.equal((await h.call('GET', '/Users')).status, 200);
    const limited = await h.call('GET', '/Users');
    assertScimError(limited, 429, undefined, /retry after 1 s/);
    assert.equal(limited.headers.get('retry-after'), '1');
    const other = await h.addTenant('globex');
    assert.equal(
      (await h.call('GET', '/scim/v2/globex/Users', { token: other.token })).status,
      200,
    );
    now += 500;
    assert.equal((await h.call('GET', '/Users')).status, 200);
    assert.equal((await h.call('GET', '/Users')).status, 429);
    const metrics = await h.registry.getSingleMetricAsString('roster_scim_rate_limited_total');
    assert.match(metrics, /roster_scim_rate_limited_total 2/);
  });
});

describe('unexpected failures', () => {
  it('500 with a correlation id that is the request id and is logged; no stack trace leaks', async () => {
    const fire = async (): Promise<never> => {
      throw new Error('disk on fire at /var/lib/secret.db');
    };
    const boom = (store: Store): Store => ({
      ...store,
      resources: { ...store.resources, get: fire, getUserWithGroups: fire },
    });
    const h = await createHarness({ wrap: boom });
    const answer = await h.call('GET', '/Users/any', { headers: { 'X-Request-Id': 'req-42' } });
    assert.equal(answer.status, 500);
    assert.deepEqual(answer.body.schemas, [errorSchema]);
    assert.match(answer.body.detail, /correlation id req-42/);
    assert.equal(answer.headers.get('x-request-id'), 'req-42');
    assert.doesNotMatch(answer.text, /disk on fire|secret\.db|at /);
    const logged = h.log.lines.find((l) => l.level === 'error');
    assert.equal(logged?.fields.requestId, 'req-42');
    assert.match(String(logged?.fields.err), /disk on fire/);
  });
});
