import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionStore } from './session-store.ts';

const admin = { tenant: 'acme', adminId: 'a1', email: 'admin@acme.test' };

test('a session is found by its token until it expires or is deleted', () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const sessions = createSessionStore({ clock: () => new Date(now), ttlSeconds: 60 });
  const { token, session } = sessions.create(admin);
  assert.match(token, /^rss_[\w-]{43}$/);
  assert.deepEqual(session, { ...admin, expires: '2026-01-01T00:01:00.000Z' });
  assert.deepEqual(sessions.get(token), session);
  assert.equal(sessions.get(`${token}x`), undefined);
  now += 59_999;
  assert.ok(sessions.get(token));
  now += 1;
  assert.equal(sessions.get(token), undefined);
  const second = sessions.create(admin);
  assert.equal(sessions.delete(second.token), true);
  assert.equal(sessions.get(second.token), undefined);
});

test('past its capacity the oldest session goes first', () => {
  const sessions = createSessionStore({ clock: () => new Date(0), capacity: 2 });
  const [a, b, c] = [sessions.create(admin), sessions.create(admin), sessions.create(admin)];
  assert.equal(sessions.get(a.token), undefined);
  assert.ok(sessions.get(b.token));
  assert.ok(sessions.get(c.token));
});
