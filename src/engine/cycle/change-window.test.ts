import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DirectoryChange } from '../../store/store.ts';
import { coalesceChanges } from './change-window.ts';

let sequence = 0;
const change = (
  objectType: DirectoryChange['objectType'],
  objectId: string,
  kind: DirectoryChange['kind'],
  detail: Record<string, string> | null = null,
): DirectoryChange => ({
  sequence: ++sequence,
  objectType,
  objectId,
  kind,
  at: '2026-01-01T00:00:00Z',
  detail,
});

test('several changes to one object are one visit, with the last change id', () => {
  const window = coalesceChanges(
    [
      change('user', 'u1', 'created'),
      change('user', 'u1', 'updated'),
      change('group', 'g1', 'updated'),
    ],
    'app',
  );
  assert.deepEqual([...window.users], [['u1', 2]]);
  assert.deepEqual([...window.groups], [['g1', 3]]);
});

test('membership changes become per-group deltas; the last change of a member wins', () => {
  const window = coalesceChanges(
    [
      change('membership', 'g1', 'added', { memberId: 'u1', memberType: 'user' }),
      change('membership', 'g1', 'removed', { memberId: 'u1', memberType: 'user' }),
      change('membership', 'g1', 'added', { memberId: 'g2', memberType: 'group' }),
    ],
    'app',
  );
  const deltas = window.members.get('g1')!;
  assert.equal(deltas.get('u1')!.kind, 'removed');
  assert.deepEqual(
    { ...deltas.get('g2')!, changeId: 0 },
    { kind: 'added', memberType: 'group', changeId: 0 },
  );
});

test("assignments of this app name their principal; other apps' are ignored", () => {
  const window = coalesceChanges(
    [
      change('assignment', 'a1', 'added', {
        appId: 'app',
        principalId: 'u9',
        principalType: 'user',
        roleId: 'r',
      }),
      change('assignment', 'a2', 'removed', {
        appId: 'app',
        principalId: 'g9',
        principalType: 'group',
        roleId: 'r',
      }),
      change('assignment', 'a3', 'added', {
        appId: 'other',
        principalId: 'u8',
        principalType: 'user',
        roleId: 'r',
      }),
    ],
    'app',
  );
  assert.deepEqual([...window.users.keys()], ['u9']);
  assert.deepEqual([...window.groups.keys()], ['g9']);
  assert.deepEqual([...window.assignedGroups.keys()], ['g9']);
});
