import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ScimError } from '../errors.ts';
import type { AttrPath, PatchPath } from './ast.ts';
import { parseAttrPath } from './attr-path.ts';
import { enterpriseUrn, userSchema } from './fixture-schema.ts';
import { parsePatchPath } from './patch-path.ts';
import { stringifyAttrPath, stringifyPatchPath } from './stringify.ts';

const fixtures: {
  valid: { path: string; expected: PatchPath; canonical?: string }[];
  invalid: { path: string; position: number; contains: string }[];
} = JSON.parse(readFileSync(new URL('./fixtures/patch-paths.json', import.meta.url), 'utf8'));

function assertInvalidPath(run: () => unknown, position: number, contains: string) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ScimError);
    assert.equal(error.status, 400);
    assert.equal(error.scimType, 'invalidPath');
    assert.ok(error.detail.includes(`at position ${position} in `), error.detail);
    assert.ok(error.detail.includes(contains), `${error.detail} should contain ${contains}`);
    return true;
  });
}

describe('parsePatchPath (RFC 7644 §3.5.2)', () => {
  for (const { path, expected, canonical } of fixtures.valid) {
    test(path, () => {
      const parsed = parsePatchPath(path);
      assert.deepEqual(parsed, expected);
      assert.equal(stringifyPatchPath(parsed), canonical ?? path);
      assert.deepEqual(parsePatchPath(stringifyPatchPath(parsed)), parsed);
    });
  }
  for (const { path, position, contains } of fixtures.invalid) {
    test(`invalid: ${JSON.stringify(path)}`, () =>
      assertInvalidPath(() => parsePatchPath(path), position, contains));
  }

  test('a bare extension URN is recognised through schemaById(uri + ":" + name)', () => {
    const path = parsePatchPath(enterpriseUrn);
    assert.equal(userSchema.schemaById(`${path.uri}:${path.name}`)?.id, enterpriseUrn);
    assert.equal(userSchema.resolve(path), undefined);
  });

  test('a filter syntax error inside the brackets is invalidPath too', () => {
    assertInvalidPath(() => parsePatchPath('members[value eqq "x"]'), 14, 'Unexpected "eqq"');
  });

  test('limits apply', () => {
    assertInvalidPath(
      () => parsePatchPath(`members[${'('.repeat(40)}value pr${')'.repeat(40)}]`),
      39,
      'Nesting deeper',
    );
    assertInvalidPath(() => parsePatchPath('x'.repeat(10_001)), 10_000, 'longer than');
  });
});

describe('parseAttrPath (sortBy, attributes; RFC 7644 §3.10)', () => {
  const valid: [string, AttrPath][] = [
    ['userName', { name: 'userName' }],
    ['name.familyName', { name: 'name', subAttr: 'familyName' }],
    ['meta.lastModified', { name: 'meta', subAttr: 'lastModified' }],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
      { uri: enterpriseUrn, name: 'manager', subAttr: 'value' },
    ],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:userName',
      { uri: 'urn:ietf:params:scim:schemas:core:2.0:User', name: 'userName' },
    ],
    [enterpriseUrn, { uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', name: 'User' }],
    ['groups.$ref', { name: 'groups', subAttr: '$ref' }],
  ];
  for (const [text, expected] of valid) {
    test(text, () => {
      assert.deepEqual(parseAttrPath(text), expected);
      assert.equal(stringifyAttrPath(expected), text);
    });
  }
  const invalid: [string, number, string][] = [
    ['', 0, 'Unexpected end of input'],
    ['name.familyName.x', 15, 'At most one sub-attribute'],
    ['emails[type eq "work"]', 6, 'expected the end of the path'],
    ['userName desc', 9, 'Unexpected "desc"'],
    ['9lives', 0, 'Invalid attribute name'],
    ['a,b', 1, 'Unexpected character ","'],
  ];
  for (const [text, position, contains] of invalid) {
    test(`invalid: ${JSON.stringify(text)}`, () =>
      assertInvalidPath(() => parseAttrPath(text), position, contains));
  }
});
