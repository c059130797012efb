// diffToPatch: minimal RFC 7644 PATCH on the owned attributes only, with value paths; and the
// property that applying it gives the export on every owned slot and changes nothing else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  applyPatch,
  createUserSchema,
  parsePatchRequest,
  type ScimResource,
} from '../scim/index.ts';
import { diffToPatch, sameJson } from './diff-to-patch.ts';
import { exportObject } from './export-object.ts';
import { resolveReferences } from './resolve-references.ts';
import { matchesSelector, readSlot } from './slot-access.ts';
import { compileUsers, defaultUsers } from './test-support.ts';

const now = new Date('2026-03-01T00:00:00Z');
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const users = defaultUsers();
const schema = createUserSchema();
const links = new Map([
  ['o-bob', 't-bob'],
  ['o-cy', 't-cy'],
]);

function desiredOf(source: Record<string, unknown>, isSoftDeleted = false) {
  const exported = exportObject(source as never, users, { mode: 'update', now, isSoftDeleted });
  return resolveReferences(exported, (id) => links.get(id)).exported;
}

const ann = {
  userPrincipalName: 'ann@contoso.test',
  mail: 'ann@contoso.test',
  givenName: 'Ann',
  surname: 'Lee',
  displayName: 'Ann Lee',
  manager: 'o-bob',
};

const current: ScimResource = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
  id: 't-ann',
  userName: 'ann@contoso.test',
  active: true,
  displayName: 'Ann Lee',
  nickName: 'Annie',
  name: { givenName: 'Ann', familyName: 'Lee', formatted: 'Ann Lee' },
  emails: [
    { type: 'work', value: 'ann@contoso.test', primary: true },
    { type: 'home', value: 'ann@home.test' },
  ],
  [enterprise]: { manager: { value: 't-bob', displayName: 'Bob' }, costCenter: '42' },
};

describe('diffToPatch examples', () => {
  it('nothing differs: no operations', () => {
    assert.deepEqual(diffToPatch(current, desiredOf(ann), users), []);
  });

  it('changed values: replace through the same paths the mappings use', () => {
    const ops = diffToPatch(
      current,
      desiredOf({ ...ann, mail: 'ann.lee@contoso.test', surname: 'Li' }),
      users,
    );
    assert.deepEqual(ops, [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'ann.lee@contoso.test' },
      { op: 'replace', path: 'name.familyName', value: 'Li' },
      { op: 'replace', path: 'name.formatted', value: 'Ann Li' },
    ]);
  });

  it('disable: active as a JSON boolean', () => {
    assert.deepEqual(diffToPatch(current, desiredOf(ann, true), users), [
      { op: 'replace', path: 'active', value: false },
    ]);
  });

  it('first values are added; a missing selected element is created whole', () => {
    const bare: ScimResource = { id: 't', userName: 'ann@contoso.test', active: true };
    assert.deepEqual(
      diffToPatch(bare, desiredOf({ ...ann, manager: undefined, mobile: '555' }), users),
      [
        { op: 'add', path: 'displayName', value: 'Ann Lee' },
        { op: 'add', path: 'emails', value: [{ type: 'work', value: 'ann@contoso.test' }] },
        { op: 'add', path: 'name.givenName', value: 'Ann' },
        { op: 'add', path: 'name.familyName', value: 'Lee' },
        { op: 'add', path: 'name.formatted', value: 'Ann Lee' },
        { op: 'add', path: 'phoneNumbers', value: [{ type: 'mobile', value: '555' }] },
      ],
    );
  });

  it('a cleared source removes the value; the whole element when nothing mapped is left', () => {
    const ops = diffToPatch(
      current,
      desiredOf({ ...ann, mail: undefined, displayName: undefined }),
      users,
    );
    assert.deepEqual(ops, [
      { op: 'remove', path: 'displayName' },
      { op: 'remove', path: 'emails[type eq "work"]' },
    ]);
  });

  it('manager: compared by value, set as { value }, removed when cleared', () => {
    assert.deepEqual(diffToPatch(current, desiredOf({ ...ann, manager: 'o-cy' }), users), [
      { op: 'replace', path: `${enterprise}:manager`, value: { value: 't-cy' } },
    ]);
    assert.deepEqual(diffToPatch(current, desiredOf({ ...ann, manager: undefined }), users), [
      { op: 'remove', path: `${enterprise}:manager` },
    ]);
  });

  it('an unresolved manager is left alone', () => {
    assert.deepEqual(diffToPatch(current, desiredOf({ ...ann, manager: 'o-unknown' }), users), []);
  });

  it('untouched slots (IgnoreFlow, errors, onCreate) are never changed', () => {
    const mapping = compileUsers([
      { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
      { type: 'expression', source: 'IgnoreFlowIfNullOrEmpty([nick])', target: 'nickName' },
      { type: 'direct', source: 'title', target: 'title', apply: 'onCreate' },
    ]);
    const exported = exportObject({ userPrincipalName: 'ann@contoso.test' }, mapping, {
      mode: 'update',
      now,
    });
    assert.deepEqual(diffToPatch({ ...current, title: 'Boss' }, exported, mapping), []);
  });

  it('a multi-valued attribute owned whole is replaced whole, compared as a set', () => {
    const mapping = compileUsers([
      { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
      {
        type: 'expression',
        source: 'AssertiveAppRoleAssignmentsComplex([appRoleAssignments])',
        target: 'roles',
      },
    ]);
    const source = {
      userPrincipalName: 'ann@contoso.test',
      appRoleAssignments: [
        { id: 'r1', value: 'Admin', displayName: 'Admin' },
        { id: 'r2', value: 'Reader', displayName: 'Reader' },
      ],
    };
    const exported = exportObject(source, mapping, { mode: 'update', now });
    const roles = exported.resource.roles as unknown[];
    assert.equal(roles.length, 2);
    const same = { ...current, roles: [...roles].reverse() };
    assert.deepEqual(diffToPatch(same, exported, mapping), [], 'order does not matter');
    const ops = diffToPatch({ ...current, roles: [roles[0]] }, exported, mapping);
    assert.deepEqual(ops, [{ op: 'replace', path: 'roles', value: roles }]);
  });
});

// ---- property: applyPatch(current, diffToPatch(current, desired)) = desired on owned slots ----

const word = fc.constantFrom('Ann', 'ann', 'Bo', 'x@y.test', 'Li', 'R&D', 'a "q"');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const sourceArb = fc.record({
  userPrincipalName: fc.constantFrom('ann@contoso.test', 'bo@contoso.test'),
  mail: maybe(word),
  givenName: maybe(word),
  surname: maybe(word),
  displayName: maybe(word),
  jobTitle: maybe(word),
  telephoneNumber: maybe(word),
  mobile: maybe(word),
  city: maybe(word),
  department: maybe(word),
  manager: maybe(fc.constantFrom('o-bob', 'o-cy', 'o-unlinked')),
});

const emailArb = fc.record({
  type: fc.constantFrom('work', 'Work', 'home'),
  value: word,
});

const currentArb = fc
  .record({
    userName: fc.constantFrom('ann@contoso.test', 'old@contoso.test'),
    active: fc.boolean(),
    displayName: maybe(word),
    nickName: maybe(word),
    title: maybe(word),
    name: maybe(
      fc.record({ givenName: maybe(word), familyName: maybe(word), middleName: maybe(word) }),
    ),
    emails: maybe(fc.array(emailArb, { maxLength: 3 })),
    phoneNumbers: maybe(
      fc.array(fc.record({ type: fc.constantFrom('work', 'mobile', 'fax'), value: word }), {
        maxLength: 2,
      }),
    ),
    enterprise: maybe(
      fc.record({
        department: maybe(word),
        costCenter: maybe(word),
        manager: maybe(fc.constantFrom('t-bob', 't-cy', 't-other')),
      }),
    ),
  })
  .map((r) => {
    const resource: ScimResource = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: 't-1',
    };
    for (const [key, value] of Object.entries(r)) {
      if (value === undefined || key === 'enterprise') continue;
      resource[key] = JSON.parse(JSON.stringify(value));
    }
    if (r.enterprise) {
      const ext: Record<string, unknown> = {};
      if (r.enterprise.department) ext.department = r.enterprise.department;
      if (r.enterprise.costCenter) ext.costCenter = r.enterprise.costCenter;
      if (r.enterprise.manager) ext.manager = { value: r.enterprise.manager };
      resource[enterprise] = ext;
      (resource.schemas as string[]).push(enterprise);
    }
    return resource;
  });

/** `resource` without what the mappings own (whole selected elements included), for comparison. */
function withoutOwned(resource: ScimResource): unknown {
  const copy = structuredClone(resource);
  delete copy.schemas;
  delete copy.meta;
  for (const { slot } of users.attributes) {
    const holder = (slot.inCore ? copy : copy[slot.schemaUrn]) as
      | Record<string, unknown>
      | undefined;
    if (!holder) continue;
    const value = holder[slot.name];
    if (slot.shape === 'attribute') delete holder[slot.name];
    else if (slot.shape === 'subAttribute' && value && typeof value === 'object') {
      delete (value as Record<string, unknown>)[slot.subAttr!];
    } else if (slot.shape === 'element' && Array.isArray(value)) {
      holder[slot.name] = value.filter((e) => !matchesSelector(e, slot.selector!));
    }
  }
  // Empty containers left behind are equivalent to absent ones (RFC 7643 §2.5).
  return JSON.parse(JSON.stringify(copy), (_key, v) => {
    if (Array.isArray(v) && v.length === 0) return undefined;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)
      return undefined;
    return v;
  });
}

describe('diffToPatch property', () => {
  it('applying the diff gives the export on owned slots, keeps the rest, and converges', () => {
    fc.assert(
      fc.property(currentArb, sourceArb, fc.boolean(), (before, source, softDeleted) => {
        const desired = desiredOf(source, softDeleted);
        const operations = diffToPatch(before, desired, users);
        const after = applyPatch(before, parsePatchRequest({ Operations: operations }), schema);
        for (const { slot } of users.attributes) {
          if (desired.untouched.has(slot.key)) continue;
          const want = readSlot(desired.resource, slot);
          const got = readSlot(after, slot);
          if (slot.reference) {
            const id = (v: unknown) =>
              v && typeof v === 'object' ? (v as { value?: unknown }).value : v;
            assert.equal(id(got), id(want), slot.key);
          } else
            assert.ok(
              sameJson(got, want),
              `${slot.key}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`,
            );
        }
        assert.deepEqual(withoutOwned(after), withoutOwned(before), 'unowned attributes unchanged');
        assert.deepEqual(diffToPatch(after, desired, users), [], 'a second diff is empty');
        assert.deepEqual(before, structuredClone(before), 'inputs not modified');
      }),
      { numRuns: 400 },
    );
  });
});
