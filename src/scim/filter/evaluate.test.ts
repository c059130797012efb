import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ScimError } from '../errors.ts';
import type { ScimResource } from '../resource/types.ts';
import type { FilterNode } from './ast.ts';
import { compileFilter } from './compile.ts';
import { evaluateFilter, matchesElement } from './evaluate.ts';
import { groupSchema, testExtensionUrn, userSchema } from './fixture-schema.ts';
import { parseFilter } from './parse.ts';
import { stringifyFilter } from './stringify.ts';

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

const users: Record<string, ScimResource> = load('users.json');
const groups: Record<string, ScimResource> = load('groups.json');
const rfcExamples: { filter: string; matches: string[] }[] = load('rfc-examples.json');
const entraShapes: { shape: string; filter: string; resourceType: string; matches: string[] }[] =
  load('entra-shapes.json');
const errors: { filter: string; contains: string }[] = load('evaluate-errors.json');

function matching(filter: string, resources: Record<string, ScimResource>, schema = userSchema) {
  const test = compileFilter(parseFilter(filter), schema);
  return Object.keys(resources).filter((key) => test(resources[key]!));
}

describe('evaluateFilter: RFC 7644 §3.4.2.2 examples over the fixture users', () => {
  for (const example of rfcExamples) {
    test(example.filter, () => {
      assert.deepEqual(matching(example.filter, users), example.matches);
    });
  }
});

describe('evaluateFilter: Entra shapes', () => {
  for (const shape of entraShapes) {
    test(shape.shape, () => {
      const [resources, schema] =
        shape.resourceType === 'Group' ? [groups, groupSchema] : [users, userSchema];
      assert.deepEqual(matching(shape.filter, resources, schema), shape.matches);
    });
  }
});

describe('evaluateFilter: filters that cannot apply → 400 invalidFilter, whatever the data', () => {
  for (const { filter, contains } of errors) {
    test(filter, () => {
      const ast = parseFilter(filter);
      for (const resource of [users['bjensen-full']!, {}]) {
        assert.throws(
          () => evaluateFilter(ast, resource, userSchema),
          (error: unknown) =>
            error instanceof ScimError &&
            error.scimType === 'invalidFilter' &&
            error.detail.includes(contains),
        );
      }
    });
  }
});

const ext = testExtensionUrn;
/** [filter, users expected to match] — semantics corners, each with the reason. */
const corners: [string, string[]][] = [
  // ne on an absent attribute: unassigned is null (RFC 7643 §2.5), and null is not "Employee".
  ['userType ne "Employee"', ['bjensen-minimal', 'jsmith', 'contractor', 'entra']],
  // eq null ⇔ not present; "" and [] are not present.
  ['title eq null', ['bjensen-minimal', 'jsmith', 'contractor', 'entra']],
  ['title ne null', ['bjensen-full', 'omalley']],
  ['emails eq null', ['bjensen-minimal', 'contractor']],
  ['emails pr', ['bjensen-full', 'jsmith', 'omalley', 'entra']],
  ['title eq ""', ['contractor']],
  // complex single-valued: pr means a non-empty node.
  ['name pr', ['bjensen-full', 'omalley', 'entra']],
  [
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr',
    ['bjensen-full', 'entra'],
  ],
  ['manager.value pr', ['bjensen-full', 'entra']],
  // caseExact false (userName, emails.value) vs true (id, externalId, binary).
  ['userName eq "JSMITH"', ['jsmith']],
  ['id eq "U-JSMITH"', []],
  ['emails.value ew "@EXAMPLE.COM"', ['bjensen-full', 'omalley']],
  ['x509Certificates.value sw "miid"', []],
  ['x509Certificates.value sw "MIID"', ['bjensen-full']],
  // lexicographic order for strings, case-folded.
  ['userName gt "contractor1"', ['jsmith', 'omalley']],
  // "bjensen@example.com" sorts after "bjensen" (a longer string with the same prefix).
  ['userName le "BJENSEN"', ['bjensen-minimal', 'entra']],
  // dateTime as instants: "+01:00" is an hour earlier in UTC.
  [
    'meta.lastModified lt "2011-12-31T23:00:01Z"',
    ['bjensen-full', 'bjensen-minimal', 'jsmith', 'omalley', 'contractor'],
  ],
  ['meta.lastModified eq "2011-12-31T23:00:00Z"', ['omalley']],
  ['meta.lastModified eq "2011-12-31T23:00:00"', ['omalley']],
  ['meta.created ge "2010-01-23T04:56:22.000Z"', ['bjensen-full', 'bjensen-minimal']],
  // numbers numerically, numeric strings accepted.
  [`${ext}:level gt 2`, ['omalley']],
  [`${ext}:level eq "3"`, ['omalley']],
  [`${ext}:score le 2.5`, ['omalley']],
  [`${ext}:level ne 3`, ['bjensen-full', 'bjensen-minimal', 'jsmith', 'contractor', 'entra']],
  // simple multi-valued attribute: any value; `value` names the element in a value filter.
  [`${ext}:tags eq "b"`, ['omalley']],
  [`${ext}:tags[value eq "A"]`, ['omalley']],
  // multi-valued ne: any element that differs (or lacks the sub-attribute).
  ['emails.type ne "work"', ['bjensen-full', 'bjensen-minimal', 'omalley', 'contractor']],
  // not ( … ) is the exact complement.
  ['not (userType ne "Employee")', ['bjensen-full', 'omalley']],
  // a number literal against a string attribute compares as its JSON text.
  ['employeeNumber eq 701984', ['bjensen-full']],
  ['externalId eq 701984', ['bjensen-full']],
  // schemas: case-insensitive URIs.
  ['schemas eq "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER"', Object.keys(users)],
  ['schemas[value ew ":test:2.0:User"]', ['omalley']],
  // single-valued complex value filter.
  ['name[givenName eq "barbara" and familyName sw "J"]', ['bjensen-full']],
  // unqualified extension attribute, resolved when exactly one extension defines it.
  ['employeeNumber pr', ['bjensen-full', 'omalley']],
  ['meta.resourceType eq "user"', Object.keys(users)],
];

describe('evaluateFilter: semantic corners', () => {
  for (const [filter, expected] of corners) {
    test(filter, () => {
      assert.deepEqual(matching(filter, users).sort(), [...expected].sort());
    });
  }
});

describe('matchesElement: PATCH value filters on one element', () => {
  const members = groupSchema.resolve({ name: 'members' })!;
  const emails = userSchema.resolve({ name: 'emails' })!;
  const roles = userSchema.resolve({ name: 'roles' })!;
  const tags = userSchema.resolve({ uri: ext, name: 'tags' })!;
  const cases: [string, unknown, typeof members, boolean][] = [
    ['value eq "2819c223"', { value: '2819c223', display: 'Babs' }, members, true],
    ['value eq "2819C223"', { value: '2819c223' }, members, true],
    ['value eq "other"', { value: '2819c223' }, members, false],
    ['VALUE eq "2819c223"', { Value: '2819c223' }, members, true],
    ['type eq "work"', { type: 'work', value: 'a@x' }, emails, true],
    ['type eq "work" and value co "@x"', { type: 'work', value: 'a@y' }, emails, false],
    ['primary eq "True"', { primary: true, value: 'Admin' }, roles, true],
    ['primary eq true', { value: 'User' }, roles, false],
    ['primary ne true', { value: 'User' }, roles, true],
    ['value eq "a"', 'a', tags, true],
    ['value pr', '', tags, false],
  ];
  for (const [filter, element, parent, expected] of cases) {
    test(`${filter} on ${JSON.stringify(element)}`, () => {
      const schema = parent === members ? groupSchema : userSchema;
      assert.equal(matchesElement(parseFilter(filter), element, parent, schema), expected);
      assert.equal(
        matchesElement(parseFilter(filter), element, parent.attribute, schema),
        expected,
      );
    });
  }

  test('a nested value path or an unknown sub-attribute is invalidFilter', () => {
    for (const filter of ['emails[value pr]', 'nosuch eq "x"', 'name.givenName pr']) {
      assert.throws(
        () => matchesElement(parseFilter(filter), { value: 'x' }, emails, userSchema),
        (error: unknown) => error instanceof ScimError && error.scimType === 'invalidFilter',
      );
    }
  });
});

test('a 10k-term chain built by code compiles and stringifies without deep recursion', () => {
  let node: FilterNode = { kind: 'compare', path: { name: 'id' }, op: 'eq', value: 'u-0' };
  for (let i = 1; i < 10_000; i++) {
    node = {
      kind: 'or',
      left: node,
      right: { kind: 'compare', path: { name: 'id' }, op: 'eq', value: `u-${i}` },
    };
  }
  assert.equal(evaluateFilter(node, { id: 'u-9999' }, userSchema), true);
  assert.ok(stringifyFilter(node).endsWith('id eq "u-9998" or id eq "u-9999"'));
});

test('evaluation does not mutate the resource', () => {
  const before = JSON.stringify(users);
  for (const example of rfcExamples) matching(example.filter, users);
  assert.equal(JSON.stringify(users), before);
});
