import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySettings, changesScope, checkSettings, defaultSettings } from './job-settings.ts';

test('defaults follow Entra: manual, assigned, 40 minutes, 500 deletions; Bulk from the template', () => {
  assert.deepEqual(defaultSettings({ bulk: true }), {
    mode: 'manual',
    scope: 'assigned',
    intervalSeconds: 2400,
    deletionThreshold: 500,
    skipOutOfScopeDeletions: false,
    notificationEmail: null,
    sendFailureEmail: false,
    flattenNestedGroups: false,
    useBulk: true,
  });
});

test('updates are checked in words naming the field', () => {
  assert.deepEqual(checkSettings({ intervalSeconds: 30, scope: 'all' }), {
    intervalSeconds: 30,
    scope: 'all',
  });
  assert.throws(
    () => checkSettings({ intervalSeconds: 0 }),
    /intervalSeconds must be a whole number of seconds/,
  );
  assert.throws(() => checkSettings({ scope: 'some' }), /scope must be assigned/);
  assert.throws(
    () => checkSettings({ notificationEmail: 'nope' }),
    /notificationEmail must be an email/,
  );
  assert.throws(() => checkSettings({ intervall: 5 }), /intervall is not a setting/);
  assert.throws(
    () => applySettings(defaultSettings({ bulk: false }), { sendFailureEmail: true }),
    /notificationEmail is needed/,
  );
});

test('what is in scope changes with the scope and with flattening, not with the interval', () => {
  const base = defaultSettings({ bulk: false });
  assert.equal(changesScope(base, { ...base, scope: 'all' }), true);
  assert.equal(changesScope(base, { ...base, flattenNestedGroups: true }), true);
  assert.equal(changesScope(base, { ...base, intervalSeconds: 60 }), false);
});
