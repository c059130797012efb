/**
 * Reduces the `members` part of a Group PATCH to id deltas the store can apply as row inserts
 * and deletes, without loading the group's members (a group may have 100k). Every form Entra and
 * RFC 7644 §3.5.2 use is covered: add `members` with a value list, remove `members` with a value
 * list (Entra's default), remove `members[value eq "u1"]` (and `or` of such), remove `members`
 * (all), replace `members` (all, then the list), and `members` inside a path-less add/replace.
 *
 * The store applies: if `removeAll`, delete every member row, else delete `remove`; then insert
 * `add`, ignoring ids already present; then applies `otherOps` to the group loaded without
 * members, all in one transaction (the request is atomic). `add` and `remove` are disjoint.
 * Ids are compared exactly (they are server-generated). Whether the group changed (for
 * `meta.lastModified`) is for the store to tell from the rows it actually inserted or deleted.
 *
 * When some members operation depends on the current members (`members[type eq "Group"]`,
 * `members[value eq "u1"].display`, an element without a string `value`), `needsMembers` is
 * true: load the members and use applyPatchWithChanges on `otherOps`, which is then every
 * operation; its `memberChanges` are the deltas.
 *
 * Example:
 *   planMemberDeltas(parsePatchRequest({ Operations: [{ op: 'Remove', path: 'members',
 *     value: [{ $ref: null, value: 'u1' }] }] }), groups)
 *   → { add: [], remove: ['u1'], removeAll: false, otherOps: [], needsMembers: false }
 */
import { ScimError } from '../errors.ts';
import type { FilterNode } from '../filter/ast.ts';
import { isPlainObject } from '../resource/types.ts';
import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.ts';
import { incomingElements } from './incoming-values.ts';
import { membersAttribute } from './member-changes.ts';
import type { PatchOperation } from './patch-operation.ts';
import { NeedsMembers, splitMemberOperations } from './split-member-operations.ts';

export interface MemberDeltaPlan {
  /** Member ids to insert after the deletions (rows already present are left as they are). */
  add: string[];
  /** Member ids to delete; empty when `removeAll`. Never shares an id with `add`. */
  remove: string[];
  /** Delete every current member first (`remove members`, `replace members`). */
  removeAll: boolean;
  /** The operations on everything but members, in request order, to apply with applyPatch. */
  otherOps: PatchOperation[];
  /** Some members operation needs the current list: see the file comment. */
  needsMembers: boolean;
}

/** The ids named by `value eq "u1"` or an `or` of such; anything else needs the members. */
function idsOfFilter(filter: FilterNode): string[] {
  if (filter.kind === 'or') return [...idsOfFilter(filter.left), ...idsOfFilter(filter.right)];
  const plain =
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    filter.path.name.toLowerCase() === 'value' &&
    filter.path.subAttr === undefined &&
    typeof filter.value === 'string';
  if (!plain) throw new NeedsMembers();
  return [filter.value as string];
}

/** The ids of a members value list; an element without a string `value` needs the members. */
function idsOfValue(members: ResolvedAttribute, value: unknown): string[] {
  return incomingElements(members.attribute, value, 'members').map((element) => {
    if (!isPlainObject(element) || typeof element.value !== 'string') throw new NeedsMembers();
    return element.value;
  });
}

/** The member deltas of `operations` for a resource type with `members`; see the file comment. */
export function planMemberDeltas(
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): MemberDeltaPlan {
  const members = membersAttribute(schema);
  const none = { add: [], remove: [], removeAll: false };
  if (!members) return { ...none, otherOps: [...operations], needsMembers: false };
  let failing: number | undefined;
  try {
    const { steps, otherOps } = splitMemberOperations(operations, schema, members);
    const add = new Set<string>();
    const remove = new Set<string>();
    let removeAll = false;
    const adding = (ids: string[]) => {
      for (const id of ids) {
        remove.delete(id);
        add.add(id);
      }
    };
    const removing = (ids: string[]) => {
      for (const id of ids) {
        add.delete(id);
        if (!removeAll) remove.add(id);
      }
    };
    const clearing = () => {
      removeAll = true;
      add.clear();
      remove.clear();
    };
    for (const step of steps) {
      failing = step.index;
      const { target } = step;
      if (target.at.sub) throw new NeedsMembers();
      if (target.filter) {
        if (step.op !== 'remove') throw new NeedsMembers();
        removing(idsOfFilter(target.filter));
      } else if (step.op === 'add') {
        adding(idsOfValue(members, step.value));
      } else if (step.op === 'replace') {
        const ids = idsOfValue(members, step.value);
        clearing();
        adding(ids);
      } else if (step.hasValue && step.value !== null) {
        removing(idsOfValue(members, step.value));
      } else {
        clearing();
      }
    }
    return { add: [...add], remove: [...remove], removeAll, otherOps, needsMembers: false };
  } catch (error) {
    if (error instanceof ScimError && failing !== undefined) {
      throw new ScimError(error.status, error.scimType, `Operations[${failing}]: ${error.detail}`);
    }
    if (!(error instanceof NeedsMembers)) throw error;
    return { ...none, otherOps: [...operations], needsMembers: true };
  }
}
