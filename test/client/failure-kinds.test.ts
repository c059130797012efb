// The client's SyncError kinds and the sync ring's FailureKind are one union: the engine passes
// a client error straight to the back-off and quarantine rules. Checked by the type checker
// (both directions of assignability) and at run time on the five kinds.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type SyncErrorKind, toSyncError } from '../../src/client/index.ts';
import { escrowRetryAt, type FailureKind } from '../../src/sync/index.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same: Same<SyncErrorKind, FailureKind> = true;

it('SyncErrorKind and FailureKind are the same union', () => {
  assert.equal(same, true);
  const at = new Date('2026-01-01T00:00:00Z');
  const conflict = toSyncError({ kind: 'http', status: 409 });
  assert.ok(escrowRetryAt(conflict, 1, at));
  assert.equal(escrowRetryAt(toSyncError({ kind: 'http', status: 401 }), 1, at), null);
  const slow = toSyncError({ kind: 'http', status: 429, retryAfter: '600', nowMs: at.getTime() });
  assert.equal(escrowRetryAt(slow, 1, at)!.getTime() - at.getTime(), 600_000);
});
