import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAccountError } from './account-error.ts';
import { checkAdminEmail, checkNewPassword } from './admin-credentials.ts';
import { lockAfterFailure, lockSeconds, secondsLocked } from './lockout-policy.ts';
import { buildPresetProfile, checkProfileDocument } from './profile-presets.ts';
import { checkTenantName, tenantNameProblem } from './tenant-name.ts';

test('tenant names are 2–63 lower-case letters, digits and inner hyphens', () => {
  for (const ok of ['acme', 'a1', 'acme-corp', '9lives', 'x'.repeat(63)])
    assert.equal(checkTenantName(ok), ok);
  const cases: [string, RegExp][] = [
    ['a', /"a" is too short/],
    ['x'.repeat(64), /is 64 characters long/],
    ['Acme', /has upper-case letters/],
    ['ac_me', /contains "_" at position 3/],
    ['acme corp', /contains " " at position 5/],
    ['-acme', /starts or ends with a hyphen/],
    ['acme-', /starts or ends with a hyphen/],
  ];
  for (const [name, message] of cases) {
    assert.match(tenantNameProblem(name) ?? '', message, name);
    assert.throws(
      () => checkTenantName(name),
      (e) => isAccountError(e, 'invalid') && e.field === 'name',
    );
  }
});

test('admin emails are trimmed, lower-cased and must look like an address', () => {
  assert.equal(checkAdminEmail(' Admin@Acme.Test '), 'admin@acme.test');
  for (const bad of [
    '',
    'admin',
    'admin@acme',
    '@acme.test',
    'a b@acme.test',
    `${'a'.repeat(250)}@x.test`,
  ])
    assert.throws(
      () => checkAdminEmail(bad),
      (e) => isAccountError(e, 'invalid') && e.field === 'adminEmail',
      bad,
    );
});

test('passwords need at least 12 characters and say so', () => {
  assert.equal(checkNewPassword('twelve chars'), 'twelve chars');
  assert.throws(
    () => checkNewPassword('short'),
    (e) =>
      isAccountError(e, 'invalid') &&
      e.field === 'adminPassword' &&
      /5 characters long; a password is 12/.test(e.message),
  );
  assert.throws(() => checkNewPassword(' '.repeat(12)), /only spaces/);
  assert.throws(() => checkNewPassword('x'.repeat(1025)), /1025 characters/);
});

test('the wrike preset: users only, userName is the email, approved domains', () => {
  assert.deepEqual(buildPresetProfile('wrike', ['Acme.test', '@acme.test', 'corp.acme.test']), {
    groups: false,
    userNameIsEmail: true,
    allowedEmailDomains: ['acme.test', 'corp.acme.test'],
  });
  assert.deepEqual(buildPresetProfile('wrike'), { groups: false, userNameIsEmail: true });
  assert.deepEqual(buildPresetProfile(), {});
  assert.throws(
    () => buildPresetProfile('slack'),
    (e) =>
      isAccountError(e, 'invalid') && e.field === 'profile' && /generic, wrike/.test(e.message),
  );
  assert.throws(
    () => checkProfileDocument({ groups: 'no' }),
    (e) =>
      isAccountError(e, 'invalid') &&
      e.field === 'profile' &&
      /"groups" must be true or false/.test(e.message),
  );
  assert.throws(
    () => buildPresetProfile('wrike', ['not a domain']),
    (e) => isAccountError(e, 'invalid') && e.field === 'allowedDomains',
  );
});

test('four failures are free; then the lock doubles from 30 s up to 15 minutes', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50].map(lockSeconds),
    [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900],
  );
  const now = new Date('2026-01-01T00:00:00Z');
  assert.equal(lockAfterFailure(4, now), null);
  assert.equal(lockAfterFailure(5, now), '2026-01-01T00:00:30.000Z');
  assert.equal(secondsLocked('2026-01-01T00:00:30.000Z', now), 30);
  assert.equal(secondsLocked('2026-01-01T00:00:00.500Z', now), 1);
  assert.equal(secondsLocked('2025-12-31T23:59:59.000Z', now), 0);
  assert.equal(secondsLocked(null, now), 0);
});
