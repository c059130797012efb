import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineAttribute, defineExtensionSchema, extendResourceType } from './define.ts';
import { userResourceType } from './resource-types.ts';

test('defineAttribute fills the RFC 7643 §2.2 defaults', () => {
  assert.deepEqual(defineAttribute('badgeNumber', 'string'), {
    name: 'badgeNumber',
    type: 'string',
    multiValued: false,
    description: '',
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
  });
  assert.equal(defineAttribute('x', 'integer', { required: true }).required, true);
});

const sub = defineAttribute('value', 'string');
const cases: {
  name: string;
  schema: Parameters<typeof defineExtensionSchema>[0];
  error: RegExp;
}[] = [
  {
    name: 'id not a URN',
    schema: { id: 'acme-user', name: 'A', description: '', attributes: [] },
    error: /must be a URN/,
  },
  {
    name: 'illegal attribute name',
    schema: {
      id: 'urn:acme:u',
      name: 'A',
      description: '',
      attributes: [defineAttribute('1x', 'string')],
    },
    error: /illegal attribute name/,
  },
  {
    name: 'duplicate name in another case',
    schema: {
      id: 'urn:acme:u',
      name: 'A',
      description: '',
      attributes: [defineAttribute('badge', 'string'), defineAttribute('Badge', 'string')],
    },
    error: /declared twice/,
  },
  {
    name: 'complex without subAttributes',
    schema: {
      id: 'urn:acme:u',
      name: 'A',
      description: '',
      attributes: [defineAttribute('c', 'complex')],
    },
    error: /needs subAttributes/,
  },
  {
    name: 'complex inside complex',
    schema: {
      id: 'urn:acme:u',
      name: 'A',
      description: '',
      attributes: [
        defineAttribute('c', 'complex', {
          subAttributes: [defineAttribute('d', 'complex', { subAttributes: [sub] })],
        }),
      ],
    },
    error: /cannot be complex/,
  },
  {
    name: 'subAttributes on a string',
    schema: {
      id: 'urn:acme:u',
      name: 'A',
      description: '',
      attributes: [defineAttribute('s', 'string', { subAttributes: [sub] })],
    },
    error: /only complex/,
  },
  {
    name: 'referenceTypes on a string',
    schema: {
      id: 'urn:acme:u',
      name: 'A',
      description: '',
      attributes: [defineAttribute('s', 'string', { referenceTypes: ['User'] })],
    },
    error: /referenceTypes apply/,
  },
];

for (const c of cases) {
  test(`defineExtensionSchema rejects: ${c.name}`, () => {
    assert.throws(() => defineExtensionSchema(c.schema), c.error);
  });
}

test('extendResourceType appends extensions once, without touching the original', () => {
  const ext = { schema: 'urn:acme:u', required: true };
  const extended = extendResourceType(userResourceType, [ext, { ...ext, schema: 'URN:ACME:U' }]);
  assert.equal(extended.schemaExtensions.length, 2);
  assert.deepEqual(extended.schemaExtensions[1], ext);
  assert.equal(userResourceType.schemaExtensions.length, 1);
  assert.equal(extendResourceType(extended, [ext]).schemaExtensions.length, 2);
});
