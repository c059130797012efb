import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getKey } from './read.ts';

test('getKey finds own keys exactly, then case-insensitively, never inherited ones', () => {
  assert.equal(getKey({ userName: 'a' }, 'userName'), 'a');
  assert.equal(getKey({ USERNAME: 'a' }, 'userName'), 'a');
  assert.equal(getKey({}, 'toString'), undefined);
  assert.equal(getKey({}, 'constructor'), undefined);
  assert.equal(getKey({ ToString: 'x' }, 'toString'), 'x');
});
