/**
 * One object of a page, as a cycle sees it: its directory record (or none: purged), its link,
 * where it stands (assigned, in scope, disabled, soft-deleted) and what planDeprovision makes
 * of that — provision, disable, delete, skip or forget — with the log's first steps.
 *
 * Example: const work = await assess(context, users, item, link) // work.plan.kind → 'provision'
 */

import type {
  DirectoryGroupRecord,
  DirectoryUserRecord,
  LogStep,
  ProvisioningLink,
  ProvisioningObjectType,
} from '../../store/store.ts';
import {
  type CompiledObjectMapping,
  type DeprovisionPlan,
  evaluateScope,
  planDeprovision,
  readSourceAttribute,
  type ScopeDecision,
  type SourceObject,
} from '../../sync/index.ts';
import type { SkipCode } from '../error-codes.ts';
import { groupIdentity, userIdentity } from '../source-objects.ts';
import type { CycleContext } from './cycle-context.ts';
import { importStep, scopeStep } from './log-steps.ts';
import { sourceOf } from './source-of.ts';

/** An escrow due again: which attempt this is and the error of the last one. */
export interface EscrowRetry {
  attempt: number;
  errorCode: string;
}

export interface SyncItem {
  sourceId: string;
  /** The directory record; undefined when the object is gone for good (purged). */
  record: DirectoryUserRecord | DirectoryGroupRecord | undefined;
  changeId: number | null;
  /** Known assignment (initial cycles know it from their candidate list). */
  assigned?: boolean;
  /** Back from its escrow: the attempt this is and the last failure's code (for the log). */
  retry?: EscrowRetry;
}

export interface ObjectWork {
  type: ProvisioningObjectType;
  item: SyncItem;
  source: SourceObject | undefined;
  identity: string;
  link: ProvisioningLink | undefined;
  plan: DeprovisionPlan;
  scope: ScopeDecision | undefined;
  steps: LogStep[];
  startedAt: number;
  /** Its link was dropped in this cycle (InvalidAnchor): it is matched or created again. */
  rematched?: boolean;
}

export async function assess(
  context: CycleContext,
  mapping: CompiledObjectMapping,
  type: ProvisioningObjectType,
  item: SyncItem,
  link: ProvisioningLink | undefined,
): Promise<ObjectWork> {
  const startedAt = performance.now();
  const { record } = item;
  const source = record === undefined ? undefined : await sourceOf(context, mapping, type, record);
  const identity =
    record === undefined
      ? (link?.identity ?? item.sourceId)
      : type === 'user'
        ? userIdentity(record as DirectoryUserRecord)
        : groupIdentity(record as DirectoryGroupRecord);
  const assigned =
    record === undefined
      ? false
      : (item.assigned ??
        (type === 'user'
          ? await context.scope.isUserAssigned(item.sourceId)
          : context.scope.isGroupAssigned(item.sourceId)));
  const scope = source ? evaluateScope(source, mapping.scope) : undefined;
  const state = {
    linked: link !== undefined,
    assigned,
    inScope: scope?.inScope ?? false,
    disabled:
      type === 'user' &&
      record !== undefined &&
      !(record as DirectoryUserRecord).data.accountEnabled,
    softDeleted: record !== undefined && record.deleted !== null,
    purged: record === undefined,
  };
  const plan = planDeprovision(state, mapping, {
    skipOutOfScopeDeletions: context.job.settings.skipOutOfScopeDeletions,
  });
  const steps = [
    importStep(record !== undefined, type === 'user' ? `user ${identity}` : `group ${identity}`, {
      retry: item.retry,
      attributes: context.trace && source ? readAttributes(source, mapping) : undefined,
    }),
    scopeStep(
      assigned,
      scope,
      context.scope.all,
      state,
      context.trace && record ? await assignmentReasons(context, type, item.sourceId) : undefined,
    ),
  ];
  return { type, item, source, identity, link, plan, scope, steps, startedAt };
}

/** The source attributes the mappings and scoping filters read, with their values. */
function readAttributes(source: SourceObject, mapping: CompiledObjectMapping) {
  const out: Record<string, unknown> = { objectId: source.objectId ?? null };
  for (const name of mapping.sourceAttributes)
    out[name] = readSourceAttribute(source, name) ?? null;
  return out;
}

/** Why the object is (not) assigned, in words: each assignment and its role. */
async function assignmentReasons(
  context: CycleContext,
  type: ProvisioningObjectType,
  id: string,
): Promise<string[]> {
  const list =
    type === 'user' ? await context.scope.assignmentsOf(id) : context.scope.groupAssignments(id);
  const reasons = list.map((a) =>
    a.principalType === 'group' && a.principalId !== id
      ? `assigned through group ${a.principalName ?? a.principalId} with role ${a.displayName}`
      : `assigned directly with role ${a.displayName}`,
  );
  if (reasons.length === 0)
    reasons.push(
      context.scope.all
        ? 'no assignment; the job syncs all users and groups'
        : 'no assignment with a provisioned role (Default Access does not count)',
    );
  return reasons;
}

/** The log's skip code for a plan that skips. */
export function skipCodeOf(plan: DeprovisionPlan): SkipCode {
  if (plan.kind === 'forget') return 'PurgedBeforeProvisioned';
  if (plan.kind !== 'skip') return 'NotProvisioned';
  switch (plan.skip) {
    case 'deleteActionDisabled':
      return 'DeleteActionDisabled';
    case 'updateActionDisabled':
      return 'UpdateActionDisabled';
    case 'skipOutOfScopeDeletions':
      return 'SkipOutOfScopeDeletions';
    case 'noSoftDeleteMapping':
      return 'NoSoftDeleteMapping';
    case 'notProvisioned':
      if (plan.reason === 'unassigned') return 'NotEffectivelyEntitled';
      if (plan.reason === 'outOfScope') return 'OutOfScope';
      if (plan.reason === 'disabled') return 'DisabledNotCreated';
      return 'NotProvisioned';
  }
}

export const skipReasons: Record<SkipCode, string> = {
  NotEffectivelyEntitled: 'not assigned to the app (or only with Default Access)',
  OutOfScope: 'the scoping filters leave it out',
  RedundantExport: 'the target already holds the exported values',
  CreateActionDisabled: 'no matching object on the target, and the Create action is off',
  UpdateActionDisabled: 'the Update action is off',
  DeleteActionDisabled: 'purged, but the Delete action is off',
  SkipOutOfScopeDeletions: 'left scope, and skip-out-of-scope-deletions is on',
  NoSoftDeleteMapping: 'left scope, but no mapping reads [IsSoftDeleted] to disable it',
  NotProvisioned: 'soft-deleted before it was provisioned',
  DisabledNotCreated: 'disabled (accountEnabled false): never created',
  PurgedBeforeProvisioned: 'purged before it was provisioned',
  ObjectMappingDisabled: 'its object mapping is off',
};
