/**
 * The provisioning log's steps and modified properties (Entra's "Steps" and "Modified
 * properties" tabs): import, determine scope (with the scoping filter's explanation), match
 * (each matching attribute tried), action; and each mapped attribute's old and new value —
 * "[Redact]" for values a Redact() produced.
 *
 * Example: modifiedProperties(users, current, desired) → [{ name: 'name.familyName', old: 'Lee', new: 'Li' }]
 */
import { type ScimResource, stringifyFilter } from '../../scim/index.ts';
import type { LogStatus, LogStep, ModifiedProperty } from '../../store/store.ts';
import {
  type CompiledObjectMapping,
  type ExportedObject,
  type MatchDecision,
  readSlot,
  type ScopeDecision,
  sameJson,
} from '../../sync/index.ts';
import type { EscrowRetry } from './object-state.ts';

export interface ImportExtra {
  /** The object came back from its escrow: which attempt this is and why the last one failed. */
  retry?: EscrowRetry | undefined;
  /** Traced runs (provision on demand): the source attributes the mappings read. */
  attributes?: Record<string, unknown> | undefined;
}

export const importStep = (found: boolean, what: string, extra: ImportExtra = {}): LogStep => ({
  name: 'import',
  status: 'Success',
  description: `${
    found ? `Received ${what} from the directory` : `${what} is gone from the directory (purged)`
  }${extra.retry ? ` (retry ${extra.retry.attempt}: the previous attempt failed with ${extra.retry.errorCode})` : ''}`,
  ...((extra.retry || extra.attributes) && {
    details: {
      ...(extra.retry && { retry: extra.retry }),
      ...(extra.attributes && { attributes: extra.attributes }),
    },
  }),
});

export function scopeStep(
  assigned: boolean,
  scope: ScopeDecision | undefined,
  all: boolean,
  state: { disabled: boolean; softDeleted: boolean; purged: boolean },
  assignments?: readonly string[],
): LogStep {
  const parts: string[] = [];
  if (state.purged) parts.push('purged');
  else if (state.softDeleted) parts.push('soft-deleted');
  else if (state.disabled) parts.push('disabled (accountEnabled false)');
  parts.push(
    all
      ? 'sync all users and groups'
      : assigned
        ? 'assigned to the app'
        : 'not assigned to the app',
  );
  if (scope) parts.push(scope.summary);
  const inScope = !state.purged && !state.softDeleted && assigned && (scope?.inScope ?? true);
  return {
    name: 'scope',
    status: inScope ? 'Success' : 'Skipped',
    description: `${inScope ? 'In scope' : 'Out of scope'}: ${parts.join('; ')}`,
    ...(((scope && scope.reasons.length > 0) || assignments) && {
      details: {
        ...(assignments && { assignments: [...assignments] }),
        ...(scope && scope.reasons.length > 0 && { clauses: scope.reasons.map((r) => r.message) }),
      },
    }),
  };
}

export function matchStep(decision: MatchDecision): LogStep {
  const tried =
    decision.kind === 'noCandidates'
      ? []
      : decision.tried.map(
          (t) =>
            `${t.candidate.target} eq ${JSON.stringify(t.candidate.value)}: ${t.ids.length} found`,
        );
  const description = {
    create: 'No matching object on the target: it will be created',
    link: 'Matched an object on the target and linked it',
    duplicate: 'Several objects on the target match',
    noCandidates: 'No matching attribute has a value',
  }[decision.kind];
  const status: LogStatus =
    decision.kind === 'duplicate' || decision.kind === 'noCandidates' ? 'Failure' : 'Success';
  const attempts =
    decision.kind === 'noCandidates'
      ? []
      : decision.tried.map((t) => ({
          attribute: t.candidate.target,
          value: t.candidate.value,
          filter: stringifyFilter(t.candidate.filter),
          found: t.ids.length,
        }));
  return {
    name: 'match',
    status,
    description,
    ...(tried.length > 0 && { details: { tried, attempts } }),
  };
}

export const linkedStep = (targetId: string): LogStep => ({
  name: 'match',
  status: 'Success',
  description: `Linked to target object ${targetId}`,
});

export const actionStep = (
  status: LogStatus,
  description: string,
  details?: Record<string, unknown>,
): LogStep => ({
  name: 'action',
  status,
  description,
  ...(details && { details }),
});

/**
 * A traced run's action details: the resource the mappings exported (sent whole on a create)
 * and the PATCH operations an update sent. Undefined outside traced runs (cycles keep their
 * log entries small).
 */
export function exportDetails(
  trace: boolean | undefined,
  exported: Record<string, unknown> | null | undefined,
  operations?: readonly unknown[],
): Record<string, unknown> | undefined {
  if (!trace) return undefined;
  return { exported: exported ?? null, ...(operations && { operations: [...operations] }) };
}

/** Which mapped attributes a Redact() produced, by attribute-mapping index. */
function redactedIndexes(exported: ExportedObject): Set<number> {
  const out = new Set<number>();
  for (const attribute of exported.attributes) if (attribute.redacted) out.add(attribute.index);
  return out;
}

/** Mapped attributes whose value differs between `current` and `desired` (references included). */
export function modifiedProperties(
  mapping: CompiledObjectMapping,
  current: ScimResource,
  desired: ExportedObject,
): ModifiedProperty[] {
  const out: ModifiedProperty[] = [];
  const redacted = redactedIndexes(desired);
  const shown = (index: number, value: unknown) =>
    redacted.has(index) ? '[Redact]' : (value ?? null);
  for (const compiled of mapping.attributes) {
    const { slot } = compiled;
    if (desired.untouched.has(slot.key) || slot.reference?.multiValued) continue;
    const before = readSlot(current, slot);
    const after = readSlot(desired.resource, slot);
    const same = slot.reference
      ? (before as { value?: unknown } | undefined)?.value ===
        (after as { value?: unknown } | undefined)?.value
      : sameJson(before, after, slot.shape === 'attribute' && slot.attribute?.multiValued === true);
    if (same) continue;
    out.push({
      name: slot.key,
      old: shown(compiled.index, before),
      new: shown(compiled.index, after),
    });
  }
  return out;
}

/** Every value a create sends (references as resolved into the resource). */
export function createdProperties(
  mapping: CompiledObjectMapping,
  desired: ExportedObject,
): ModifiedProperty[] {
  const out: ModifiedProperty[] = [];
  for (const attribute of desired.attributes) {
    if (attribute.status === 'value' || attribute.status === 'default')
      out.push({
        name: attribute.key,
        old: null,
        new: attribute.redacted ? '[Redact]' : (attribute.value ?? null),
      });
    else if (attribute.status === 'reference') {
      const compiled = mapping.attributes.find((a) => a.index === attribute.index);
      if (!compiled || compiled.slot.reference?.multiValued) continue;
      const value = readSlot(desired.resource, compiled.slot);
      if (value !== undefined) out.push({ name: attribute.key, old: null, new: value });
    }
  }
  return out;
}

/** A group's member change for the log: counts and the first ids. */
export function memberChange(
  added: readonly string[],
  removed: readonly string[],
): ModifiedProperty {
  return {
    name: 'members',
    old: removed.length > 0 ? { removed: removed.length, ids: removed.slice(0, 20) } : null,
    new: added.length > 0 ? { added: added.length, ids: added.slice(0, 20) } : null,
  };
}
