/**
 * The parsed form of an RFC 7644 §3.5.2 PATCH request: one entry per element of `Operations`,
 * with `op` lower-cased and `path` already parsed, so that a malformed request fails before
 * anything is applied.
 *
 * Example: { op: 'replace', path: 'name.familyName', target: { name: 'name', subAttr: 'familyName' }, value: 'Jensen' }
 */
import type { PatchPath } from '../filter/ast.ts';
import type { ScimResource } from '../resource/types.ts';

/** The URN every PATCH request body carries in `schemas` (RFC 7644 §3.5.2). */
export const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** RFC 7644 §3.5.2 operation names, lower-case (clients send `Add`, `Replace`, `Remove` too). */
export type PatchOp = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOp;
  /** The path exactly as sent, for error details; absent for a path-less add or replace. */
  path?: string;
  /** `path` parsed (RFC 7644 §3.5.2 Figure 7); present exactly when `path` is. */
  target?: PatchPath;
  /**
   * The raw `value` member. `hasValue` tells an explicit `null` (present) from a missing member,
   * which matters for remove: `{"op":"remove","path":"members"}` clears the attribute while a
   * remove with a value list removes only the listed members (Entra's default form).
   */
  value?: unknown;
  hasValue: boolean;
  /** Position in the request's `Operations`, so errors name it even after operations are split. */
  index?: number;
}

/** Member ids a PATCH added to or removed from a resource's `members` attribute. */
export interface MemberChanges {
  added: string[];
  removed: string[];
}

/** What `applyPatchWithChanges` returns. */
export interface PatchResult {
  /** The patched copy; the input resource is never modified. */
  resource: ScimResource;
  /**
   * False when the operations left the resource as it was (RFC 7644 §3.5.2.1: such a PATCH
   * "SHALL NOT change the modify timestamp of the resource").
   */
  changed: boolean;
  memberChanges: MemberChanges;
}
