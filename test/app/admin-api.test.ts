import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { createAdminApi } from '../../src/api/index.ts';
import { createGroupSchema, createUserSchema } from '../../src/scim/index.ts';
import { createProvisionedResources } from '../../src/scim-server/index.ts';
import { createAccountsFixture, password } from './support.ts';

const operator = 'operator-secret-0123456789';
const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';

interface CallOptions {
  body?: unknown;
  bearer?: string;
  cookie?: string;
  contentType?: string;
}

async function fixture(options: { adminToken?: string } = { adminToken: operator }) {
  const { accounts, store, clock } = await createAccountsFixture();
  const app = new Hono();
  app.route(
    '/api/v1',
    createAdminApi({
      accounts,
      provisioned: createProvisionedResources({ store }),
      clock,
      ...options,
    }),
  );
  async function call(method: string, path: string, o: CallOptions = {}) {
    const headers: Record<string, string> = {};
    if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
    if (o.cookie) headers.cookie = o.cookie;
    if (o.body !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
    const body =
      o.body === undefined
        ? undefined
        : typeof o.body === 'string'
          ? o.body
          : JSON.stringify(o.body);
    const response = await app.request(`/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text ? JSON.parse(text) : undefined,
    };
  }
  const createAcme = (extra: Record<string, unknown> = {}) =>
    call('POST', '/tenants', {
      bearer: operator,
      body: { name: 'acme', adminEmail: 'admin@acme.test', adminPassword: password, ...extra },
    });
  const signIn = async (tenant = 'acme', email = 'admin@acme.test') => {
    const r = await call('POST', `/tenants/${tenant}/session`, { body: { email, password } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    return r.json.session as string;
  };
  return { app, call, createAcme, signIn, store, accounts, clock };
}

/** Asserts the error shape: status, code, field, and a message matching `message`. */
function assertError(
  r: { status: number; json: { error: { code: string; field: string | null; message: string } } },
  status: number,
  code: string,
  field: string | null,
  message: RegExp,
) {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.deepEqual(Object.keys(r.json), ['error']);
  assert.equal(r.json.error.code, code);
  assert.equal(r.json.error.field, field);
  assert.match(r.json.error.message, message);
}

test('POST /tenants (operator) creates a tenant and answers its Base URL', async () => {
  const { createAcme, call } = await fixture();
  const r = await createAcme({ profile: 'wrike', allowedDomains: ['acme.test'] });
  assert.equal(r.status, 201);
  assert.equal(r.headers.get('location'), '/api/v1/tenants/acme');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.deepEqual(r.json, {
    tenant: 'acme',
    baseUrl: 'http://localhost:8080/scim/v2/acme',
    profile: { groups: false, userNameIsEmail: true, allowedEmailDomains: ['acme.test'] },
    created: '2026-01-01T00:00:00.000Z',
  });
  const list = await call('GET', '/tenants', { bearer: operator });
  assert.deepEqual(list.json, { tenants: [r.json] });
});

test('POST /tenants refuses bad input in words, naming the field', async () => {
  const { createAcme, call } = await fixture();
  await createAcme();
  const post = (body: unknown, contentType?: string) =>
    call('POST', '/tenants', { bearer: operator, body, ...(contentType ? { contentType } : {}) });
  const good = { name: 'beta', adminEmail: 'admin@beta.test', adminPassword: password };
  assertError(await createAcme(), 409, 'conflict', 'name', /a tenant named "acme" already exists/);
  assertError(
    await post({ ...good, name: 'Beta' }),
    400,
    'invalid',
    'name',
    /tenant name "Beta" has upper-case letters/,
  );
  assertError(await post({ ...good, name: 'b' }), 400, 'invalid', 'name', /too short/);
  assertError(
    await post({ ...good, adminEmail: undefined }),
    400,
    'invalid',
    'adminEmail',
    /^adminEmail is required$/,
  );
  assertError(
    await post({ ...good, adminEmail: 42 }),
    400,
    'invalid',
    'adminEmail',
    /^adminEmail must be a string, not a number$/,
  );
  assertError(
    await post({ ...good, adminEmail: 'nope' }),
    400,
    'invalid',
    'adminEmail',
    /"nope" is not an email address/,
  );
  assertError(
    await post({ ...good, adminPassword: 'short' }),
    400,
    'invalid',
    'adminPassword',
    /adminPassword is 5 characters long; a password is 12 to 1024/,
  );
  assertError(
    await post({ ...good, profile: 'slack' }),
    400,
    'invalid',
    'profile',
    /^profile must be one of: generic, wrike$/,
  );
  assertError(
    await post({ ...good, allowedDomains: ['a b'] }),
    400,
    'invalid',
    'allowedDomains',
    /"a b" is not a domain name/,
  );
  assertError(
    await post({ ...good, allowedDomains: 'acme.test' }),
    400,
    'invalid',
    'allowedDomains',
    /must be an array, not a string/,
  );
  assertError(
    await post({ ...good, color: 'red' }),
    400,
    'invalid',
    'color',
    /"color" is not a field of the request body/,
  );
  assertError(
    await post([good]),
    400,
    'invalid',
    null,
    /the request body must be a JSON object, not an array/,
  );
  assertError(await post('{"name":'), 400, 'invalid', null, /the request body is not valid JSON/);
  assertError(
    await post('name=beta', 'application/x-www-form-urlencoded'),
    415,
    'unsupportedMediaType',
    null,
    /Content-Type: application\/json/,
  );
});

test('operator routes need the operator token, and are off without ROSTER_ADMIN_TOKEN', async () => {
  const { call, createAcme, signIn } = await fixture();
  assertError(
    await call('GET', '/tenants'),
    401,
    'unauthorized',
    'Authorization',
    /needs the operator token/,
  );
  const wrong = await call('GET', '/tenants', { bearer: 'nope' });
  assertError(wrong, 401, 'unauthorized', 'Authorization', /operator token is wrong/);
  assert.equal(wrong.headers.get('www-authenticate'), 'Bearer realm="roster"');
  await createAcme();
  // A tenant admin's session is not the operator.
  assertError(
    await call('GET', '/tenants', { bearer: await signIn() }),
    401,
    'unauthorized',
    'Authorization',
    /wrong/,
  );
  const off = await fixture({});
  assertError(
    await off.call('GET', '/tenants', { bearer: operator }),
    401,
    'unauthorized',
    'Authorization',
    /operator routes are off: start the server with ROSTER_ADMIN_TOKEN/,
  );
});

test('sign-in answers a session (body and HttpOnly SameSite=Strict cookie) that works for its tenant only', async () => {
  const { call, createAcme } = await fixture();
  await createAcme();
  await call('POST', '/tenants', {
    bearer: operator,
    body: { name: 'beta', adminEmail: 'admin@beta.test', adminPassword: password },
  });
  const r = await call('POST', '/tenants/acme/session', {
    body: { email: 'Admin@acme.test', password },
  });
  assert.equal(r.status, 201);
  assert.match(r.json.session, /^rss_[\w-]{43}$/);
  assert.deepEqual(
    { ...r.json, session: '…' },
    { session: '…', tenant: 'acme', email: 'admin@acme.test', expires: '2026-01-01T08:00:00.000Z' },
  );
  const cookie = r.headers.get('set-cookie')!;
  assert.match(
    cookie,
    new RegExp(
      `^roster_session=${r.json.session}; Max-Age=28800; Path=/api/v1; HttpOnly; SameSite=Strict$`,
    ),
  );
  const viaCookie = await call('GET', '/tenants/acme/scim', {
    cookie: `roster_session=${r.json.session}`,
  });
  assert.deepEqual(viaCookie.json, {
    tenant: 'acme',
    baseUrl: 'http://localhost:8080/scim/v2/acme',
  });
  const viaBearer = await call('GET', '/tenants/acme', { bearer: r.json.session });
  assert.equal(viaBearer.json.tenant, 'acme');
  assertError(
    await call('GET', '/tenants/beta/scim', { bearer: r.json.session }),
    403,
    'forbidden',
    'tenant',
    /this session is for tenant "acme", not "beta"/,
  );
  assert.equal(
    (await call('GET', '/tenants/beta/scim', { bearer: operator })).json.baseUrl,
    'http://localhost:8080/scim/v2/beta',
  );
  assertError(
    await call('GET', '/tenants/acme/scim'),
    401,
    'unauthorized',
    'Authorization',
    /sign in first/,
  );
});

test('sign-in errors: wrong password and unknown email read the same; unknown tenant; missing field; lockout is 429', async () => {
  const { call, createAcme } = await fixture();
  await createAcme();
  const wrongPassword = await call('POST', '/tenants/acme/session', {
    body: { email: 'admin@acme.test', password: 'not the password' },
  });
  const wrongEmail = await call('POST', '/tenants/acme/session', {
    body: { email: 'ghost@acme.test', password },
  });
  assertError(
    wrongPassword,
    401,
    'unauthorized',
    null,
    /the email or password is wrong for tenant "acme"/,
  );
  assert.deepEqual(wrongEmail.json, wrongPassword.json);
  assertError(
    await call('POST', '/tenants/nope/session', { body: { email: 'admin@acme.test', password } }),
    404,
    'notFound',
    'tenant',
    /no tenant named "nope"/,
  );
  assertError(
    await call('POST', '/tenants/acme/session', { body: { email: 'admin@acme.test' } }),
    400,
    'invalid',
    'password',
    /^password is required$/,
  );
  for (let i = 0; i < 4; i++)
    await call('POST', '/tenants/acme/session', {
      body: { email: 'admin@acme.test', password: 'not the password' },
    });
  const locked = await call('POST', '/tenants/acme/session', {
    body: { email: 'admin@acme.test', password },
  });
  assertError(
    locked,
    429,
    'locked',
    'password',
    /too many wrong passwords for this email; try again in 30 seconds/,
  );
  assert.equal(locked.headers.get('retry-after'), '30');
});

test('sign-out ends the session and clears the cookie', async () => {
  const { call, createAcme, signIn } = await fixture();
  await createAcme();
  const session = await signIn();
  const out = await call('DELETE', '/tenants/acme/session', { bearer: session });
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie')!, /^roster_session=; Max-Age=0; Path=\/api\/v1/);
  assertError(
    await call('GET', '/tenants/acme/tokens', { bearer: session }),
    401,
    'unauthorized',
    'Authorization',
    /sign in first/,
  );
  assertError(
    await call('DELETE', '/tenants/acme/session', { bearer: operator }),
    400,
    'invalid',
    'Authorization',
    /nothing to sign out/,
  );
});

test('sessions expire after 8 hours', async () => {
  const { call, createAcme, signIn, clock } = await fixture();
  await createAcme();
  const session = await signIn();
  clock.advance(8 * 3600 - 1);
  assert.equal((await call('GET', '/tenants/acme/scim', { bearer: session })).status, 200);
  clock.advance(1);
  assert.equal((await call('GET', '/tenants/acme/scim', { bearer: session })).status, 401);
});

test('tokens: mint needs the password again and shows the token once; list never shows it; revoke', async () => {
  const { call, createAcme, signIn } = await fixture();
  await createAcme();
  const session = await signIn();
  assertError(
    await call('POST', '/tenants/acme/tokens', { bearer: session, body: {} }),
    400,
    'invalid',
    'password',
    /^password is required$/,
  );
  assertError(
    await call('POST', '/tenants/acme/tokens', {
      bearer: session,
      body: { password: 'not the password' },
    }),
    401,
    'unauthorized',
    null,
    /email or password is wrong/,
  );
  assertError(
    await call('POST', '/tenants/acme/tokens', { body: { password } }),
    401,
    'unauthorized',
    'Authorization',
    /sign in first/,
  );
  const minted = await call('POST', '/tenants/acme/tokens', {
    bearer: session,
    body: { password },
  });
  assert.equal(minted.status, 201);
  assert.equal(minted.headers.get('cache-control'), 'no-store');
  assert.match(minted.json.token, /^rst_[\w-]{43}$/);
  assert.equal(minted.json.baseUrl, 'http://localhost:8080/scim/v2/acme');
  const list = await call('GET', '/tenants/acme/tokens', { bearer: session });
  assert.deepEqual(list.json, {
    tokens: [
      {
        id: minted.json.id,
        prefix: minted.json.prefix,
        created: minted.json.created,
        lastUsed: null,
        revoked: null,
      },
    ],
  });
  assert.equal(JSON.stringify(list.json).includes(minted.json.token), false);
  // The operator mints too, saying which admin re-enters the password.
  const byOperator = await call('POST', '/tenants/acme/tokens', {
    bearer: operator,
    body: { password, email: 'admin@acme.test' },
  });
  assert.equal(byOperator.status, 201);
  assert.notEqual(byOperator.json.token, minted.json.token);
  assert.equal(
    (await call('DELETE', `/tenants/acme/tokens/${minted.json.id}`, { bearer: session })).status,
    204,
  );
  assertError(
    await call('DELETE', `/tenants/acme/tokens/${minted.json.id}`, { bearer: session }),
    404,
    'notFound',
    'id',
    /no live token with id/,
  );
  const after = await call('GET', '/tenants/acme/tokens', { bearer: operator });
  assert.equal(
    after.json.tokens.find((t: { id: string }) => t.id === minted.json.id).revoked,
    '2026-01-01T00:00:00.000Z',
  );
});

test('users and groups: paged, SCIM filter passed through, errors name the parameter', async () => {
  const { call, createAcme, signIn, store } = await fixture();
  await createAcme();
  const tenant = await store.tenants.byName('acme');
  for (const userName of ['alice@acme.test', 'bob@acme.test', 'carol@acme.test'])
    await store.resources.create(
      tenant!.id,
      'User',
      { schemas: [userSchema], userName, active: true },
      createUserSchema(),
    );
  await store.resources.create(
    tenant!.id,
    'Group',
    { schemas: [groupSchema], displayName: 'Engineering' },
    createGroupSchema(),
  );
  const session = await signIn();
  const all = await call('GET', '/tenants/acme/users', { bearer: session });
  assert.equal(all.json.totalResults, 3);
  assert.deepEqual(Object.keys(all.json.users[0]).sort(), [
    'active',
    'created',
    'id',
    'lastModified',
    'userName',
  ]);
  const filtered = await call(
    'GET',
    `/tenants/acme/users?filter=${encodeURIComponent('userName sw "b"')}`,
    { bearer: session },
  );
  assert.deepEqual(
    filtered.json.users.map((u: { userName: string }) => u.userName),
    ['bob@acme.test'],
  );
  const page = await call('GET', '/tenants/acme/users?startIndex=2&count=1', { bearer: session });
  assert.deepEqual(
    { ...page.json, users: page.json.users.length },
    { totalResults: 3, startIndex: 2, itemsPerPage: 1, users: 1 },
  );
  const groups = await call('GET', '/tenants/acme/groups', { bearer: operator });
  assert.equal(groups.json.groups[0].displayName, 'Engineering');
  assertError(
    await call('GET', '/tenants/acme/users?filter=userName%20eqq%20%22a%22', { bearer: session }),
    400,
    'invalid',
    'filter',
    /filter is not usable: .*"eqq"/,
  );
  assertError(
    await call('GET', '/tenants/acme/users?count=500', { bearer: session }),
    400,
    'invalid',
    'count',
    /count must be a whole number from 0 to 200/,
  );
  assertError(
    await call('GET', '/tenants/acme/users?startIndex=zero', { bearer: session }),
    400,
    'invalid',
    'startIndex',
    /startIndex must be a whole number from 1/,
  );
  assertError(
    await call('GET', '/tenants/acme/users?sortBy=userName', { bearer: session }),
    400,
    'invalid',
    'sortBy',
    /"sortBy" is not a field of the query string/,
  );
  assertError(
    await call('GET', '/tenants/nope/users', { bearer: operator }),
    404,
    'notFound',
    'tenant',
    /no tenant named "nope"/,
  );
});

test('unknown routes and unexpected failures answer JSON errors without internals', async () => {
  const { call } = await fixture();
  assertError(
    await call('GET', '/nothing-here'),
    404,
    'notFound',
    null,
    /there is no GET \/api\/v1\/nothing-here/,
  );
  const { accounts, clock } = await createAccountsFixture();
  const seen: unknown[] = [];
  const broken = createAdminApi({
    accounts,
    clock,
    adminToken: operator,
    provisioned: { list: () => Promise.reject(new Error('database exploded at /secret/path')) },
    onUnexpected: (e) => seen.push(e),
  });
  const r = await broken.request('/tenants/acme/users', {
    headers: { authorization: `Bearer ${operator}` },
  });
  assert.equal(r.status, 500);
  const body = await r.json();
  assert.deepEqual(body, {
    error: {
      code: 'internal',
      message: 'the server failed to answer this request; the cause is in its log',
      field: null,
    },
  });
  assert.equal(seen.length, 1);
});

test('GET /openapi.json describes every route from the same zod schemas', async () => {
  const { call } = await fixture();
  const r = await call('GET', '/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.1.0');
  assert.deepEqual(Object.keys(r.json.paths).sort(), [
    '/tenants',
    '/tenants/{tenant}',
    '/tenants/{tenant}/groups',
    '/tenants/{tenant}/scim',
    '/tenants/{tenant}/session',
    '/tenants/{tenant}/tokens',
    '/tenants/{tenant}/tokens/{id}',
    '/tenants/{tenant}/users',
  ]);
  const create = r.json.paths['/tenants'].post.requestBody.content['application/json'].schema;
  assert.equal(create.properties.name.pattern, '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$');
  assert.equal(create.properties.adminPassword.minLength, 12);
  assert.deepEqual(create.required, ['name', 'adminEmail', 'adminPassword']);
  assert.equal(create.additionalProperties, false);
  const users = r.json.paths['/tenants/{tenant}/users'].get.parameters.map(
    (p: { name: string }) => p.name,
  );
  assert.deepEqual(users, ['tenant', 'filter', 'startIndex', 'count']);
});
