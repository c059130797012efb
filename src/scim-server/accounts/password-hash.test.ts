import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './password-hash.ts';

const fast = { N: 2 ** 10, r: 8, p: 1 };

test('a hash verifies its own password and no other', async () => {
  const stored = await hashPassword('correct horse battery', fast);
  assert.equal(await verifyPassword('correct horse battery', stored), true);
  assert.equal(await verifyPassword('correct horse batterY', stored), false);
  assert.equal(await verifyPassword('', stored), false);
});

test('the hash carries its parameters and a fresh salt each time', async () => {
  const a = await hashPassword('correct horse battery', fast);
  const b = await hashPassword('correct horse battery', fast);
  assert.match(a, /^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(a, b);
  assert.equal(a.includes('correct'), false);
});

test('the default parameters are the strong ones and still verify', async () => {
  const stored = await hashPassword('correct horse battery');
  assert.match(stored, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('correct horse battery', stored), true);
});

test('a malformed or foreign hash never verifies', async () => {
  for (const stored of [
    '',
    'scrypt$1$2',
    '$2b$10$abcdefghijklmnopqrstuv',
    'scrypt$x$8$1$AAAA$AAAA',
    'scrypt$1024$8$1$$',
  ])
    assert.equal(await verifyPassword('anything at all', stored), false, stored);
});

test('Unicode passwords are compared in NFC, so the two forms of "é" are one password', async () => {
  const stored = await hashPassword('caf\u00e9 au lait please', fast);
  assert.equal(await verifyPassword('cafe\u0301 au lait please', stored), true);
});
