import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScimError } from '../errors.ts';
import { applyPatch, applyPatchWithChanges, parsePatchRequest } from './index.ts';
import { schemas } from './test-support.ts';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const word = fc.constantFrom('a', 'B', 'work', 'home', 'x@y.test', 'Babs', 'True', 'False');
const user = fc.record({
  schemas: fc.constant(['urn:ietf:params:scim:schemas:core:2.0:User']),
  id: fc.constant('u-1'),
  userName: fc.constantFrom('bjensen', 'jdoe'),
  nickName: fc.option(word, { nil: undefined }),
  active: fc.boolean(),
  name: fc.option(fc.record({ givenName: word, familyName: word }), { nil: undefined }),
  emails: fc.option(
    fc.array(fc.record({ value: word, type: fc.constantFrom('work', 'home') }), { maxLength: 3 }),
    { nil: undefined },
  ),
});

/** Operations that are valid for some users and invalid for others (readOnly, required…). */
const operation = fc.oneof(
  fc.record({
    op: fc.constantFrom('add', 'replace'),
    path: fc.constantFrom('nickName', 'title', 'displayName'),
    value: word,
  }),
  fc.record({
    op: fc.constantFrom('Add', 'Replace'),
    path: fc.constant('emails[type eq "work"].value'),
    value: word,
  }),
  fc.record({
    op: fc.constant('replace'),
    path: fc.constant('active'),
    value: fc.constantFrom('True', 'False', true, 'maybe'),
  }),
  fc.record({
    op: fc.constant('remove'),
    path: fc.constantFrom(
      'nickName',
      'emails',
      'emails[type eq "home"]',
      'name.givenName',
      'userName',
      'id',
    ),
  }),
  fc.record({
    op: fc.constant('add'),
    path: fc.constant('emails'),
    value: fc.array(fc.record({ value: word, type: word, primary: fc.boolean() }), {
      maxLength: 3,
    }),
  }),
  fc.record({
    op: fc.constant('replace'),
    value: fc.record({
      displayName: word,
      'name.givenName': word,
      [`${enterprise}:department`]: word,
    }),
  }),
  fc.record({ op: fc.constant('add'), path: fc.constant('manager'), value: word }),
  fc.record({
    op: fc.constant('replace'),
    path: fc.constantFrom('id', 'meta.created', 'favoriteColor'),
    value: word,
  }),
);

function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

test('applyPatch never mutates its input, whether it succeeds or fails', () => {
  fc.assert(
    fc.property(user, fc.array(operation, { minLength: 1, maxLength: 5 }), (raw, ops) => {
      const resource = clean(raw);
      const before = structuredClone(resource);
      const request = clean({ Operations: ops });
      const requestBefore = structuredClone(request);
      try {
        applyPatch(resource, parsePatchRequest(request), schemas.User);
      } catch (error) {
        if (!(error instanceof ScimError)) throw error;
      }
      assert.deepEqual(resource, before);
      assert.deepEqual(request, requestBefore);
    }),
  );
});

test('a request that fails leaves nothing applied: the ops before the failure are discarded', () => {
  fc.assert(
    fc.property(user, fc.array(operation, { maxLength: 4 }), (raw, ops) => {
      const resource = clean(raw);
      const before = structuredClone(resource);
      const failing = clean([...ops, { op: 'replace', path: 'id', value: 'other' }]);
      assert.throws(
        () => applyPatch(resource, parsePatchRequest({ Operations: failing }), schemas.User),
        (error: unknown) => error instanceof ScimError,
      );
      assert.deepEqual(resource, before);
    }),
  );
});

test('the result shares no objects with the input', () => {
  fc.assert(
    fc.property(user, fc.array(operation, { minLength: 1, maxLength: 3 }), (raw, ops) => {
      const resource = clean(raw);
      let patched: Record<string, unknown>;
      try {
        patched = applyPatch(resource, parsePatchRequest({ Operations: ops }), schemas.User);
      } catch {
        return;
      }
      const inputs = new Set<unknown>();
      const collect = (v: unknown) => {
        if (typeof v !== 'object' || v === null) return;
        inputs.add(v);
        for (const child of Object.values(v)) collect(child);
      };
      collect(resource);
      const shared = (v: unknown): boolean =>
        typeof v === 'object' && v !== null && (inputs.has(v) || Object.values(v).some(shared));
      assert.equal(shared(patched), false);
    }),
  );
});

test('adding the same members twice is idempotent', () => {
  const memberIds = fc.uniqueArray(fc.constantFrom('u-1', 'u-2', 'u-3', 'u-4'), { minLength: 1 });
  fc.assert(
    fc.property(memberIds, memberIds, (start, added) => {
      const group = {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        id: 'g',
        displayName: 'G',
        members: start.map((value) => ({ value })),
      };
      const add = parsePatchRequest({
        Operations: [
          { op: 'Add', path: 'members', value: added.map((value) => ({ $ref: null, value })) },
        ],
      });
      const once = applyPatch(group, add, schemas.Group);
      const twice = applyPatchWithChanges(once, add, schemas.Group);
      assert.deepEqual(twice.resource, once);
      assert.equal(twice.changed, false);
      const values = (once.members as { value: string }[]).map((m) => m.value);
      assert.equal(new Set(values).size, values.length);
    }),
  );
});
