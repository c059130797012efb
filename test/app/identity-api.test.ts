/**
 * The identity side of the admin API through app.request(): identity admins, sessions and API
 * tokens with their roles enforced on every route; users, groups, members, change feed,
 * import; gallery, apps and assignments; error bodies; pagination; the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { createAdminApi } from '../../src/api/index.ts';
import { createDirectory } from '../../src/directory/index.ts';
import { createAccounts, createProvisionedResources } from '../../src/scim-server/index.ts';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';
import { fastPasswords } from '../directory/support.ts';
import { createFakeClock, fastScrypt, password } from './support.ts';

const operator = 'operator-secret-0123456789';

interface Call {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
  json: any;
}

async function fixture() {
  const clock = createFakeClock();
  const store = await openSqliteStore({ location: ':memory:', now: clock });
  const accounts = createAccounts({
    store,
    clock,
    publicUrl: 'http://localhost:8080',
    scrypt: fastScrypt,
  });
  const directory = createDirectory({ store, clock, passwords: fastPasswords });
  const app = new Hono();
  app.route(
    '/api/v1',
    createAdminApi({
      accounts,
      provisioned: createProvisionedResources({ store }),
      clock,
      adminToken: operator,
      directory,
    }),
  );
  async function call(
    method: string,
    path: string,
    o: { body?: unknown; bearer?: string; cookie?: string; contentType?: string } = {},
  ): Promise<Call> {
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
  const admins: Record<string, string> = {};
  for (const [email, role] of [
    ['global@contoso.test', 'Global Administrator'],
    ['apps@contoso.test', 'Cloud Application Administrator'],
    ['users@contoso.test', 'User Administrator'],
    ['reader@contoso.test', 'Global Reader'],
  ] as const) {
    const added = await call('POST', '/identity/admins', {
      bearer: operator,
      body: { email, password, role },
    });
    assert.equal(added.status, 201, JSON.stringify(added.json));
    const session = await call('POST', '/identity/session', { body: { email, password } });
    assert.equal(session.status, 201, JSON.stringify(session.json));
    admins[role] = session.json.session;
  }
  return {
    call,
    clock,
    accounts,
    global: admins['Global Administrator']!,
    apps: admins['Cloud Application Administrator']!,
    users: admins['User Administrator']!,
    reader: admins['Global Reader']!,
  };
}

function assertError(r: Call, status: number, code: string, field: string | null, message: RegExp) {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.deepEqual(Object.keys(r.json), ['error']);
  assert.equal(r.json.error.code, code);
  assert.equal(r.json.error.field, field);
  assert.match(r.json.error.message, message);
}

test('every identity route wants credentials; a tenant admin session is not one', async () => {
  const f = await fixture();
  assertError(
    await f.call('GET', '/directory/users'),
    401,
    'unauthorized',
    'Authorization',
    /sign in first/,
  );
  assertError(
    await f.call('GET', '/apps', { bearer: 'rss_nope' }),
    401,
    'unauthorized',
    'Authorization',
    /sign in first/,
  );
  await f.accounts.createTenant('acme', 'admin@acme.test', password);
  const tenant = await f.call('POST', '/tenants/acme/session', {
    body: { email: 'admin@acme.test', password },
  });
  assertError(
    await f.call('GET', '/directory/users', { bearer: tenant.json.session }),
    401,
    'unauthorized',
    'Authorization',
    /sign in/,
  );
  const me = await f.call('GET', '/identity/me', { bearer: f.reader });
  assert.deepEqual(me.json.permissions, ['read']);
  assert.equal(me.json.name, 'reader@contoso.test');
});

test('roles: a reader reads only; Cloud Application Administrator manages apps, not users; User Administrator the reverse', async () => {
  const f = await fixture();
  assert.equal((await f.call('GET', '/directory/users', { bearer: f.reader })).status, 200);
  assert.equal((await f.call('GET', '/gallery', { bearer: f.reader })).status, 200);
  assertError(
    await f.call('POST', '/apps', { bearer: f.reader, body: { template: 'wrike' } }),
    403,
    'forbidden',
    null,
    /reader@contoso\.test has role Global Reader, which may not manage apps/,
  );
  assertError(
    await f.call('POST', '/directory/users', {
      bearer: f.apps,
      body: { userPrincipalName: 'a@x.test' },
    }),
    403,
    'forbidden',
    null,
    /Cloud Application Administrator, which may not manage directory/,
  );
  assert.equal(
    (
      await f.call('POST', '/directory/users', {
        bearer: f.users,
        body: { userPrincipalName: 'a@x.test' },
      })
    ).status,
    201,
  );
  assertError(
    await f.call('POST', '/apps', { bearer: f.users, body: { template: 'wrike' } }),
    403,
    'forbidden',
    null,
    /may not manage apps/,
  );
  assert.equal(
    (await f.call('POST', '/apps', { bearer: f.apps, body: { template: 'wrike' } })).status,
    201,
  );
  assertError(
    await f.call('GET', '/identity/admins', { bearer: f.apps }),
    403,
    'forbidden',
    null,
    /may not manage admins/,
  );
  assert.equal(
    (await f.call('GET', '/identity/admins', { bearer: f.global })).json.admins.length,
    4,
  );
});

test('users: add, read by UPN, change, validation errors name the field, pages', async () => {
  const f = await fixture();
  const bearer = f.users;
  const ann = await f.call('POST', '/directory/users', {
    bearer,
    body: {
      userPrincipalName: 'ann@x.test',
      givenName: 'Ann',
      extensions: { extensionAttribute1: 'x' },
    },
  });
  assert.equal(ann.status, 201);
  assert.equal(ann.json.displayName, 'Ann');
  assert.equal(
    (await f.call('GET', '/directory/users/ann%40x.test', { bearer })).json.id,
    ann.json.id,
  );
  const changed = await f.call('PATCH', `/directory/users/${ann.json.id}`, {
    bearer,
    body: { jobTitle: 'Lead', givenName: null },
  });
  assert.equal(changed.json.jobTitle, 'Lead');
  assert.equal(changed.json.givenName, undefined);
  assertError(
    await f.call('POST', '/directory/users', {
      bearer,
      body: { userPrincipalName: 'b@x.test', shoeSize: 9 },
    }),
    400,
    'invalid',
    'shoeSize',
    /"shoeSize" is not a field of the request body/,
  );
  assertError(
    await f.call('POST', '/directory/users', {
      bearer,
      body: { userPrincipalName: 'b@x.test', mail: 'nope' },
    }),
    400,
    'invalid',
    'mail',
    /"nope" is not an email address/,
  );
  assertError(
    await f.call('POST', '/directory/users', { bearer, body: { userPrincipalName: 'ANN@x.test' } }),
    409,
    'conflict',
    'userPrincipalName',
    /already taken/,
  );
  assertError(
    await f.call('GET', '/directory/users/nobody', { bearer }),
    404,
    'notFound',
    'user',
    /no user with id "nobody"/,
  );
  for (const n of [1, 2, 3, 4])
    await f.call('POST', '/directory/users', {
      bearer,
      body: { userPrincipalName: `p${n}@x.test` },
    });
  const page = await f.call('GET', '/directory/users?startIndex=2&count=2&search=P', { bearer });
  assert.deepEqual(
    { total: page.json.totalResults, start: page.json.startIndex, per: page.json.itemsPerPage },
    { total: 4, start: 2, per: 2 },
  );
  assert.deepEqual(
    page.json.users.map((u: { userPrincipalName: string }) => u.userPrincipalName),
    ['p2@x.test', 'p3@x.test'],
  );
  assertError(
    await f.call('GET', '/directory/users?count=500', { bearer }),
    400,
    'invalid',
    'count',
    /count must be a whole number from 1 to 200/,
  );
});

test('soft delete, restore, purge; the change feed shows each', async () => {
  const f = await fixture();
  const bearer = f.global;
  const ann = (
    await f.call('POST', '/directory/users', { bearer, body: { userPrincipalName: 'ann@x.test' } })
  ).json;
  const deleted = await f.call('DELETE', `/directory/users/${ann.id}`, { bearer });
  assert.equal(deleted.status, 200);
  assert.ok(deleted.json.restorableUntil > deleted.json.deleted);
  assert.equal((await f.call('GET', '/directory/users', { bearer })).json.totalResults, 0);
  assert.equal(
    (await f.call('GET', '/directory/users?state=deleted', { bearer })).json.totalResults,
    1,
  );
  assert.equal(
    (await f.call('POST', `/directory/users/${ann.id}/restore`, { bearer })).json.deleted,
    null,
  );
  assert.equal((await f.call('POST', `/directory/users/${ann.id}/purge`, { bearer })).status, 204);
  assertError(
    await f.call('GET', `/directory/users/${ann.id}`, { bearer }),
    404,
    'notFound',
    'user',
    /no user/,
  );
  const feed = await f.call('GET', '/directory/changes?since=0&limit=10', { bearer: f.reader });
  assert.deepEqual(
    feed.json.changes.map((c: { kind: string }) => c.kind),
    ['created', 'deleted', 'restored', 'purged'],
  );
  assert.equal(feed.json.head, 4);
  assert.deepEqual(
    (await f.call('GET', '/directory/changes?since=3', { bearer })).json.changes.map(
      (c: { sequence: number }) => c.sequence,
    ),
    [4],
  );
  assert.deepEqual((await f.call('POST', '/directory/purge', { bearer })).json, {
    users: [],
    groups: [],
  });
});

test('groups: members nest; transitive users; removing a non-member is 404; cycles are 400', async () => {
  const f = await fixture();
  const bearer = f.users;
  const ann = (
    await f.call('POST', '/directory/users', { bearer, body: { userPrincipalName: 'ann@x.test' } })
  ).json;
  const eng = (
    await f.call('POST', '/directory/groups', { bearer, body: { displayName: 'Engineering' } })
  ).json;
  const sub = (
    await f.call('POST', '/directory/groups', {
      bearer,
      body: { displayName: 'Platform', securityEnabled: false },
    })
  ).json;
  assert.deepEqual(
    (
      await f.call('POST', `/directory/groups/${sub.id}/members`, {
        bearer,
        body: { members: [ann.id] },
      })
    ).json,
    { added: [ann.id] },
  );
  await f.call('POST', '/directory/groups/Engineering/members', {
    bearer,
    body: { members: [sub.id] },
  });
  const direct = await f.call('GET', `/directory/groups/${eng.id}/members`, { bearer });
  assert.deepEqual(
    direct.json.members.map((m: { type: string }) => m.type),
    ['group'],
  );
  const transitive = await f.call('GET', `/directory/groups/${eng.id}/members?transitive=true`, {
    bearer,
  });
  assert.deepEqual(
    transitive.json.members.map((m: { id: string }) => m.id),
    [ann.id],
  );
  assertError(
    await f.call('POST', `/directory/groups/${sub.id}/members`, {
      bearer,
      body: { members: [eng.id] },
    }),
    400,
    'invalid',
    'members',
    /would make a cycle/,
  );
  assert.deepEqual(
    (await f.call('GET', `/directory/users/${ann.id}/memberOf`, { bearer })).json.groups.map(
      (g: { id: string }) => g.id,
    ),
    [sub.id],
  );
  assert.equal(
    (await f.call('DELETE', `/directory/groups/${sub.id}/members/${ann.id}`, { bearer })).status,
    204,
  );
  assertError(
    await f.call('DELETE', `/directory/groups/${sub.id}/members/${ann.id}`, { bearer }),
    404,
    'notFound',
    'member',
    /not a direct member/,
  );
  assert.equal(
    (
      await f.call('PATCH', `/directory/groups/${eng.id}`, {
        bearer,
        body: { description: 'All of us' },
      })
    ).json.description,
    'All of us',
  );
  assertError(
    await f.call('POST', '/directory/groups', { bearer, body: {} }),
    400,
    'invalid',
    'displayName',
    /displayName is required/,
  );
});

test('import through the API: CSV with a bad row, JSON Lines, and the media type checked', async () => {
  const f = await fixture();
  const bearer = f.users;
  const csv = 'userPrincipalName,jobTitle\r\nann@x.test,Dev\r\nbad,Dev\r\n"bob@x.test","Ops"\r\n';
  const report = await f.call('POST', '/directory/import?key=userPrincipalName', {
    bearer,
    body: csv,
    contentType: 'text/csv',
  });
  assert.equal(report.status, 200, JSON.stringify(report.json));
  assert.deepEqual([report.json.created, report.json.failed], [2, 1]);
  assert.deepEqual(
    report.json.failures.map((x: { line: number }) => x.line),
    [3],
  );
  const lines = '{"mail":"ann@x.test","userPrincipalName":"ann@x.test"}\n';
  await f.call('PATCH', '/directory/users/ann%40x.test', { bearer, body: { mail: 'ann@x.test' } });
  const json = await f.call('POST', '/directory/import?key=mail', {
    bearer,
    body: lines,
    contentType: 'application/x-ndjson',
  });
  assert.deepEqual([json.json.skipped, json.json.failed], [1, 0]);
  assertError(
    await f.call('POST', '/directory/import?key=userPrincipalName', {
      bearer,
      body: 'x',
      contentType: 'text/plain',
    }),
    415,
    'unsupportedMediaType',
    null,
    /text\/csv/,
  );
  assertError(
    await f.call('POST', '/directory/import?key=shoeSize', {
      bearer,
      body: csv,
      contentType: 'text/csv',
    }),
    400,
    'invalid',
    'key',
    /key must be one of: userPrincipalName, mail, employeeId, mailNickname/,
  );
  assertError(
    await f.call('POST', '/directory/import?key=mail', {
      bearer,
      body: 'mail,hat\r\n',
      contentType: 'text/csv',
    }),
    400,
    'invalid',
    'header',
    /"hat", is not a user attribute/,
  );
  assertError(
    await f.call('POST', '/directory/import?key=mail', {
      bearer: f.reader,
      body: csv,
      contentType: 'text/csv',
    }),
    403,
    'forbidden',
    null,
    /may not manage directory/,
  );
});

test('gallery, apps and assignments: the tutorial with Default Access excluded', async () => {
  const f = await fixture();
  const gallery = await f.call('GET', '/gallery', { bearer: f.reader });
  assert.deepEqual(
    gallery.json.templates.map((t: { id: string }) => t.id),
    ['generic-scim', 'wrike'],
  );
  const wrikeTemplate = await f.call('GET', '/gallery/wrike', { bearer: f.reader });
  assert.equal(wrikeTemplate.json.provisioning.limits.requestsPerMinute, 400);
  assertError(
    await f.call('GET', '/gallery/slack', { bearer: f.reader }),
    404,
    'notFound',
    'id',
    /no gallery template "slack"/,
  );

  const created = await f.call('POST', '/apps', {
    bearer: f.apps,
    body: { template: 'wrike', name: 'Wrike' },
  });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('location'), `/api/v1/apps/${created.json.id}`);
  assertError(
    await f.call('POST', '/apps', { bearer: f.apps, body: { template: 'wrike', name: 'WRIKE' } }),
    409,
    'conflict',
    'name',
    /already exists/,
  );
  const ann = (
    await f.call('POST', '/directory/users', {
      bearer: f.users,
      body: { userPrincipalName: 'ann@x.test' },
    })
  ).json;
  const bob = (
    await f.call('POST', '/directory/users', {
      bearer: f.users,
      body: { userPrincipalName: 'bob@x.test' },
    })
  ).json;
  const a1 = await f.call('POST', '/apps/Wrike/assignments', {
    bearer: f.apps,
    body: { principalType: 'user', principalId: 'ann@x.test', role: 'User' },
  });
  assert.equal(a1.status, 201, JSON.stringify(a1.json));
  assert.equal(a1.json.provisioned, true);
  const a2 = await f.call('POST', '/apps/Wrike/assignments', {
    bearer: f.apps,
    body: { principalType: 'user', principalId: bob.id, role: 'Default Access' },
  });
  assert.equal(a2.json.provisioned, false);
  assertError(
    await f.call('POST', '/apps/Wrike/assignments', {
      bearer: f.apps,
      body: { principalType: 'robot', principalId: 'x' },
    }),
    400,
    'invalid',
    'principalType',
    /principalType must be one of: user, group/,
  );
  assert.deepEqual(
    (await f.call('GET', '/apps/Wrike/provisioning-scope', { bearer: f.reader })).json,
    { users: [ann.id], groups: [], excluded: 1 },
  );
  assert.equal(
    (await f.call('GET', '/apps/Wrike/assignments', { bearer: f.reader })).json.assignments.length,
    2,
  );
  assert.equal(
    (await f.call('GET', `/directory/users/${ann.id}/assignments`, { bearer: f.reader })).json
      .assignments[0].appId,
    created.json.id,
  );
  assert.deepEqual(
    (await f.call('GET', '/apps/Wrike/roles', { bearer: f.reader })).json.roles.map(
      (r: { value: string }) => r.value,
    ),
    ['User', 'msiam_access'],
  );
  assert.equal(
    (await f.call('DELETE', `/apps/Wrike/assignments/${a1.json.id}`, { bearer: f.apps })).status,
    204,
  );
  assert.equal(
    (await f.call('PATCH', '/apps/Wrike', { bearer: f.apps, body: { name: 'Wrike EU' } })).json
      .name,
    'Wrike EU',
  );
  assert.equal((await f.call('DELETE', '/apps/Wrike%20EU', { bearer: f.apps })).status, 204);
  assert.deepEqual((await f.call('GET', '/apps', { bearer: f.reader })).json.apps, []);
});

test('API tokens: minted within the minter’s role, shown once, used as Bearer, listed without secrets, revoked', async () => {
  const f = await fixture();
  const minted = await f.call('POST', '/identity/tokens', {
    bearer: f.apps,
    body: { name: 'ci', role: 'Global Reader' },
  });
  assert.equal(minted.status, 201);
  assert.match(minted.json.token, /^rit_[A-Za-z0-9_-]{43}$/);
  const token = minted.json.token as string;
  assert.equal((await f.call('GET', '/apps', { bearer: token })).status, 200);
  assertError(
    await f.call('POST', '/apps', { bearer: token, body: { template: 'wrike' } }),
    403,
    'forbidden',
    null,
    /token ci has role Global Reader/,
  );
  assertError(
    await f.call('POST', '/identity/tokens', {
      bearer: f.apps,
      body: { name: 'root', role: 'Global Administrator' },
    }),
    403,
    'forbidden',
    'role',
    /cannot mint a token with role Global Administrator/,
  );
  assertError(
    await f.call('POST', '/identity/tokens', {
      bearer: token,
      body: { name: 'x', role: 'Global Reader' },
    }),
    403,
    'forbidden',
    'Authorization',
    /cannot mint tokens/,
  );
  const list = await f.call('GET', '/identity/tokens', { bearer: f.global });
  assert.equal(list.json.tokens.length, 1);
  assert.ok(!JSON.stringify(list.json).includes(token));
  assert.ok(list.json.tokens[0].lastUsed);
  assert.equal(
    (await f.call('DELETE', `/identity/tokens/${minted.json.id}`, { bearer: f.global })).status,
    204,
  );
  assertError(
    await f.call('GET', '/apps', { bearer: token }),
    401,
    'unauthorized',
    'Authorization',
    /sign in first/,
  );
  assertError(
    await f.call('DELETE', `/identity/tokens/${minted.json.id}`, { bearer: f.global }),
    404,
    'notFound',
    'id',
    /no live token/,
  );
});

test('sessions: the cookie works for the console, sign-out ends it, wrong passwords lock', async () => {
  const f = await fixture();
  const signIn = await f.call('POST', '/identity/session', {
    body: { email: 'READER@contoso.test', password },
  });
  const cookie = signIn.headers.get('set-cookie')!;
  assert.match(
    cookie,
    /^roster_identity_session=rss_[^;]+; Max-Age=28800; Path=\/api\/v1; HttpOnly; SameSite=Strict/,
  );
  const pair = cookie.split(';')[0]!;
  assert.equal((await f.call('GET', '/directory/users', { cookie: pair })).status, 200);
  assert.equal((await f.call('DELETE', '/identity/session', { cookie: pair })).status, 204);
  assertError(
    await f.call('GET', '/directory/users', { cookie: pair }),
    401,
    'unauthorized',
    'Authorization',
    /sign in/,
  );
  assertError(
    await f.call('DELETE', '/identity/session', { bearer: operator }),
    400,
    'invalid',
    'Authorization',
    /not a session/,
  );
  for (let i = 0; i < 5; i++)
    assertError(
      await f.call('POST', '/identity/session', {
        body: { email: 'reader@contoso.test', password: 'wrong password!' },
      }),
      401,
      'unauthorized',
      null,
      /email or password is wrong/,
    );
  const locked = await f.call('POST', '/identity/session', {
    body: { email: 'reader@contoso.test', password: 'wrong password!' },
  });
  assertError(locked, 429, 'locked', 'password', /try again in 30 seconds/);
  assert.equal(locked.headers.get('retry-after'), '30');
  f.clock.advance(31);
  assert.equal(
    (
      await f.call('POST', '/identity/session', {
        body: { email: 'reader@contoso.test', password },
      })
    ).status,
    201,
  );
  f.clock.advance(8 * 3600 + 1);
  assertError(
    await f.call('GET', '/apps', { bearer: f.reader }),
    401,
    'unauthorized',
    'Authorization',
    /expired/,
  );
  assertError(
    await f.call('POST', '/identity/admins', {
      bearer: operator,
      body: { email: 'x@contoso.test', password: 'short', role: 'Global Reader' },
    }),
    400,
    'invalid',
    'password',
    /password is 5 characters long/,
  );
});

test('the OpenAPI document lists every identity route with its security; unknown routes answer 404', async () => {
  const f = await fixture();
  const doc = (await f.call('GET', '/openapi.json')).json;
  const { identityRoutes } = await import('../../src/api/identity-openapi.ts');
  for (const route of identityRoutes) {
    const [method, path] = route.split(' ') as [string, string];
    const operation = doc.paths[path.replace('/api/v1', '')]?.[method.toLowerCase()];
    assert.ok(operation, `${route} is in the document`);
  }
  assert.ok(doc.paths['/tenants'], 'the app side is still there');
  assert.match(doc.paths['/apps'].post.description, /Cloud Application Administrator/);
  assert.deepEqual(doc.paths['/identity/session'].post.security, []);
  assert.ok(doc.components.securitySchemes.identityToken);
  assert.ok(doc.paths['/directory/import'].post.requestBody.content['text/csv']);
  assert.ok(
    doc.paths['/directory/import'].post.parameters.some(
      (p: { name: string; required: boolean }) => p.name === 'key' && p.required,
    ),
  );
  assertError(
    await f.call('GET', '/directory/nothing', { bearer: f.reader }),
    404,
    'notFound',
    null,
    /there is no GET \/api\/v1\/directory\/nothing/,
  );
});
