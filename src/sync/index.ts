/**
 * The provisioning decisions, pure (architecture.md, ring 0): what the target should hold for a
 * source object, whether it is in scope, how to find it on the target, the minimal PATCH to get
 * it there, when to disable or delete it, and the failure rules (escrow back-off, quarantine,
 * accidental deletions). No I/O; the clock is a parameter. Imports scim and expressions only.
 *
 * Example (one user of an initial cycle; test/client/provisioning-flow.test.ts runs it for real):
 *   const users = compileMappings(config).value.bySource.user!;      // once per job
 *   if (!evaluateScope(source, users.scope).inScope) …               // planDeprovision decides
 *   const desired = exportObject(source, users, { mode: 'create', now });
 *   const decision = decideMatch(results of client.search(c.filter) for c of planMatch(desired, users));
 *   // create: client.create(users.endpoint, resolveReferences(desired, links.get).exported.resource)
 *   // link:   diffToPatch(await client.get(…), resolveReferences(exportObject(…, { mode: 'update', now }), …).exported, users)
 */
export {
  type CompiledAttributeMapping,
  type CompiledMappings,
  type CompiledObjectMapping,
  type CompileOptions,
  compileMappings,
} from './compile-mappings.ts';
export type { CompiledScopeClause, CompiledScopeGroup } from './compile-scope.ts';
export {
  checkDeletionThreshold,
  type DeletionCheck,
  type DeletionCounts,
  type DeletionThresholdOptions,
  defaultDeletionThreshold,
} from './deletion-threshold.ts';
export { diffToPatch, type ScimPatchOperation, sameJson } from './diff-to-patch.ts';
export {
  type BackoffSchedule,
  backoffDelay,
  defaultEscrowPolicy,
  type EscrowPolicy,
  escrowRetryAt,
  type FailureKind,
} from './escrow-backoff.ts';
export { evaluateScope, type ScopeDecision, type ScopeReason } from './evaluate-scope.ts';
export {
  type ExportError,
  type ExportedAttribute,
  type ExportedObject,
  type ExportedStatus,
  type ExportMode,
  type ExportOptions,
  exportObject,
  type PendingReference,
} from './export-object.ts';
export type {
  ApplyMode,
  AttributeMapping,
  MappingConfig,
  MappingType,
  ObjectMapping,
  ScopingClause,
  ScopingFilterGroup,
  SourceObjectType,
  TargetAction,
} from './mapping-config.ts';
export type { Checked, MappingIssue, MappingIssueCode } from './mapping-issue.ts';
export {
  type DeprovisionOptions,
  type DeprovisionPlan,
  type DeprovisionReason,
  type DeprovisionState,
  planDeprovision,
  type SkipReason,
} from './plan-deprovision.ts';
export {
  decideMatch,
  type MatchCandidate,
  type MatchDecision,
  type MatchResult,
  planMatch,
  slotFilter,
} from './plan-match.ts';
export { diffMembers, type MemberDelta, planMemberPatches } from './plan-member-patches.ts';
export {
  type CycleHealth,
  defaultQuarantinePolicy,
  evaluateQuarantine,
  nextQuarantineAttempt,
  type Quarantine,
  type QuarantineDecision,
  type QuarantineEvent,
  type QuarantinePolicy,
  type QuarantineReason,
  type QuarantineState,
} from './quarantine.ts';
export {
  type ReferenceResolution,
  type ResolvedMembers,
  resolveReferences,
  type UnresolvedReference,
} from './resolve-references.ts';
export {
  parseScopingOperator,
  type ScopingOperator,
  scopingOperators,
} from './scoping-operators.ts';
export { readSlot } from './slot-access.ts';
export { readSourceAttribute, type SourceObject } from './source-attributes.ts';
export type { SlotShape, TargetSlot } from './target-slot.ts';
export { validateMappingConfig } from './validate-mapping-config.ts';
