import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScimError } from '../errors.ts';
import { coreUserSchemaId } from '../schema/core-user.ts';
import { defineAttribute, defineExtensionSchema } from '../schema/define.ts';
import { createGroupSchema, createUserSchema } from '../schema/resource-types.ts';
import { checkImmutable } from './check-immutable.ts';
import type { ScimResource } from './types.ts';

const hrId = 'urn:example:hr:1.0:User';
const hr = defineExtensionSchema({
  id: hrId,
  name: 'Hr',
  description: 'test extension with immutable attributes',
  attributes: [
    defineAttribute('personnelId', 'string', { mutability: 'immutable' }),
    defineAttribute('badge', 'string', { mutability: 'immutable', caseExact: true }),
    defineAttribute('sites', 'string', { mutability: 'immutable', multiValued: true }),
    defineAttribute('contract', 'complex', {
      subAttributes: [
        defineAttribute('number', 'string', { mutability: 'immutable' }),
        defineAttribute('grade', 'string'),
      ],
    }),
  ],
});
const users = createUserSchema([{ schema: hr, required: false }]);
const user = (data: Record<string, unknown>): ScimResource => ({
  schemas: [coreUserSchemaId, hrId],
  userName: 'b',
  [hrId]: data,
});

const allowed: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['same value', { personnelId: 'P1' }, { personnelId: 'P1' }],
  ['same value in another case (caseExact false)', { personnelId: 'p1' }, { personnelId: 'P1' }],
  ['omitted in the replacement', { personnelId: 'P1' }, {}],
  ['set for the first time', {}, { personnelId: 'P1' }],
  ['multi-valued in another order', { sites: ['a', 'b'] }, { sites: ['B', 'a'] }],
  [
    'a readWrite sub-attribute of a complex changes',
    { contract: { number: 'C1', grade: 'A' } },
    { contract: { number: 'c1', grade: 'B' } },
  ],
];
for (const [name, before, after] of allowed) {
  test(`checkImmutable allows: ${name}`, () => checkImmutable(user(before), user(after), users));
}

const refused: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
  [
    'a changed value',
    { personnelId: 'P1' },
    { personnelId: 'P2' },
    `Attribute "${hrId}:personnelId" is immutable: it is "P1" and cannot become "P2"`,
  ],
  [
    'a case change where caseExact',
    { badge: 'ab' },
    { badge: 'AB' },
    `Attribute "${hrId}:badge" is immutable: it is "ab" and cannot become "AB"`,
  ],
  [
    'a multi-valued set that changes',
    { sites: ['a', 'b'] },
    { sites: ['a'] },
    `Attribute "${hrId}:sites" is immutable: it is ["a","b"] and cannot become ["a"]`,
  ],
  [
    'an immutable sub-attribute of a single-valued complex',
    { contract: { number: 'C1' } },
    { contract: { number: 'C2' } },
    `Attribute "${hrId}:contract.number" is immutable: it is "C1" and cannot become "C2"`,
  ],
];
for (const [name, before, after, detail] of refused) {
  test(`checkImmutable refuses: ${name}`, () => {
    assert.throws(
      () => checkImmutable(user(before), user(after), users),
      (e: unknown) =>
        e instanceof ScimError &&
        e.status === 400 &&
        e.scimType === 'mutability' &&
        e.detail === detail,
    );
  });
}

test('Group members (immutable sub-attributes) may be added and removed on replace', () => {
  const groups = createGroupSchema();
  const before = {
    schemas: [groups.core.id],
    displayName: 'g',
    members: [{ value: 'u1' }, { value: 'u2' }],
  };
  const after = { schemas: [groups.core.id], displayName: 'g', members: [{ value: 'u3' }] };
  checkImmutable(before, after, groups);
});
