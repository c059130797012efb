import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUserSchema, defineAttribute, defineExtensionSchema } from '../scim/index.ts';
import { carryOverImmutable, storedData } from './stored-data.ts';

const acme = 'urn:example:acme:2.0:User';
const users = createUserSchema([
  {
    schema: defineExtensionSchema({
      id: acme,
      name: 'Acme',
      description: 'Acme',
      attributes: [
        defineAttribute('badge', 'string', { description: 'Badge', mutability: 'immutable' }),
        defineAttribute('desk', 'string', { description: 'Desk' }),
      ],
    }),
    required: false,
  },
]);

describe('storedData / carryOverImmutable', () => {
  it('keeps neither id, meta, members, groups nor password', () => {
    assert.deepEqual(
      storedData({
        schemas: ['s'],
        id: 'x',
        meta: {},
        userName: 'b',
        password: 'p',
        groups: [],
        members: [],
      }),
      { schemas: ['s'], userName: 'b' },
    );
  });

  it('carries an omitted immutable value over on PUT, and only immutable ones', () => {
    const existing = { schemas: [acme], userName: 'b', [acme]: { badge: 'A1', desk: '7' } };
    assert.deepEqual(carryOverImmutable(existing, { schemas: [], userName: 'b' }, users), {
      schemas: [],
      userName: 'b',
      [acme]: { badge: 'A1' },
    });
    const next = { schemas: [], userName: 'b', [acme]: { badge: 'A1', desk: '8' } };
    assert.deepEqual(carryOverImmutable(existing, next, users), next);
  });
});
