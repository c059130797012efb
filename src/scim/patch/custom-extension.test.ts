import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScimError } from '../errors.ts';
import { defineAttribute, defineExtensionSchema } from '../schema/define.ts';
import { createUserSchema } from '../schema/resource-types.ts';
import { applyPatch, parsePatchRequest } from './index.ts';

const acmeId = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const acme = defineExtensionSchema({
  id: acmeId,
  name: 'AcmeUser',
  description: 'Acme badge data',
  attributes: [
    defineAttribute('badgeNumber', 'string', { mutability: 'immutable' }),
    defineAttribute('clearance', 'integer', { required: true }),
    defineAttribute('tags', 'string', { multiValued: true }),
  ],
});
const core = 'urn:ietf:params:scim:schemas:core:2.0:User';
const users = createUserSchema([{ schema: acme, required: false }]);
const requiredUsers = createUserSchema([{ schema: acme, required: true }]);
const base = { schemas: [core], id: 'u-1', userName: 'a' };

function patch(resource: Record<string, unknown>, operations: unknown[], schema = users) {
  return applyPatch(resource, parsePatchRequest({ Operations: operations }), schema);
}

function rejects(run: () => unknown, scimType: string, part: string) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ScimError);
    assert.equal(error.scimType, scimType, error.detail);
    assert.ok(error.detail.includes(part), error.detail);
    return true;
  });
}

test('an immutable attribute may be set while it has no value (RFC 7644 §3.5.2)', () => {
  const out = patch(base, [{ op: 'add', path: 'badgeNumber', value: 'B-7' }]);
  assert.deepEqual(out, { ...base, schemas: [core, acmeId], [acmeId]: { badgeNumber: 'B-7' } });
});

test('an immutable attribute with a value cannot change or be removed', () => {
  const held = { ...base, schemas: [core, acmeId], [acmeId]: { badgeNumber: 'B-7', clearance: 2 } };
  rejects(
    () => patch(held, [{ op: 'replace', path: 'badgeNumber', value: 'B-8' }]),
    'mutability',
    'badgeNumber',
  );
  rejects(() => patch(held, [{ op: 'remove', path: 'badgeNumber' }]), 'mutability', 'immutable');
  assert.deepEqual(patch(held, [{ op: 'replace', path: 'badgeNumber', value: 'B-7' }]), held);
});

test('custom extension values are coerced by type, and a required one cannot be removed', () => {
  const out = patch(base, [
    { op: 'add', value: { [`${acmeId}:clearance`]: '3', [`${acmeId}:tags`]: 'x' } },
  ]);
  assert.deepEqual(out[acmeId], { clearance: 3, tags: ['x'] });
  rejects(() => patch(out, [{ op: 'remove', path: 'clearance' }]), 'mutability', 'required');
});

test('a simple multi-valued attribute: add dedupes, remove by value filter', () => {
  const held = { ...base, schemas: [core, acmeId], [acmeId]: { tags: ['a', 'b'] } };
  const added = patch(held, [{ op: 'add', path: 'tags', value: ['B', 'c'] }]);
  assert.deepEqual(added[acmeId], { tags: ['a', 'b', 'c'] });
  const removed = patch(held, [{ op: 'remove', path: 'tags[value eq "a"]' }]);
  assert.deepEqual(removed[acmeId], { tags: ['b'] });
});

test('a required extension cannot be removed while it holds values', () => {
  const held = { ...base, schemas: [core, acmeId], [acmeId]: { tags: ['a'] } };
  rejects(() => patch(held, [{ op: 'remove', path: acmeId }], requiredUsers), 'mutability', acmeId);
  assert.deepEqual(patch(held, [{ op: 'remove', path: acmeId }]), base);
});

test('removing the core schema by its URN is an invalid path', () => {
  rejects(() => patch(base, [{ op: 'remove', path: core }]), 'invalidPath', core);
});
