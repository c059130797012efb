// Group member deltas as RFC 7644 PATCH requests of bounded size, and what applying them does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch, createGroupSchema, parsePatchRequest } from '../scim/index.ts';
import { diffMembers, planMemberPatches } from './plan-member-patches.ts';

describe('planMemberPatches', () => {
  it('adds as one value list, removes through value filters', () => {
    assert.deepEqual(planMemberPatches({ add: ['u1', 'u2'], remove: ['u3', 'a"b'] }), [
      [
        { op: 'add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] },
        { op: 'remove', path: 'members[value eq "u3"]' },
        { op: 'remove', path: 'members[value eq "a\\"b"]' },
      ],
    ]);
  });

  it('nothing to do: no request', () => {
    assert.deepEqual(planMemberPatches({ add: [], remove: [] }), []);
  });

  it('splits into requests of at most batchSize member ids', () => {
    const add = Array.from({ length: 5 }, (_, i) => `a${i}`);
    const remove = Array.from({ length: 3 }, (_, i) => `r${i}`);
    const requests = planMemberPatches({ add, remove }, { batchSize: 3 });
    const ids = requests.map((ops) =>
      ops.flatMap((op) =>
        op.op === 'add' ? (op.value as { value: string }[]).map((m) => m.value) : [op.path],
      ),
    );
    assert.deepEqual(ids, [
      ['a0', 'a1', 'a2'],
      ['a3', 'a4', 'members[value eq "r0"]'],
      ['members[value eq "r1"]', 'members[value eq "r2"]'],
    ]);
  });

  it('applied to a group, gives the desired members', () => {
    const groups = createGroupSchema();
    let group: Record<string, unknown> = {
      id: 'g',
      displayName: 'G',
      members: [{ value: 'u1' }, { value: 'u2' }, { value: 'u3' }],
    };
    const delta = diffMembers(['u1', 'u2', 'u3'], ['u2', 'u4', 'u5']);
    assert.deepEqual(delta, { add: ['u4', 'u5'], remove: ['u1', 'u3'] });
    for (const operations of planMemberPatches(delta, { batchSize: 2 })) {
      group = applyPatch(group, parsePatchRequest({ Operations: operations }), groups);
    }
    assert.deepEqual((group.members as { value: string }[]).map((m) => m.value).sort(), [
      'u2',
      'u4',
      'u5',
    ]);
  });
});
