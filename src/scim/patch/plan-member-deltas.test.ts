import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyPatchWithChanges, parsePatchRequest, planMemberDeltas } from './index.ts';
import { schemas } from './test-support.ts';

/** The parsed JSON of `fixtures/<name>`. */
function loadFixture<T>(name: string): T[] {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T[];
}

interface DeltaCase {
  name: string;
  request: unknown;
  plan: { add: string[]; remove: string[]; removeAll: boolean; needsMembers: boolean };
  /** The `path` of each operation left in otherOps (null for a path-less one). */
  otherOps: (string | null)[];
}

for (const c of loadFixture<DeltaCase>('member-deltas.json')) {
  test(`planMemberDeltas: ${c.name}`, () => {
    const { otherOps, ...plan } = planMemberDeltas(parsePatchRequest(c.request), schemas.Group);
    assert.deepEqual(plan, c.plan);
    assert.deepEqual(
      otherOps.map((o) => o.path ?? null),
      c.otherOps,
    );
  });
}

test('planMemberDeltas: a path-less value keeps its other keys in otherOps', () => {
  const operations = parsePatchRequest({
    Operations: [{ op: 'add', value: { displayName: 'X', members: [{ value: 'u-1' }] } }],
  });
  const { otherOps } = planMemberDeltas(operations, schemas.Group);
  assert.deepEqual(otherOps, [{ ...operations[0], value: { displayName: 'X' } }]);
});

test('planMemberDeltas: a resource type without members plans nothing', () => {
  const operations = parsePatchRequest({ Operations: [{ op: 'add', path: 'title', value: 'x' }] });
  assert.deepEqual(planMemberDeltas(operations, schemas.User), {
    add: [],
    remove: [],
    removeAll: false,
    otherOps: operations,
    needsMembers: false,
  });
});

/** Applies a plan to a set of member ids the way the store does. */
function applyPlan(ids: readonly string[], plan: ReturnType<typeof planMemberDeltas>): string[] {
  const kept = plan.removeAll ? [] : ids.filter((id) => !plan.remove.includes(id));
  return [...kept, ...plan.add.filter((id) => !kept.includes(id))];
}

const id = fc.constantFrom('u-1', 'u-2', 'u-3', 'u-4', 'u-5');
const ids = fc.uniqueArray(id);
const memberOperation = fc.oneof(
  ids.map((v) => ({
    op: 'Add',
    path: 'members',
    value: v.map((value) => ({ $ref: null, value })),
  })),
  ids.map((v) => ({ op: 'Remove', path: 'members', value: v.map((value) => ({ value })) })),
  id.map((value) => ({ op: 'remove', path: `members[value eq "${value}"]` })),
  fc
    .tuple(id, id)
    .map(([a, b]) => ({ op: 'remove', path: `members[value eq "${a}" or value eq "${b}"]` })),
  fc.constant({ op: 'remove', path: 'members' }),
  ids.map((v) => ({ op: 'replace', path: 'members', value: v.map((value) => ({ value })) })),
  ids.map((v) => ({ op: 'add', value: { members: v.map((value) => ({ value })) } })),
);

test('planMemberDeltas: the plan gives the same members as applying the patch', () => {
  fc.assert(
    fc.property(ids, fc.array(memberOperation, { minLength: 1, maxLength: 6 }), (start, ops) => {
      const group = {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        id: 'g',
        displayName: 'G',
        members: start.map((value) => ({ value })),
      };
      const operations = parsePatchRequest({ Operations: ops });
      const plan = planMemberDeltas(operations, schemas.Group);
      assert.equal(plan.needsMembers, false);
      const { resource } = applyPatchWithChanges(group, operations, schemas.Group);
      const applied = ((resource.members ?? []) as { value: string }[]).map((m) => m.value);
      assert.deepEqual(new Set(applyPlan(start, plan)), new Set(applied));
      assert.equal(
        plan.add.some((a) => plan.remove.includes(a)),
        false,
      );
    }),
  );
});
