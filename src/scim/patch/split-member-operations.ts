/**
 * Separates the operations of a Group PATCH that touch `members` from the rest, splitting a
 * path-less value object by key (`{"displayName":"X","members":[…]}` gives one member step and
 * one path-less operation with `displayName` alone). Used by plan-member-deltas.ts.
 *
 * Example: splitMemberOperations(parsePatchRequest(body), groups, membersAttribute(groups)!)
 *   → { steps: [{ op: 'add', target: members, value: [{ value: 'u1' }], … }], otherOps: [] }
 */
import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.ts';
import { expandValueObject } from './expand-value-object.ts';
import type { PatchOperation } from './patch-operation.ts';
import { type AttributeTarget, resolvePatchTarget } from './resolve-patch-target.ts';

/** Thrown when an operation on members cannot be planned without the current members. */
export class NeedsMembers extends Error {}

/** One operation on `members` alone, as the planner sees it. */
export interface MemberStep {
  op: PatchOperation['op'];
  target: AttributeTarget;
  value: unknown;
  hasValue: boolean;
  /** The operation's position in the request, for error details. */
  index: number | undefined;
}

/** Splits `operations` into member steps and the rest (path-less values split by key). */
export function splitMemberOperations(
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
  members: ResolvedAttribute,
) {
  const steps: MemberStep[] = [];
  const otherOps: PatchOperation[] = [];
  const isMembers = (t: AttributeTarget) => t.at.attribute === members.attribute;
  for (const operation of operations) {
    if (operation.target === undefined) {
      const rest: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(operation.value as Record<string, unknown>)) {
        const items = expandValueObject({ [key]: value }, schema);
        const mine = items.filter((item) => isMembers(item.target));
        if (mine.length > 0 && mine.length < items.length) throw new NeedsMembers();
        if (mine.length === 0) rest[key] = value;
        for (const item of mine) {
          steps.push({
            op: operation.op,
            target: item.target,
            value: item.value,
            hasValue: true,
            index: operation.index,
          });
        }
      }
      if (Object.keys(rest).length > 0) otherOps.push({ ...operation, value: rest });
      continue;
    }
    let target: ReturnType<typeof resolvePatchTarget> | undefined;
    try {
      target = resolvePatchTarget(operation.target, operation.path!, schema);
    } catch {
      target = undefined; // an unknown path fails later, when otherOps are applied
    }
    if (target?.kind === 'attribute' && isMembers(target)) {
      steps.push({
        op: operation.op,
        target,
        value: operation.value,
        hasValue: operation.hasValue,
        index: operation.index,
      });
    } else {
      otherOps.push(operation);
    }
  }
  return { steps, otherOps };
}
