/**
 * SCIM PATCH (RFC 7644 §3.5.2): parse a request, apply it to a resource atomically without
 * mutating the input, and — for groups with very many members — plan the member row deltas
 * without loading the members.
 *
 * Example:
 *   const operations = parsePatchRequest(body);
 *   const { resource, changed, memberChanges } = applyPatchWithChanges(stored, operations, users);
 */
export { applyPatch, applyPatchWithChanges } from './apply-patch.ts';
export { parsePatchRequest } from './parse-patch-request.ts';
export type {
  MemberChanges,
  PatchOp,
  PatchOperation,
  PatchResult,
} from './patch-operation.ts';
export { patchOpSchema } from './patch-operation.ts';
export { type MemberDeltaPlan, planMemberDeltas } from './plan-member-deltas.ts';
