import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloneJson } from './types.ts';

test('cloneJson copies a JSON value deeply: equal, and sharing no object or array', () => {
  const user = JSON.parse(
    '{"userName":"a@x.test","name":{"givenName":"A"},"emails":[{"value":"a@x.test","primary":true}],"phones":[],"nick":null,"n":1}',
  );
  const copy = cloneJson(user);
  assert.deepEqual(copy, user);
  assert.notEqual(copy.name, user.name);
  assert.notEqual(copy.emails, user.emails);
  assert.notEqual(copy.emails[0], user.emails[0]);
  copy.emails[0].value = 'b@x.test';
  assert.equal(user.emails[0].value, 'a@x.test');
  assert.deepEqual(cloneJson(structuredClone(user)), structuredClone(user));
});

test('cloneJson of a frozen record is a copy that can be changed', () => {
  const frozen = Object.freeze({ emails: Object.freeze([Object.freeze({ value: 'a' })]) });
  const copy = cloneJson(frozen) as { emails: { value: string }[] };
  copy.emails[0]!.value = 'b';
  assert.equal(frozen.emails[0]!.value, 'a');
  assert.equal(Object.isFrozen(copy), false);
});

test('cloneJson keeps a "__proto__" key as an own property instead of setting the prototype', () => {
  const parsed = JSON.parse('{"__proto__":{"admin":true},"userName":"a"}');
  const copy = cloneJson(parsed);
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  assert.equal((copy as { admin?: boolean }).admin, undefined);
  assert.deepEqual(Object.keys(copy), ['__proto__', 'userName']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value, { admin: true });
});

test('cloneJson passes primitives through', () => {
  for (const value of ['s', 1, true, null, undefined]) assert.equal(cloneJson(value), value);
});
