// exportObject: what the target should hold — nesting by SCIM path, value paths creating their
// element, types as the RFC wants them, null/default/onCreate/IgnoreFlow rules, references.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUserSchema } from '../scim/index.ts';
import { exportObject } from './export-object.ts';
import { resolveReferences } from './resolve-references.ts';
import { toTargetValue } from './target-value.ts';
import { compileUsers, defaultGroups, defaultUsers } from './test-support.ts';

const now = new Date('2026-03-01T12:00:00Z');
const core = 'urn:ietf:params:scim:schemas:core:2.0:User';
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ann = {
  objectId: 'o-ann',
  userPrincipalName: 'ann@contoso.test',
  accountEnabled: true,
  mail: 'ann@contoso.test',
  mailNickname: 'ann',
  givenName: 'Ann',
  surname: 'Lee',
  displayName: 'Ann Lee',
  jobTitle: 'Engineer',
  department: 'R&D',
  employeeId: '1234',
  telephoneNumber: '+47 555 0100',
  mobile: '+47 555 0101',
  city: 'Oslo',
  country: 'NO',
  manager: 'o-bob',
};

describe("exportObject with Entra's default mappings", () => {
  it('builds the nested SCIM resource, value-path elements included', () => {
    const exported = exportObject(ann, defaultUsers(), { mode: 'create', now });
    assert.deepEqual(exported.resource, {
      schemas: [core, enterprise],
      userName: 'ann@contoso.test',
      active: true,
      displayName: 'Ann Lee',
      title: 'Engineer',
      emails: [{ type: 'work', value: 'ann@contoso.test' }],
      name: { givenName: 'Ann', familyName: 'Lee', formatted: 'Ann Lee' },
      addresses: [{ type: 'work', locality: 'Oslo', country: 'NO' }],
      phoneNumbers: [
        { type: 'work', value: '+47 555 0100' },
        { type: 'mobile', value: '+47 555 0101' },
      ],
      externalId: 'ann',
      [enterprise]: { employeeNumber: '1234', department: 'R&D' },
    });
    assert.deepEqual(exported.errors, []);
    assert.deepEqual(
      exported.references.map((r) => [r.slot.key, r.sourceIds]),
      [[`${enterprise}:manager`, ['o-bob']]],
      'the manager waits for the reference pass',
    );
    assert.ok(exported.untouched.has(`${enterprise}:manager`));
  });

  it('sends active as a boolean: Switch([IsSoftDeleted]) gives "False" for a soft-deleted user', () => {
    const users = defaultUsers();
    assert.equal(exportObject(ann, users, { mode: 'update', now }).resource.active, true);
    assert.equal(
      exportObject(ann, users, { mode: 'update', now, isSoftDeleted: true }).resource.active,
      false,
    );
  });

  it('leaves out null sources; only the core schema when no extension holds data', () => {
    const exported = exportObject({ userPrincipalName: 'bo@contoso.test' }, defaultUsers(), {
      mode: 'create',
      now,
    });
    assert.deepEqual(exported.resource, {
      schemas: [core],
      userName: 'bo@contoso.test',
      active: true,
    });
  });

  it('lists required attributes a create would lack (MandatoryFieldsMissing)', () => {
    const users = defaultUsers();
    assert.deepEqual(
      exportObject({ mail: 'x@y' }, users, { mode: 'create', now }).missingRequired,
      ['userName'],
    );
    assert.deepEqual(exportObject(ann, users, { mode: 'create', now }).missingRequired, []);
    assert.deepEqual(
      exportObject({ mail: 'x@y' }, users, { mode: 'update', now }).missingRequired,
      [],
    );
    assert.deepEqual(
      exportObject({ objectId: 'g' }, defaultGroups(), { mode: 'create', now }).missingRequired,
      ['displayName'],
    );
  });

  it('explains each mapping: value, noValue, reference', () => {
    const exported = exportObject({ userPrincipalName: 'bo@contoso.test' }, defaultUsers(), {
      mode: 'create',
      now,
    });
    const status = Object.fromEntries(exported.attributes.map((a) => [a.target, a.status]));
    assert.equal(status.userName, 'value');
    assert.equal(status.displayName, 'noValue');
    assert.equal(status['name.formatted'], 'noValue', 'Join of two nulls is empty: not sent');
    assert.equal(status[`${enterprise}:manager`], 'reference');
  });

  it('groups: members are a reference, created empty', () => {
    const exported = exportObject(
      { objectId: 'g-1', displayName: 'Sales', members: ['o-ann', 'o-bob'] },
      defaultGroups(),
      { mode: 'create', now },
    );
    assert.deepEqual(exported.resource, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Sales',
      externalId: 'g-1',
    });
    assert.deepEqual(exported.references[0]!.sourceIds, ['o-ann', 'o-bob']);
    assert.equal(exported.references[0]!.multiValued, true);
  });
});

describe('exportObject rules', () => {
  const users = compileUsers([
    { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
    {
      type: 'direct',
      source: 'preferredLanguage',
      target: 'preferredLanguage',
      defaultValue: 'en-US',
    },
    { type: 'constant', source: 'Employee', target: 'userType', apply: 'onCreate' },
    { type: 'none', target: 'locale', defaultValue: 'en-GB' },
    { type: 'expression', source: 'IgnoreFlowIfNullOrEmpty([jobTitle])', target: 'title' },
    { type: 'direct', source: 'nickname', target: 'nickName' },
    { type: 'expression', source: 'Mid([displayName], 0, 2)', target: 'displayName' },
  ]);
  const source = { userPrincipalName: 'cy@contoso.test', displayName: 'Cy' };

  it('create: default values apply, onCreate mappings apply', () => {
    const exported = exportObject(source, users, { mode: 'create', now });
    assert.equal(exported.resource.preferredLanguage, 'en-US');
    assert.equal(exported.resource.userType, 'Employee');
    assert.equal(exported.resource.locale, 'en-GB');
    const byTarget = Object.fromEntries(exported.attributes.map((a) => [a.target, a]));
    assert.equal(byTarget.preferredLanguage!.status, 'default');
    assert.equal(byTarget.title!.status, 'ignoreFlow');
    assert.equal(byTarget.nickName!.status, 'noValue');
  });

  it('update: defaults and onCreate mappings leave the target alone; plain nulls clear', () => {
    const exported = exportObject(source, users, { mode: 'update', now });
    assert.equal(exported.resource.preferredLanguage, undefined);
    assert.equal(exported.resource.userType, undefined);
    assert.deepEqual([...exported.untouched].sort(), [
      'displayName',
      'locale',
      'preferredLanguage',
      'title',
      'userType',
    ]);
    assert.ok(!exported.untouched.has('nickName'), 'a plain null is cleared on update');
  });

  it('an evaluation error is reported with its span and leaves the slot untouched', () => {
    const exported = exportObject(source, users, { mode: 'update', now });
    assert.deepEqual(exported.errors, [
      {
        index: 6,
        target: 'displayName',
        message: 'Mid: start counts from 1, got 0',
        span: { start: 0, end: 24 },
        function: 'Mid',
      },
    ]);
  });

  it('IgnoreFlowIfNullOrEmpty with a value sends it', () => {
    const exported = exportObject({ ...source, jobTitle: 'CTO' }, users, { mode: 'update', now });
    assert.equal(exported.resource.title, 'CTO');
  });

  it('a list for a single-valued attribute is an error', () => {
    const lists = compileUsers([
      { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
      { type: 'direct', source: 'proxyAddresses', target: 'nickName' },
    ]);
    const exported = exportObject(
      { userPrincipalName: 'x', proxyAddresses: ['SMTP:a@x', 'smtp:b@x'] },
      lists,
      { mode: 'create', now },
    );
    assert.deepEqual(
      exported.errors.map((e) => e.message),
      ['"nickName" is single-valued but the source gave 2 values'],
    );
  });

  it('Redact and SelectUniqueValue are reported for the logs and the uniqueness check', () => {
    const special = compileUsers([
      {
        type: 'expression',
        source:
          'SelectUniqueValue(Join("@", [givenName], "x.test"), Join("@", [surname], "x.test"))',
        target: 'userName',
        matchingPrecedence: 1,
      },
      {
        type: 'expression',
        source: 'Redact([employeeId])',
        target: `${enterprise}:employeeNumber`,
      },
    ]);
    const exported = exportObject({ givenName: 'ann', surname: 'lee', employeeId: '9' }, special, {
      mode: 'create',
      now,
    });
    const [userName, employee] = exported.attributes;
    assert.deepEqual(userName!.candidates, ['ann@x.test', 'lee@x.test']);
    assert.equal(employee!.redacted, true);
    assert.equal(employee!.value, '9');
  });

  it('two mappings into one selected element share it; other selectors get their own', () => {
    const phones = compileUsers([
      { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
      { type: 'direct', source: 'telephoneNumber', target: 'phoneNumbers[type eq "work"].value' },
      { type: 'constant', source: 'True', target: 'phoneNumbers[type eq "work"].primary' },
      { type: 'direct', source: 'mobile', target: 'phoneNumbers[type eq "mobile"].value' },
    ]);
    const exported = exportObject(
      { userPrincipalName: 'x', telephoneNumber: '1', mobile: '2' },
      phones,
      {
        mode: 'create',
        now,
      },
    );
    assert.deepEqual(exported.resource.phoneNumbers, [
      { type: 'work', value: '1', primary: true },
      { type: 'mobile', value: '2' },
    ]);
  });
});

describe('toTargetValue', () => {
  const users = createUserSchema();
  const at = (name: string, sub?: string) => {
    const resolved = users.resolve({ name, ...(sub && { subAttr: sub }) })!;
    return resolved.sub ?? resolved.attribute;
  };
  const cases: [string, unknown, ReturnType<typeof at> | undefined, unknown][] = [
    ['"True" to boolean', 'True', at('active'), { ok: true, value: true }],
    ['number to string', 42, at('title'), { ok: true, value: '42' }],
    ['boolean to string', false, at('title'), { ok: true, value: 'False' }],
    [
      'DateTime to string: Entra text',
      new Date('2026-03-01T15:04:05Z'),
      at('title'),
      { ok: true, value: '3/1/2026 3:04:05 PM' },
    ],
    [
      'DateTime to an opaque attribute: ISO 8601',
      new Date('2026-03-01T15:04:05Z'),
      undefined,
      { ok: true, value: '2026-03-01T15:04:05.000Z' },
    ],
    ['empty string: no value', '', at('title'), { ok: true, value: undefined, empty: true }],
    [
      'bare string to a complex multi-valued attribute',
      'a@x.test',
      at('emails'),
      { ok: true, value: [{ value: 'a@x.test' }] },
    ],
    [
      'role objects',
      [{ value: 'Admin', displayName: null }],
      at('roles'),
      { ok: true, value: [{ value: 'Admin' }] },
    ],
    [
      'not a boolean',
      'maybe',
      at('active'),
      { ok: false, message: 'Attribute "x" must be a boolean (true or false), got "maybe"' },
    ],
  ];
  for (const [name, value, definition, expected] of cases) {
    it(name, () => {
      assert.deepEqual(toTargetValue(value as never, definition, 'x'), expected);
    });
  }
});

describe('resolveReferences', () => {
  const users = defaultUsers();
  const manager = `${enterprise}:manager`;

  it('writes a linked manager as { value } and lets the diff own it', () => {
    const exported = exportObject(ann, users, { mode: 'update', now });
    const { exported: resolved, unresolved } = resolveReferences(exported, (id) =>
      id === 'o-bob' ? 't-bob' : undefined,
    );
    assert.deepEqual((resolved.resource[enterprise] as Record<string, unknown>).manager, {
      value: 't-bob',
    });
    assert.ok(!resolved.untouched.has(manager));
    assert.deepEqual(unresolved, []);
    assert.ok(exported.untouched.has(manager), 'the input is not modified');
  });

  it('a manager not provisioned yet stays untouched and is listed', () => {
    const exported = exportObject(ann, users, { mode: 'update', now });
    const { exported: resolved, unresolved } = resolveReferences(exported, () => undefined);
    assert.ok(resolved.untouched.has(manager));
    assert.deepEqual(
      unresolved.map((u) => u.sourceIds),
      [['o-bob']],
    );
  });

  it('no manager in the source: the reference is cleared', () => {
    const { manager: _none, ...alone } = ann;
    const exported = exportObject(alone, users, { mode: 'update', now });
    const { exported: resolved } = resolveReferences(exported, () => 't-x');
    assert.ok(!resolved.untouched.has(manager));
    assert.equal(
      resolved.resource[enterprise] &&
        (resolved.resource[enterprise] as Record<string, unknown>).manager,
      undefined,
    );
  });

  it('members come back as target ids, unlinked ones listed', () => {
    const exported = exportObject(
      { objectId: 'g', displayName: 'G', members: ['o-1', 'o-2', 'o-3'] },
      defaultGroups(),
      { mode: 'update', now },
    );
    const links = new Map([
      ['o-1', 't-1'],
      ['o-3', 't-3'],
    ]);
    const { members, unresolved } = resolveReferences(exported, (id) => links.get(id));
    assert.deepEqual(
      members.map((m) => m.targetIds),
      [['t-1', 't-3']],
    );
    assert.deepEqual(
      unresolved.map((u) => u.sourceIds),
      [['o-2']],
    );
  });
});
