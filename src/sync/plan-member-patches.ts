/**
 * Group membership as deltas (Entra's reference pass for groups), in RFC 7644 §3.5.2 form:
 * additions as one `add` of `members` with a value list, removals as `remove` operations with a
 * value filter, `members[value eq "id"]` — never Entra's non-standard "remove with a value
 * list", which a literal RFC reading executes as "remove all members". Split into PATCH
 * requests of at most `batchSize` member ids each, so a 100,000-member group costs 1,000
 * requests of 100, not one request nobody accepts.
 *
 * Example:
 *   planMemberPatches({ add: ['u1', 'u2'], remove: ['u3'] })
 *   → [[{ op: 'add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] },
 *       { op: 'remove', path: 'members[value eq "u3"]' }]]
 */
import { stringifyPatchPath } from '../scim/index.ts';
import type { ScimPatchOperation } from './diff-to-patch.ts';

export interface MemberDelta {
  /** Target ids to add. */
  add: readonly string[];
  /** Target ids to remove. */
  remove: readonly string[];
}

/** The ids to add and remove to take `current` to `desired` (both target ids). */
export function diffMembers(current: Iterable<string>, desired: Iterable<string>): MemberDelta {
  const was = new Set(current);
  const next = new Set(desired);
  return {
    add: [...next].filter((id) => !was.has(id)),
    remove: [...was].filter((id) => !next.has(id)),
  };
}

function removal(id: string): ScimPatchOperation {
  const path = stringifyPatchPath({
    name: 'members',
    filter: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: id },
  });
  return { op: 'remove', path };
}

/** The PATCH requests (each a list of operations) for `delta`; see the file comment. */
export function planMemberPatches(
  delta: MemberDelta,
  options: { batchSize?: number } = {},
): ScimPatchOperation[][] {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 100));
  const requests: ScimPatchOperation[][] = [];
  let adds: string[] = [];
  let removes: string[] = [];
  const flush = () => {
    if (adds.length + removes.length === 0) return;
    const operations: ScimPatchOperation[] = [];
    if (adds.length > 0) {
      operations.push({ op: 'add', path: 'members', value: adds.map((value) => ({ value })) });
    }
    operations.push(...removes.map(removal));
    requests.push(operations);
    adds = [];
    removes = [];
  };
  for (const id of delta.add) {
    adds.push(id);
    if (adds.length + removes.length >= batchSize) flush();
  }
  for (const id of delta.remove) {
    removes.push(id);
    if (adds.length + removes.length >= batchSize) flush();
  }
  flush();
  return requests;
}
