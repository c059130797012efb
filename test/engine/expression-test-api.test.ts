/**
 * POST /apps/{app}/provisioning/expressions/test through app.request(): the value and its type
 * for a real directory user (by id and by userPrincipalName), [IsSoftDeleted] as a cycle would
 * read it (assigned or not, disabled), parse and evaluation errors as 400s with the span of the
 * offending text, unknown users and apps as 404s, bad bodies in words, any identity role may
 * call it, and the OpenAPI entry. Also: a mapping refusal carries every issue with its path.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mountAdminApi } from './api-support.ts';
import { createEngineHarness } from './support.ts';

describe('expression test API', () => {
  let h: Awaited<ReturnType<typeof createEngineHarness>>;
  let api: ReturnType<typeof mountAdminApi>['api'];
  let call: ReturnType<typeof mountAdminApi>['call'];
  let mintToken: ReturnType<typeof mountAdminApi>['mintToken'];
  let reader = '';
  let annId = '';
  let path = '';

  const test1 = (expression: string, user = 'ann@contoso.test') =>
    call('POST', path, { expression, user });

  before(async () => {
    h = await createEngineHarness();
    ({ api, call, mintToken } = mountAdminApi(h));
    reader = await mintToken('Global Reader');
    const ann = await h.addUser('ann@contoso.test', {
      givenName: 'Ann',
      surname: 'Lee',
      department: 'Sales',
      extensions: { extensionAttribute1: 'SMTP:ann@contoso.test,smtp:al@contoso.test' },
    });
    annId = ann.id;
    await h.assign('user', ann.id);
    await h.addUser('bo@contoso.test', { accountEnabled: true });
    path = `/apps/${h.app.id}/provisioning/expressions/test`;
  });
  after(() => h.close());

  test('each type of value, for a user named by userPrincipalName or by id', async () => {
    const cases: [string, unknown, string][] = [
      ['Join(" ", [givenName], [surname])', 'Ann Lee', 'string'],
      ['ToUpper([department])', 'SALES', 'string'],
      ['IsPresent([department])', true, 'boolean'],
      ['Count(Split([extensionAttribute1], ","))', 2, 'number'],
      [
        'Split([extensionAttribute1], ",")',
        ['SMTP:ann@contoso.test', 'smtp:al@contoso.test'],
        'list',
      ],
      ['[jobTitle]', null, 'null'],
      ['"a constant"', 'a constant', 'string'],
    ];
    for (const [expression, value, type] of cases) {
      const answer = await test1(expression);
      assert.equal(answer.status, 200, `${expression}: ${JSON.stringify(answer.json)}`);
      assert.deepEqual(
        answer.json,
        { value, type, user: 'ann@contoso.test', isSoftDeleted: false },
        expression,
      );
    }
    const byId = await test1('[userPrincipalName]', annId);
    assert.equal(byId.status, 200);
    assert.equal(byId.json.value, 'ann@contoso.test');
    const reads = await call(
      'POST',
      path,
      { expression: '[mail]', user: 'ann@contoso.test' },
      reader,
    );
    assert.equal(reads.status, 200, 'any identity role may test');
  });

  test('[IsSoftDeleted] reads as a cycle would: unassigned or disabled users are soft-deleted', async () => {
    const active = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';
    assert.equal((await test1(active)).json.value, 'True');
    const bo = await test1(active, 'bo@contoso.test');
    assert.deepEqual(bo.json, {
      value: 'False',
      type: 'string',
      user: 'bo@contoso.test',
      isSoftDeleted: true,
    });
    await h.directory.users.update(annId, { accountEnabled: false });
    assert.equal((await test1(active)).json.isSoftDeleted, true);
    await h.directory.users.update(annId, { accountEnabled: true });
  });

  test('a parse error is a 400 on the expression field with the span to underline', async () => {
    const unknown = await test1('Jion(" ", [givenName])');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.code, 'invalid');
    assert.equal(unknown.json.error.field, 'expression');
    assert.deepEqual(unknown.json.error.span, { start: 0, end: 4 });
    assert.match(unknown.json.error.message, /unknown function 'Jion'.*did you mean 'Join'/);
    const unclosed = await test1('Join(" ", [givenName]');
    assert.equal(unclosed.status, 400);
    assert.equal(typeof unclosed.json.error.span.start, 'number');
    assert.ok(unclosed.json.error.span.end <= 'Join(" ", [givenName]'.length + 1);
    const arity = await test1('Left([givenName])');
    assert.equal(arity.status, 400);
    assert.match(arity.json.error.message, /Left takes 2 arguments, got 1/);
    // The expression is checked before the user is looked up: a typo shows even for a wrong user.
    assert.equal((await test1('Jion()', 'nobody@contoso.test')).status, 400);
  });

  test('an expression that fails for this user is a 400 with the span and the user', async () => {
    const failing = await test1('CDate([givenName])');
    assert.equal(failing.status, 400, JSON.stringify(failing.json));
    assert.equal(failing.json.error.field, 'expression');
    assert.match(failing.json.error.message, /ann@contoso\.test/);
    assert.deepEqual(Object.keys(failing.json.error.span).sort(), ['end', 'start']);
  });

  test('unknown users and apps are 404s naming the field; bad bodies are 400s in words', async () => {
    const nobody = await test1('[mail]', 'nobody@contoso.test');
    assert.equal(nobody.status, 404);
    assert.equal(nobody.json.error.field, 'user');
    assert.match(
      nobody.json.error.message,
      /no user with userPrincipalName "nobody@contoso\.test"/,
    );
    const noApp = await call('POST', '/apps/nope/provisioning/expressions/test', {
      expression: '[mail]',
      user: 'ann@contoso.test',
    });
    assert.equal(noApp.status, 404);
    assert.equal(noApp.json.error.field, 'app');
    const noUser = await call('POST', path, { expression: '[mail]' });
    assert.equal(noUser.status, 400);
    assert.equal(noUser.json.error.field, 'user');
    const extra = await call('POST', path, {
      expression: '[mail]',
      user: 'ann@contoso.test',
      x: 1,
    });
    assert.equal(extra.status, 400);
    assert.equal(extra.json.error.field, 'x');
    const anonymous = await api.request(`/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expression: '[mail]', user: 'ann@contoso.test' }),
    });
    assert.equal(anonymous.status, 401);
  });

  test('a refused mapping lists every issue with its path and span', async () => {
    const mappings = (await call('GET', `/apps/${h.app.id}/provisioning/mappings`)).json;
    const users = mappings.objectMappings[0];
    users.attributeMappings.push(
      { type: 'expression', source: 'Jion(" ", [givenName])', target: 'nickName' },
      { type: 'direct', source: 'mail', target: 'name.foo' },
    );
    const refused = await call('PUT', `/apps/${h.app.id}/provisioning/mappings`, mappings);
    assert.equal(refused.status, 400);
    const n = users.attributeMappings.length;
    const issues = refused.json.error.issues as { path: string; span?: unknown }[];
    assert.equal(refused.json.error.field, `objectMappings[0].attributeMappings[${n - 2}].source`);
    assert.deepEqual(
      issues.map((i) => i.path),
      [
        `objectMappings[0].attributeMappings[${n - 2}].source`,
        `objectMappings[0].attributeMappings[${n - 1}].target`,
      ],
    );
    assert.deepEqual(issues[0]!.span, { start: 0, end: 4 });
  });

  test('the OpenAPI document describes the route', async () => {
    const doc = (await call('GET', '/openapi.json')).json;
    const post = doc.paths['/apps/{app}/provisioning/expressions/test'].post;
    assert.deepEqual(post.requestBody.content['application/json'].schema.required.sort(), [
      'expression',
      'user',
    ]);
    assert.ok(post.responses['400'].content['application/json'].schema.properties.error);
  });
});
