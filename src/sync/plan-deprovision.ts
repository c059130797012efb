/**
 * What happens to a source object that may have left provisioning (Entra
 * how-provisioning-works.md § Deprovisioning, skip-out-of-scope-deletions.md):
 *
 * - purged (hard-deleted) and linked → `delete`, only when the Delete target action is on;
 * - soft-deleted, disabled, unassigned or out of scope, and linked → `disable`: an update with
 *   [IsSoftDeleted] true, which the default `active` mapping turns into `active: false`. It
 *   needs the Update action and a mapping that reads IsSoftDeleted; without one Entra does
 *   nothing for users, while a group (which has no `active`) is deleted when Delete is on;
 * - "skip out of scope deletions" leaves unassigned and out-of-scope objects alone (it is about
 *   scope; a soft-deleted or disabled user is still disabled);
 * - not linked: nothing to deprovision — a purged object is forgotten, and one that may not be
 *   provisioned (a disabled user is never created, as in Entra) is skipped;
 * - otherwise `provision`: create or update as usual (a re-enabled user comes back this way).
 *
 * Example:
 *   planDeprovision({ linked: true, assigned: false, inScope: true, disabled: false, softDeleted: false, purged: false }, users)
 *   → { kind: 'disable', reason: 'unassigned' }
 */
import type { CompiledObjectMapping } from './compile-mappings.ts';

export interface DeprovisionState {
  /** The object has a target id (it was created or matched before). */
  linked: boolean;
  /** Assigned to the app (always true when the job syncs all users and groups). */
  assigned: boolean;
  /** Passes the scoping filters (evaluateScope). */
  inScope: boolean;
  /** accountEnabled is false (users). */
  disabled: boolean;
  /** In the directory's recycle bin. */
  softDeleted: boolean;
  /** Gone from the directory for good. */
  purged: boolean;
}

export interface DeprovisionOptions {
  /** Entra's SkipOutOfScopeDeletions. Default false. */
  skipOutOfScopeDeletions?: boolean;
}

export type DeprovisionReason = 'purged' | 'softDeleted' | 'disabled' | 'unassigned' | 'outOfScope';

export type SkipReason =
  | 'deleteActionDisabled'
  | 'updateActionDisabled'
  | 'skipOutOfScopeDeletions'
  | 'noSoftDeleteMapping'
  | 'notProvisioned';

export type DeprovisionPlan =
  | { kind: 'provision' }
  | { kind: 'disable'; reason: DeprovisionReason }
  | { kind: 'delete'; reason: DeprovisionReason }
  | { kind: 'skip'; reason: DeprovisionReason; skip: SkipReason }
  /** Not linked and purged: there is nothing on the target to act on. */
  | { kind: 'forget'; reason: 'purged' };

function reasonOf(state: DeprovisionState): DeprovisionReason | undefined {
  if (state.purged) return 'purged';
  if (state.softDeleted) return 'softDeleted';
  if (state.disabled) return 'disabled';
  if (!state.assigned) return 'unassigned';
  if (!state.inScope) return 'outOfScope';
  return undefined;
}

/** Plans the deprovisioning of one object; see the file comment. */
export function planDeprovision(
  state: DeprovisionState,
  mapping: CompiledObjectMapping,
  options: DeprovisionOptions = {},
): DeprovisionPlan {
  const reason = reasonOf(state);
  if (reason === undefined) return { kind: 'provision' };
  if (!state.linked) {
    return reason === 'purged'
      ? { kind: 'forget', reason }
      : { kind: 'skip', reason, skip: 'notProvisioned' };
  }
  const skip = (why: SkipReason): DeprovisionPlan => ({ kind: 'skip', reason, skip: why });
  if (reason === 'purged') {
    return mapping.actions.delete ? { kind: 'delete', reason } : skip('deleteActionDisabled');
  }
  const scopeOnly = reason === 'unassigned' || reason === 'outOfScope';
  if (scopeOnly && options.skipOutOfScopeDeletions) return skip('skipOutOfScopeDeletions');
  if (!mapping.readsIsSoftDeleted) {
    if (mapping.source === 'group') {
      return mapping.actions.delete ? { kind: 'delete', reason } : skip('deleteActionDisabled');
    }
    return skip('noSoftDeleteMapping');
  }
  return mapping.actions.update ? { kind: 'disable', reason } : skip('updateActionDisabled');
}
