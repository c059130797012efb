import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSecretBox } from './secret-box.ts';

const key = 'k'.repeat(32);

test('seal and open: AES-256-GCM, a fresh IV each time, the plain text never in the sealed value', () => {
  const box = createSecretBox(key);
  const a = box.seal('s3cr3t-token');
  const b = box.seal('s3cr3t-token');
  assert.notEqual(a, b);
  assert.ok(!a.includes('s3cr3t'));
  assert.equal(box.open(a), 's3cr3t-token');
});

test('another key or an altered value cannot be opened; short keys are refused', () => {
  const sealed = createSecretBox(key).seal('x');
  assert.throws(() => createSecretBox('j'.repeat(32)).open(sealed), /another secret key/);
  const parts = sealed.split('.');
  parts[3] = Buffer.from('tampered').toString('base64url');
  assert.throws(() => createSecretBox(key).open(parts.join('.')), /altered/);
  assert.throws(() => createSecretBox('short'), /at least 32 characters/);
});
