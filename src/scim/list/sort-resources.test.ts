import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ScimError } from '../errors.ts';
import type { ScimResource } from '../resource/types.ts';
import { defineAttribute, defineExtensionSchema } from '../schema/define.ts';
import { createGroupSchema, createUserSchema } from '../schema/resource-types.ts';
import {
  compareCodePoints,
  parseSortOrder,
  type SortOrder,
  sortResources,
} from './sort-resources.ts';

const { resources, cases, errors } = JSON.parse(
  readFileSync(new URL('./fixtures/sort-cases.json', import.meta.url), 'utf8'),
) as {
  resources: ScimResource[];
  cases: { name: string; sortBy: string; order?: SortOrder; expected: string[] }[];
  errors: { sortBy: string; detail: string }[];
};

// A test extension with one attribute of each non-string type.
const metrics = defineExtensionSchema({
  id: 'urn:example:metrics:1.0:User',
  name: 'Metrics',
  description: 'typed attributes for sort tests',
  attributes: [
    defineAttribute('clearance', 'integer'),
    defineAttribute('score', 'decimal'),
    defineAttribute('vip', 'boolean'),
    defineAttribute('hired', 'dateTime'),
  ],
});
const users = createUserSchema([{ schema: metrics, required: false }]);
const ids = (list: ScimResource[]) => list.map((r) => r.id);

for (const c of cases) {
  test(`sortResources: ${c.name}`, () => {
    const before = JSON.stringify(resources);
    assert.deepEqual(ids(sortResources(resources, users, c.sortBy, c.order)), c.expected);
    assert.equal(JSON.stringify(resources), before, 'input untouched');
  });
}

for (const c of errors) {
  test(`sortResources rejects sortBy=${c.sortBy}`, () => {
    assert.throws(
      () => sortResources(resources, users, c.sortBy),
      (e: unknown) =>
        e instanceof ScimError &&
        e.status === 400 &&
        e.scimType === 'invalidValue' &&
        e.detail === c.detail,
    );
  });
}

test('Group members sort by the members value', () => {
  const groups = createGroupSchema();
  const list = [
    { id: 'g1', members: [{ value: 'u9' }] },
    { id: 'g2', members: [{ value: 'u1' }] },
    { id: 'g3' },
  ];
  assert.deepEqual(ids(sortResources(list, groups, { name: 'members', subAttr: 'value' })), [
    'g2',
    'g1',
    'g3',
  ]);
});

test('parseSortOrder: case-insensitive, ascending by default, else 400', () => {
  assert.equal(parseSortOrder(undefined), 'ascending');
  assert.equal(parseSortOrder(''), 'ascending');
  assert.equal(parseSortOrder('Descending'), 'descending');
  assert.equal(parseSortOrder(' ASCENDING '), 'ascending');
  assert.throws(() => parseSortOrder('down'), {
    status: 400,
    scimType: 'invalidValue',
    detail: 'Parameter "sortOrder" must be "ascending" or "descending", got "down"',
  });
});

test('compareCodePoints orders by code point, unlike UTF-16 comparison', () => {
  assert.ok('𝒜' < 'ｚ'); // UTF-16 units: surrogate D835 < FF5A
  assert.ok(compareCodePoints('ｚ', '𝒜') < 0);
  assert.equal(compareCodePoints('abc', 'abc'), 0);
  assert.ok(compareCodePoints('ab', 'abc') < 0);
  assert.ok(compareCodePoints('b', 'abc') > 0);
});
